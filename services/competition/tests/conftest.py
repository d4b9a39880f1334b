from pathlib import Path

import pytest

from competition.main import create_app
from competition.settings import CompetitionSettings
from servicekit.testing.plugin import ServiceUnderTest

SERVICE_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="competition",
        alembic_ini=SERVICE_ROOT / "alembic.ini",
        settings_factory=lambda url: CompetitionSettings(database_url=url, environment="test"),
        app_factory=create_app,
    )
