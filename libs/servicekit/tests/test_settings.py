import pytest
from pydantic import SecretStr, ValidationError
from pydantic_settings import SettingsConfigDict

from servicekit.settings import DEV_SECRET_PREFIX, ServiceSettings


class ExampleSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EXAMPLE_")

    api_key: SecretStr = SecretStr(DEV_SECRET_PREFIX + "api-key")


def test_default_secrets_are_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="EXAMPLE_API_KEY"):
        ExampleSettings(environment="production")


def test_default_secrets_are_accepted_in_development() -> None:
    assert (
        ExampleSettings(environment="development")
        .api_key.get_secret_value()
        .startswith(DEV_SECRET_PREFIX)
    )


def test_real_secrets_are_accepted_in_production() -> None:
    settings = ExampleSettings(environment="production", api_key=SecretStr("a-real-key"))
    assert settings.is_production


def test_settings_come_from_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXAMPLE_DATABASE_URL", "postgresql+asyncpg://example/db")
    monkeypatch.setenv("EXAMPLE_CORS_ORIGINS", '["https://console.example"]')
    settings = ExampleSettings()
    assert settings.database_url == "postgresql+asyncpg://example/db"
    assert settings.cors_origins == ["https://console.example"]
