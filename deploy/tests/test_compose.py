"""deploy/compose.yaml against the Compose specification's JSON schema (the copy that
check-jsonschema ships, so this runs offline), and against the suite's own rules."""

import importlib.util
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

COMPOSE = Path(__file__).resolve().parents[1] / "compose.yaml"
SERVICES = ("membership", "rebate", "competition")
APPS = (*SERVICES, "gateway")
# Every service has a worker (`python -m <service> worker`): its runs, imports and relays.
WORKERS = SERVICES
# One-off processes that load a service's settings whole, besides its web process and worker.
LOADERS = {"bootstrap": "membership"}
# Values of interpolated variables as an operator's deploy/.env gives them, where a value has a
# form of its own; any other variable gets a placeholder.
ENV_FILE_VALUES = {
    "COMPETITION_MEMBERSHIP_WEBHOOK_SECRET": "whsec_" + "A" * 43 + "=",
}


def _interpolated(value: object) -> str:
    def env_file_value(match: re.Match[str]) -> str:
        return ENV_FILE_VALUES.get(match.group(1), "value-from-env")

    return re.sub(r"\$\{([A-Z0-9_]+)[^}]*\}", env_file_value, str(value))


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return document


def _validator() -> Any:
    vendored = resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    schema = json.loads(vendored.read_text())
    # The draft the schema declares ($schema), so that its $defs and references resolve.
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def test_file_follows_the_compose_specification(compose: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(compose)]
    assert errors == []


@pytest.mark.parametrize(
    "service",
    [
        {"imgae": "gonghui/gateway:latest"},
        {"image": "x", "depends_on": {"membership": {"condition": "service_up"}}},
        {"image": "x", "healthcheck": {"interval": 5}},
    ],
)
def test_the_schema_check_refuses_a_broken_service(
    compose: dict[str, Any], service: dict[str, Any]
) -> None:
    broken = {**compose, "services": {**compose["services"], "gateway": service}}
    assert not _validator().is_valid(broken)


def test_start_order_follows_health(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in services, f"{name} waits for unknown {dependency}"
    for name in (f"migrate-{s}" for s in SERVICES):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in SERVICES:
        waits = services[name]["depends_on"]
        assert waits[f"migrate-{name}"]["condition"] == "service_completed_successfully"
        assert "healthcheck" in services[name]
    for name in WORKERS:
        assert services[f"{name}-worker"]["depends_on"][name]["condition"] == "service_healthy"
        assert "healthcheck" in services[f"{name}-worker"]
    gateway = services["gateway"]["depends_on"]
    assert {gateway[s]["condition"] for s in SERVICES} == {"service_healthy"}
    assert "healthcheck" in services["postgres"]


def test_every_variable_is_a_setting_of_its_service(
    compose: dict[str, Any], known_variables: dict[str, set[str]]
) -> None:
    for name, service in compose["services"].items():
        app = name.removeprefix("migrate-").removesuffix("-worker")
        if app not in APPS:
            continue
        unknown = set(service.get("environment", {})) - known_variables[app]
        assert not unknown, f"{name} sets {unknown}, which {app}'s settings do not read"


def test_every_process_loads_its_settings_from_its_environment(
    compose: dict[str, Any],
    settings_classes: dict[str, type[Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # In production a settings class refuses to load without every secret.
    loaded = set()
    for name, service in compose["services"].items():
        app = LOADERS.get(name, name.removesuffix("-worker"))
        if app not in APPS:
            continue
        with monkeypatch.context() as patch:
            for variable, value in service["environment"].items():
                # An interpolated value as the operator's deploy/.env would give it.
                patch.setenv(variable, _interpolated(value))
            settings = settings_classes[app]()
        assert settings.environment == "production", name
        loaded.add(name)
    assert set(LOADERS) <= loaded


def test_each_service_has_one_worker_running_a_real_command(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {n for n in services if n.endswith("-worker")} == {f"{s}-worker" for s in WORKERS}
    for name in WORKERS:
        worker = services[f"{name}-worker"]
        assert worker["command"] == ["python", "-m", name, "worker"]
        assert importlib.util.find_spec(f"{name}.__main__") is not None
        # Its probes' port, for this process alone: the web process serves on 8000 itself.
        assert worker["environment"][f"{name.upper()}_WORKER_HEALTH_PORT"] == "8000"
        assert f"{name.upper()}_WORKER_HEALTH_PORT" not in services[name]["environment"]


def test_membership_signs_its_events_with_the_secret_competition_checks(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    [subscriber] = json.loads(
        _interpolated(services["membership"]["environment"]["MEMBERSHIP_ORG_EVENT_SUBSCRIBERS"])
    )
    assert subscriber["url"] == "http://competition:8000/v1/webhooks/membership"
    checked = _interpolated(
        services["competition"]["environment"]["COMPETITION_MEMBERSHIP_WEBHOOK_SECRET"]
    )
    assert subscriber["secret"] == checked


def test_competitions_machine_client_may_grant_honours(compose: dict[str, Any]) -> None:
    [script] = compose["services"]["bootstrap"]["command"]
    clients = {
        re.search(r"--client-id (\S+)", line).group(1): line  # type: ignore[union-attr]
        for line in script.splitlines()
        if "ensure-service-client" in line
    }
    assert set(clients) == {"rebate", "competition"}
    assert "--permission grant_honours" in clients["competition"]
    assert "--permission" not in clients["rebate"]


def test_every_process_of_a_service_runs_its_image(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        app = name.removeprefix("migrate-").removesuffix("-worker")
        if app in APPS:
            assert re.fullmatch(rf"gonghui/{app}:\$\{{TAG:-latest\}}", service["image"]), name
            assert service["build"] == {"context": "..", "target": app}, name


def test_no_secret_is_written_in_the_file(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for variable, value in service.get("environment", {}).items():
            if re.search(r"PASSWORD|SECRET|_KEY$", variable):
                assert "${" in str(value), f"{name}: {variable} is written in the file"
