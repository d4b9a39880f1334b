"""deploy/k8s: every overlay rendered with `kubectl kustomize`, built-in kinds validated
strictly against the Kubernetes API schemas (kubernetes-validate ships them: offline), the
custom resources' fields the suite relies on, and the suite's own rules."""

import importlib.util
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import yaml

K8S = Path(__file__).resolve().parents[1] / "k8s"
OVERLAYS = ("dev", "prod")
KUBERNETES_VERSION = "1.33.0"
SERVICES = ("membership", "rebate", "competition")
APPS = (*SERVICES, "gateway")
# Every service has a worker (`python -m <service> worker`): its runs, imports and relays.
WORKERS = SERVICES
WEBHOOK_SECRET = "whsec_" + "A" * 43 + "="
# A Secret's value as an operator sets it, where the value has a form of its own (by key);
# every other key gets a database URL, which any string setting takes.
SECRET_VALUES = {
    "org-event-subscribers": json.dumps(
        [{"url": "http://competition:8000/v1/webhooks/membership", "secret": WEBHOOK_SECRET}]
    ),
    "membership-webhook-secret": WEBHOOK_SECRET,
}
# Kinds that Kubernetes itself does not define: checked field by field below.
CUSTOM_GROUPS = (
    "postgresql.cnpg.io",
    "barmancloud.cnpg.io",
    "gateway.networking.k8s.io",
    "monitoring.coreos.com",
)
# Settings every traced process reads alike (servicekit's settings base): the collector.
SHARED_CONFIG_MAPS = ("telemetry-config",)
KUBECTL = shutil.which("kubectl")

pytestmark = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed")

Manifest = dict[str, Any]


def render(overlay: str) -> list[Manifest]:
    assert KUBECTL is not None
    result = subprocess.run(
        [KUBECTL, "kustomize", str(K8S / "overlays" / overlay)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@pytest.fixture(scope="module", params=OVERLAYS)
def manifests(request: pytest.FixtureRequest) -> list[Manifest]:
    return render(request.param)


def of_kind(manifests: list[Manifest], kind: str) -> list[Manifest]:
    return [m for m in manifests if m["kind"] == kind]


def named(manifests: list[Manifest], kind: str, name: str) -> Manifest:
    found = [m for m in of_kind(manifests, kind) if m["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}: {len(found)} found"
    return found[0]


def pod_templates(manifests: list[Manifest]) -> Iterator[tuple[Manifest, Manifest]]:
    """(workload, pod template) of every Deployment, Job and CronJob."""
    for m in manifests:
        if m["kind"] in ("Deployment", "Job"):
            yield m, m["spec"]["template"]
        elif m["kind"] == "CronJob":
            yield m, m["spec"]["jobTemplate"]["spec"]["template"]


def app_of(template: Manifest) -> str:
    name: str = template["metadata"]["labels"]["app.kubernetes.io/name"]
    return name


def component_of(template: Manifest) -> str:
    component: str = template["metadata"]["labels"]["app.kubernetes.io/component"]
    return component


def image_name(image: str) -> str:
    """`registry.example.org/gonghui/rebate:0.1.0` → `gonghui/rebate`."""
    path = image.split("@")[0].rsplit(":", 1)[0] if ":" in image.split("/")[-1] else image
    return "/".join(path.split("/")[-2:])


def test_built_in_kinds_are_valid_strictly(manifests: list[Manifest]) -> None:
    checked = 0
    for m in manifests:
        if m["apiVersion"].split("/")[0] in CUSTOM_GROUPS:
            continue
        kubernetes_validate.validate(m, KUBERNETES_VERSION, strict=True)
        checked += 1
    assert checked > 30


def test_strict_validation_refuses_a_misspelt_field(manifests: list[Manifest]) -> None:
    deployment = of_kind(manifests, "Deployment")[0]
    broken = {**deployment, "spec": {**deployment["spec"], "replica": 2}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_no_secret_is_in_the_manifests(manifests: list[Manifest]) -> None:
    assert of_kind(manifests, "Secret") == []


def test_every_variable_is_a_setting_of_its_service(
    manifests: list[Manifest], known_variables: dict[str, set[str]]
) -> None:
    config_maps = {m["metadata"]["name"]: m for m in of_kind(manifests, "ConfigMap")}
    for workload, template in pod_templates(manifests):
        app = app_of(template)
        for container in template["spec"]["containers"]:
            variables = {e["name"] for e in container.get("env", [])}
            for source in container.get("envFrom", []):
                config_map = config_maps[source["configMapRef"]["name"]]
                assert config_map["metadata"]["name"].startswith(
                    (f"{app}-config", *SHARED_CONFIG_MAPS)
                )
                variables |= set(config_map["data"])
            unknown = variables - known_variables[app]
            assert not unknown, f"{workload['metadata']['name']}: {unknown} are not {app}'s"


def test_every_process_loads_its_settings_from_its_manifest(
    manifests: list[Manifest],
    settings_classes: dict[str, type[Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # In production a settings class refuses to load without every secret: a process whose
    # manifest leaves one out would fail at start (the migrations read only their URL).
    config_maps = {m["metadata"]["name"]: m for m in of_kind(manifests, "ConfigMap")}
    for workload, template in pod_templates(manifests):
        if component_of(template) == "migrate":
            continue
        app = app_of(template)
        [container] = template["spec"]["containers"]
        environment = {}
        for source in container.get("envFrom", []):
            environment |= config_maps[source["configMapRef"]["name"]]["data"]
        for variable in container.get("env", []):
            if "value" in variable:
                environment[variable["name"]] = variable["value"]
            else:  # a Secret's value, as an operator sets it
                key = variable["valueFrom"]["secretKeyRef"]["key"]
                environment[variable["name"]] = SECRET_VALUES.get(
                    key, "postgresql+asyncpg://u:p@db/gonghui"
                )
        with monkeypatch.context() as patch:
            for name, value in environment.items():
                patch.setenv(name, value)
            settings = settings_classes[app]()
        assert settings.environment == environment[f"{app.upper()}_ENVIRONMENT"], workload


def test_every_process_of_a_service_reads_the_same_secrets(manifests: list[Manifest]) -> None:
    # Optional secrets too (the SMS gateway's token, the webhook secrets): a process without
    # one would load, and then fail at its first SMS or event.
    secrets: dict[str, dict[str, set[str]]] = {}
    for workload, template in pod_templates(manifests):
        if component_of(template) == "migrate":
            continue
        [container] = template["spec"]["containers"]
        names = {e["name"] for e in container.get("env", []) if "valueFrom" in e}
        secrets.setdefault(app_of(template), {})[workload["metadata"]["name"]] = names
    for by_workload in secrets.values():
        assert len({frozenset(names) for names in by_workload.values()}) == 1, by_workload
    assert {"MEMBERSHIP_SMS_GATEWAY_TOKEN", "MEMBERSHIP_ORG_EVENT_SUBSCRIBERS"} <= secrets[
        "membership"
    ]["membership"]
    assert "REBATE_AUDIT_SIGNING_KEY" in secrets["rebate"]["rebate"]
    assert "COMPETITION_MEMBERSHIP_WEBHOOK_SECRET" in secrets["competition"]["competition"]


def test_every_process_reads_only_its_own_secrets(manifests: list[Manifest]) -> None:
    for workload, template in pod_templates(manifests):
        app = app_of(template)
        for container in template["spec"]["containers"]:
            for variable in container.get("env", []):
                if "value" in variable:  # a plain setting, never a secret
                    assert not re.search(r"PASSWORD|SECRET|_KEY$|_TOKEN$", variable["name"])
                    continue
                ref = variable["valueFrom"]["secretKeyRef"]
                assert ref["name"] == f"{app}-secrets", workload["metadata"]["name"]
        for volume in template["spec"].get("volumes", []):
            if "secret" in volume:
                assert volume["secret"]["secretName"].startswith(f"{app}-")


def test_every_deployment_has_both_probes_and_resources(manifests: list[Manifest]) -> None:
    for deployment in of_kind(manifests, "Deployment"):
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
            assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
            assert {"cpu", "memory"} <= set(container["resources"]["requests"])
            assert "memory" in container["resources"]["limits"]


def test_every_pod_is_restricted_with_a_read_only_root(manifests: list[Manifest]) -> None:
    for workload, template in pod_templates(manifests):
        spec = template["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        assert spec["automountServiceAccountToken"] is False
        for container in spec["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, workload["metadata"]["name"]
            assert context["readOnlyRootFilesystem"] is True
            assert context["capabilities"]["drop"] == ["ALL"]
            assert "resources" in container
        # A mounted Secret's files belong to root: the process reads them through its group.
        for volume in spec.get("volumes", []):
            if "secret" in volume:
                assert spec["securityContext"]["fsGroup"] == spec["securityContext"]["runAsGroup"]
                assert volume["secret"]["defaultMode"] & 0o040
    for namespace in of_kind(manifests, "Namespace"):
        assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"


def test_every_job_and_worker_uses_its_services_image(manifests: list[Manifest]) -> None:
    seen: set[tuple[str, str]] = set()
    for workload, template in pod_templates(manifests):
        app = app_of(template)
        for container in template["spec"]["containers"]:
            assert image_name(container["image"]) == f"gonghui/{app}", workload["metadata"]
        seen.add((app, component_of(template)))
    for service in SERVICES:
        assert {(service, "web"), (service, "migrate")} <= seen
    assert {(app, c) for app, c in seen if c == "worker"} == {(w, "worker") for w in WORKERS}
    assert {("rebate", "retention"), ("competition", "retention")} <= seen


def test_each_web_process_has_a_service_an_autoscaler_and_a_disruption_budget(
    manifests: list[Manifest],
) -> None:
    for app in APPS:
        deployment = named(manifests, "Deployment", app)
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        service = named(manifests, "Service", app)
        assert all(labels[k] == v for k, v in service["spec"]["selector"].items())
        assert service["spec"]["ports"][0]["port"] == 8000
        autoscaler = named(manifests, "HorizontalPodAutoscaler", app)
        assert autoscaler["spec"]["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": app,
        }
        budget = named(manifests, "PodDisruptionBudget", app)
        assert (
            budget["spec"]["selector"]["matchLabels"]
            == deployment["spec"]["selector"]["matchLabels"]
        )


def test_workers_migrations_and_retention_run_the_right_commands(
    manifests: list[Manifest],
) -> None:
    for service in WORKERS:
        worker = named(manifests, "Deployment", f"{service}-worker")
        [container] = worker["spec"]["template"]["spec"]["containers"]
        assert container["command"] == ["python", "-m", service, "worker"]
        assert importlib.util.find_spec(f"{service}.__main__") is not None
        # Its probes' port, for this process alone (the web process serves on 8000 itself).
        port = {"name": f"{service.upper()}_WORKER_HEALTH_PORT", "value": "8000"}
        assert port in container["env"]
        assert container["ports"] == [{"name": "http", "containerPort": 8000}]
        web = named(manifests, "Deployment", service)
        [container] = web["spec"]["template"]["spec"]["containers"]
        assert all(e["name"] != port["name"] for e in container["env"])
    for service in SERVICES:
        migrate = named(manifests, "Job", f"{service}-migrate")
        [container] = migrate["spec"]["template"]["spec"]["containers"]
        assert container["command"] == ["alembic", "upgrade", "head"]
        # As the service's own role: its URL, from its own Secret; to the primary directly.
        [url] = [e for e in container["env"] if e["name"] == f"{service.upper()}_DATABASE_URL"]
        assert url["valueFrom"]["secretKeyRef"] == {
            "name": f"{service}-secrets",
            "key": "migration-database-url",
        }
    for service in ("rebate", "competition"):
        cron = named(manifests, "CronJob", f"{service}-retention")
        template = cron["spec"]["jobTemplate"]["spec"]["template"]
        [container] = template["spec"]["containers"]
        assert container["command"] == ["python", "-m", f"{service}.retention"]
        assert importlib.util.find_spec(f"{service}.retention") is not None
        assert cron["spec"]["concurrencyPolicy"] == "Forbid"


def test_database_is_a_three_instance_cluster_behind_a_transaction_pooler(
    manifests: list[Manifest],
) -> None:
    [cluster] = of_kind(manifests, "Cluster")
    spec = cluster["spec"]
    assert spec["instances"] == 3
    assert spec["bootstrap"]["initdb"]["database"] == "gonghui"
    roles = {role["name"]: role for role in spec["managed"]["roles"]}
    assert set(roles) == set(SERVICES)
    for service, role in roles.items():
        assert role["login"] is True
        assert role["passwordSecret"] == {"name": f"{service}-db-role"}
    [sql_ref] = spec["bootstrap"]["initdb"]["postInitApplicationSQLRefs"]["configMapRefs"]
    provisioning = named(manifests, "ConfigMap", sql_ref["name"])["data"][sql_ref["key"]]
    for service in SERVICES:
        assert f"ALTER ROLE {service} SET search_path TO {service};" in provisioning
        assert f"ALTER ROLE {service} SET jit TO off;" in provisioning

    [pooler] = of_kind(manifests, "Pooler")
    assert pooler["spec"]["cluster"]["name"] == cluster["metadata"]["name"]
    assert pooler["spec"]["type"] == "rw"
    assert pooler["spec"]["pgbouncer"]["poolMode"] == "transaction"
    # Every service knows it sits behind it (no statement cache across transactions).
    for service in SERVICES:
        config = of_kind(manifests, "ConfigMap")
        [data] = [c["data"] for c in config if c["metadata"]["name"].startswith(f"{service}-")]
        assert data[f"{service.upper()}_DB_TRANSACTION_POOLER"] == "true"


def test_the_gateway_alone_is_exposed_through_an_http_route(manifests: list[Manifest]) -> None:
    [route] = of_kind(manifests, "HTTPRoute")
    assert route["apiVersion"] == "gateway.networking.k8s.io/v1"
    assert route["spec"]["parentRefs"]
    assert route["spec"]["hostnames"]
    backends = [b for rule in route["spec"]["rules"] for b in rule["backendRefs"]]
    assert [(b["name"], b["port"]) for b in backends] == [("gateway", 8000)]
    ports = [p["port"] for p in named(manifests, "Service", "gateway")["spec"]["ports"]]
    assert 8000 in ports


def test_production_backs_up_to_object_storage() -> None:
    manifests = render("prod")
    [cluster] = of_kind(manifests, "Cluster")
    [plugin] = cluster["spec"]["plugins"]
    assert plugin["isWALArchiver"] is True
    store = named(manifests, "ObjectStore", plugin["parameters"]["barmanObjectName"])
    assert store["spec"]["configuration"]["destinationPath"].startswith("s3://")
    assert store["spec"]["retentionPolicy"]
    [backup] = of_kind(manifests, "ScheduledBackup")
    assert backup["spec"]["cluster"]["name"] == cluster["metadata"]["name"]
    assert backup["spec"]["method"] == "plugin"
    assert backup["spec"]["pluginConfiguration"]["name"] == plugin["name"]
    assert len(backup["spec"]["schedule"].split()) == 6


# NetworkPolicies, evaluated: which of the suite's pods may open a connection to which.


def _selects(selector: Manifest, labels: dict[str, str]) -> bool:
    if any(labels.get(k) != v for k, v in selector.get("matchLabels", {}).items()):
        return False
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In"
        if labels.get(expression["key"]) not in expression["values"]:
            return False
    return True


def _pods(manifests: list[Manifest]) -> dict[str, dict[str, str]]:
    pods = {
        f"{app_of(t)}-{component_of(t)}": t["metadata"]["labels"]
        for _, t in pod_templates(manifests)
    }
    [cluster] = of_kind(manifests, "Cluster")
    [pooler] = of_kind(manifests, "Pooler")
    pods["database"] = {"cnpg.io/cluster": cluster["metadata"]["name"]}
    pods["pooler"] = {
        **pooler["spec"]["template"]["metadata"]["labels"],
        "cnpg.io/poolerName": pooler["metadata"]["name"],
    }
    return pods


def _allowed(
    policies: list[Manifest], direction: str, pod: dict[str, str], peer: dict[str, str], port: int
) -> bool:
    """Whether `pod`'s policies let `peer` through on `port` (in-namespace pod peers only)."""
    relevant = [
        p
        for p in policies
        if _selects(p["spec"]["podSelector"], pod) and direction in p["spec"]["policyTypes"]
    ]
    if not relevant:
        return True  # not isolated in that direction
    key, peers = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    for policy in relevant:
        for rule in policy["spec"].get(key, []):
            ports = {p["port"] for p in rule.get("ports", [])}
            if ports and port not in ports:
                continue
            for entry in rule.get(peers, []):
                if set(entry) == {"podSelector"} and _selects(entry["podSelector"], peer):
                    return True
    return False


def test_network_policies_allow_exactly_the_suites_paths(manifests: list[Manifest]) -> None:
    policies = of_kind(manifests, "NetworkPolicy")
    pods = _pods(manifests)
    reachable = set()
    for source, source_labels in pods.items():
        for target, target_labels in pods.items():
            port = 5432 if target in ("database", "pooler") else 8000
            if (
                source != target
                and _allowed(policies, "Egress", source_labels, target_labels, port)
                and _allowed(policies, "Ingress", target_labels, source_labels, port)
            ):
                reachable.add((source, target))
    database_clients = {f"{s}-web" for s in SERVICES} | {f"{w}-worker" for w in WORKERS}
    database_clients |= {"rebate-retention", "competition-retention"}
    expected = {("gateway-web", f"{s}-web") for s in SERVICES}
    expected |= {(client, "pooler") for client in database_clients}
    expected |= {(f"{s}-migrate", "database") for s in SERVICES}
    expected |= {
        (client, "membership-web")
        for client in database_clients
        if client.startswith(("rebate-", "competition-"))
    }
    expected |= {("pooler", "database")}
    # Membership's organisation events to competition's webhook, from its worker's relay.
    expected |= {("membership-worker", "competition-web")}
    assert reachable == expected


# Monitoring: what kube-prometheus-stack and the OpenTelemetry collector's chart run, in the
# namespace the suite's manifests name, beside impostors that must reach nothing.
PROMETHEUS = {
    "app.kubernetes.io/name": "prometheus",
    "app.kubernetes.io/instance": "kube-prometheus-stack-prometheus",
    "prometheus": "kube-prometheus-stack-prometheus",
}
COLLECTOR = {
    "app.kubernetes.io/name": "opentelemetry-collector",
    "app.kubernetes.io/instance": "otel",
}
GRAFANA = {
    "app.kubernetes.io/name": "grafana",
    "app.kubernetes.io/instance": "kube-prometheus-stack",
}


def _namespace(name: str) -> dict[str, str]:
    return {"kubernetes.io/metadata.name": name}


def _admits(
    policies: list[Manifest],
    direction: str,
    pod: dict[str, str],
    peer_namespace: dict[str, str],
    peer: dict[str, str],
    port: int,
    own_namespace: dict[str, str],
) -> bool:
    """Whether `pod`'s policies let `peer` (of `peer_namespace`) through on `port`."""
    relevant = [
        p
        for p in policies
        if _selects(p["spec"]["podSelector"], pod) and direction in p["spec"]["policyTypes"]
    ]
    if not relevant:
        return True
    key, peers = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    for policy in relevant:
        for rule in policy["spec"].get(key, []):
            ports = {p["port"] for p in rule.get("ports", [])}
            if ports and port not in ports:
                continue
            for entry in rule.get(peers, []):
                if "ipBlock" in entry:
                    continue  # addresses outside the cluster, never a pod's
                if "namespaceSelector" in entry:
                    in_namespace = _selects(entry["namespaceSelector"], peer_namespace)
                else:
                    in_namespace = peer_namespace == own_namespace
                if in_namespace and _selects(entry.get("podSelector", {}), peer):
                    return True
    return False


def _suite_namespace(manifests: list[Manifest]) -> dict[str, str]:
    [namespace] = of_kind(manifests, "Namespace")
    return _namespace(namespace["metadata"]["name"])


def _metrics_pods(manifests: list[Manifest]) -> set[str]:
    """The suite's pods that serve /metrics: every web and worker process."""
    return {f"{app}-web" for app in APPS} | {f"{worker}-worker" for worker in WORKERS}


def test_prometheus_scrapes_every_pod_that_serves_metrics_and_nothing_else(
    manifests: list[Manifest],
) -> None:
    policies = of_kind(manifests, "NetworkPolicy")
    suite = _suite_namespace(manifests)
    pods = _pods(manifests)
    [monitor] = of_kind(manifests, "PodMonitor")
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1"
    # kube-prometheus-stack's Prometheus selects PodMonitors by its Helm release.
    assert monitor["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    monitored = {
        name for name, labels in pods.items() if _selects(monitor["spec"]["selector"], labels)
    }
    assert monitored == _metrics_pods(manifests)
    [endpoint] = monitor["spec"]["podMetricsEndpoints"]
    assert endpoint["path"] == "/metrics"
    for _, template in pod_templates(manifests):
        if f"{app_of(template)}-{component_of(template)}" in monitored:
            [container] = template["spec"]["containers"]
            assert {"name": endpoint["port"], "containerPort": 8000} in container["ports"]

    def scraped_by(namespace: dict[str, str], peer: dict[str, str], port: int) -> set[str]:
        return {
            name
            for name, labels in pods.items()
            if _admits(policies, "Ingress", labels, namespace, peer, port, suite)
        }

    monitoring = _namespace("monitoring")
    assert scraped_by(monitoring, PROMETHEUS, 8000) == monitored
    # Nothing else of the suite opens to Prometheus, and nobody else gets in through it:
    # not another pod of the monitoring namespace, not a Prometheus of another namespace.
    assert scraped_by(monitoring, PROMETHEUS, 5432) == set()
    assert scraped_by(monitoring, GRAFANA, 8000) == set()
    assert scraped_by(_namespace("default"), PROMETHEUS, 8000) == set()
    assert scraped_by(suite, PROMETHEUS, 8000) == set()


def test_every_traced_pod_reaches_the_collector_and_nothing_else_new(
    manifests: list[Manifest],
) -> None:
    policies = of_kind(manifests, "NetworkPolicy")
    suite = _suite_namespace(manifests)
    pods = _pods(manifests)
    # The collector of the overlay: its namespace and port in the policy, its address in
    # telemetry-config; they must name the same place.
    policy = named(manifests, "NetworkPolicy", "otlp-collector")
    [rule] = policy["spec"]["egress"]
    [peer] = rule["to"]
    [port_entry] = rule["ports"]
    namespace = peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]
    port = port_entry["port"]
    [telemetry] = [
        m
        for m in of_kind(manifests, "ConfigMap")
        if m["metadata"]["name"].startswith("telemetry-config")
    ]
    endpoint = urlsplit(telemetry["data"]["OTEL_EXPORTER_OTLP_ENDPOINT"])
    assert endpoint.port == port
    assert endpoint.hostname is not None
    assert endpoint.hostname.split(".")[1] == namespace

    def reaching(namespace_labels: dict[str, str], target: dict[str, str], port: int) -> set[str]:
        # The suite's own processes: CloudNativePG's pods keep the egress the operator needs.
        return {
            name
            for name, labels in pods.items()
            if name not in ("database", "pooler")
            and _admits(policies, "Egress", labels, namespace_labels, target, port, suite)
        }

    collectors = _namespace(namespace)
    assert reaching(collectors, COLLECTOR, port) == _metrics_pods(manifests)
    # Only the collector, only its port: not gRPC's 4317, not a neighbour in its namespace,
    # not a pod of another namespace calling itself a collector.
    assert reaching(collectors, COLLECTOR, 4317) == set()
    assert reaching(collectors, GRAFANA, port) == set()
    assert reaching(_namespace("default"), COLLECTOR, port) == set()
    # Every traced process is told where the collector is.
    for workload, template in pod_templates(manifests):
        if f"{app_of(template)}-{component_of(template)}" in _metrics_pods(manifests):
            [container] = template["spec"]["containers"]
            sources = [s["configMapRef"]["name"] for s in container["envFrom"]]
            assert telemetry["metadata"]["name"] in sources, workload["metadata"]["name"]


def test_only_rebates_worker_and_membership_leave_the_cluster(manifests: list[Manifest]) -> None:
    # Partners (banks, tax systems) from rebate's relay; the SMS gateway from membership's web
    # pods: HTTPS only, never to private addresses.
    policies = of_kind(manifests, "NetworkPolicy")
    leaving = set()
    for name, labels in _pods(manifests).items():
        for policy in policies:
            if not _selects(policy["spec"]["podSelector"], labels):
                continue
            for rule in policy["spec"].get("egress", []):
                for entry in rule.get("to", []):
                    if "ipBlock" in entry:
                        assert entry["ipBlock"]["cidr"] == "0.0.0.0/0"
                        assert "10.0.0.0/8" in entry["ipBlock"]["except"]
                        assert [p["port"] for p in rule["ports"]] == [443]
                        leaving.add(name)
    assert leaving == {"rebate-worker", "membership-web"}
