from pydantic import Field, SecretStr
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
    # The shortest public notice period (公示) of results, in days: national and provincial
    # competitions, and the levels below.
    notice_days_min_provincial: int = Field(default=5, ge=0, le=30)
    notice_days_min: int = Field(default=3, ge=0, le=30)
    # Membership signs its organisation events (org.moved, org.closed) with this (whsec_...);
    # several, separated by spaces, while a secret is rotated. Unset: every delivery is refused.
    membership_webhook_secret: SecretStr | None = None

    @property
    def membership_webhook_secrets(self) -> list[str]:
        if self.membership_webhook_secret is None:
            return []
        return self.membership_webhook_secret.get_secret_value().split()
