from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from servicekit.settings import DEV_SECRET_PREFIX, ServiceSettings


class RebateSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REBATE_")

    service_name: str = "rebate"
    membership_url: str = "http://127.0.0.1:8001"
    jwks_url: str | None = "http://127.0.0.1:8001/.well-known/jwks.json"
    # This service's machine client at membership (client_credentials grant).
    membership_client_id: str = "rebate"
    membership_client_secret: SecretStr = SecretStr(DEV_SECRET_PREFIX + "rebate-client")
