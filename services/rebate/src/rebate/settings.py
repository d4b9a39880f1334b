from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class RebateSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REBATE_")

    service_name: str = "rebate"
    membership_url: str = "http://127.0.0.1:8001"
    jwks_url: str | None = "http://127.0.0.1:8001/.well-known/jwks.json"
