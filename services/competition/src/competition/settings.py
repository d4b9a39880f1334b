from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from servicekit.settings import DEV_SECRET_PREFIX, ServiceSettings


class CompetitionSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="COMPETITION_")

    service_name: str = "competition"
    membership_url: str = "http://127.0.0.1:8001"
    jwks_url: str | None = "http://127.0.0.1:8001/.well-known/jwks.json"
    # This service's machine client at membership (client_credentials grant).
    membership_client_id: str = "competition"
    membership_client_secret: SecretStr = SecretStr(DEV_SECRET_PREFIX + "competition-client")
    # The relay that sends honours to membership; tests drive it by hand instead.
    outbox_relay_enabled: bool = True
    outbox_poll_seconds: float = 1.0
