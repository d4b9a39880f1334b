"""deploy/compose.yaml against the Compose specification's JSON schema (the copy that
check-jsonschema ships, so this runs offline), and against the suite's own rules."""

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
        assert services[f"{name}-worker"]["depends_on"][name]["condition"] == "service_healthy"
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
    for name, service in compose["services"].items():
        app = name.removesuffix("-worker")
        if app not in APPS:
            continue
        with monkeypatch.context() as patch:
            for variable, value in service["environment"].items():
                # An interpolated value as the operator's deploy/.env would give it.
                patch.setenv(variable, re.sub(r"\$\{[^}]*\}", "value-from-env", str(value)))
            settings = settings_classes[app]()
        assert settings.environment == "production", name


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
