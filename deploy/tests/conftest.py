"""What the deployment files are checked against: each process's settings class."""

import pytest
from pydantic_settings import BaseSettings

from competition.settings import CompetitionSettings
from gateway.settings import GatewaySettings
from membership.settings import MembershipSettings
from rebate.settings import RebateSettings

SETTINGS: dict[str, type[BaseSettings]] = {
    "membership": MembershipSettings,
    "rebate": RebateSettings,
    "competition": CompetitionSettings,
    "gateway": GatewaySettings,
}


def settings_variables(service: str) -> set[str]:
    """Every environment variable the service reads: its prefix and a field's name, or the
    field's alias where it has one (OpenTelemetry's standard names, `OTEL_...`)."""
    settings = SETTINGS[service]
    prefix = str(settings.model_config.get("env_prefix", ""))
    return {
        (
            field.validation_alias if isinstance(field.validation_alias, str) else prefix + name
        ).upper()
        for name, field in settings.model_fields.items()
    }


@pytest.fixture(scope="session")
def known_variables() -> dict[str, set[str]]:
    return {service: settings_variables(service) for service in SETTINGS}


@pytest.fixture(scope="session")
def settings_classes() -> dict[str, type[BaseSettings]]:
    return SETTINGS
