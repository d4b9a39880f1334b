from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from servicekit.settings import DEV_SECRET_PREFIX, ServiceSettings
from servicekit.webhooks import SECRET_PREFIX


class EventSubscriber(BaseModel):
    """A service that receives organisation events, signed with its own secret."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str
    secret: SecretStr

    @field_validator("secret")
    @classmethod
    def _standard_webhooks_secret(cls, secret: SecretStr) -> SecretStr:
        if not secret.get_secret_value().startswith(SECRET_PREFIX):
            raise ValueError(f"a subscriber secret starts with {SECRET_PREFIX!r}")
        return secret


class MembershipSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MEMBERSHIP_")

    service_name: str = "membership"
    # Ed25519 private key (PEM) that signs access tokens; a file path or the PEM itself.
    jwt_private_key_file: Path | None = None
    jwt_private_key: SecretStr | None = None
    # Public keys of retired signing keys stay in the JWKS until their tokens have expired.
    jwt_retired_public_key_files: list[Path] = []
    access_token_ttl_seconds: int = 900
    # Keys for personal data: AES-GCM encryption and the HMAC blind index (32 bytes, base64).
    pii_key: SecretStr = SecretStr(DEV_SECRET_PREFIX + "pii-key")
    pii_index_key: SecretStr = SecretStr(DEV_SECRET_PREFIX + "pii-index-key")
    public_base_url: str = "http://127.0.0.1:8000/membership"
    # One-time codes sent by SMS (activation, forgotten passwords): lifetime and tries per code.
    one_time_code_ttl_seconds: int = 600
    one_time_code_max_attempts: int = 5
    # Throttling of failed sign-ins and codes, and of code requests, per account (or person)
    # and per client address: `throttle_max_failures` within `throttle_window_seconds` lock
    # for `throttle_lockout_seconds`, doubling with every further lockout up to the maximum.
    throttle_max_failures: int = 5
    throttle_window_seconds: int = 900
    throttle_lockout_seconds: int = 300
    throttle_max_lockout_seconds: int = 86_400
    # Code requests from one address within the window (a service centre's network).
    code_requests_per_address: int = 20
    # Public answers that must not tell whether an ID number is on the register (a join, a
    # code request) take at least this long, so the work done for a new person or a member
    # cannot be timed apart from the work done for nobody.
    public_answer_min_seconds: float = 0.25
    # `development` writes each SMS to the log and to `sms_outbox_file`; `http` posts it to
    # an SMS gateway (JSON {"to", "text"}, bearer token).
    sms_sender: Literal["development", "http"] = "development"
    sms_outbox_file: Path = Path(".data/sms-outbox.jsonl")
    sms_gateway_url: str | None = None
    sms_gateway_token: SecretStr | None = None
    # Services told of organisation moves and closures (`org.moved`, `org.closed`), as a JSON
    # list of {"url": ..., "secret": "whsec_..."}; delivered from the outbox by the worker.
    org_event_subscribers: list[EventSubscriber] = []
    # A member import's holder renews its lease every third of this; a worker silent this
    # long is taken to be dead, and the next worker resumes its import.
    import_lease_seconds: float = Field(default=30.0, gt=0)

    @model_validator(mode="after")
    def _signing_key_required_in_production(self) -> Self:
        if self.is_production and not (self.jwt_private_key_file or self.jwt_private_key):
            raise ValueError(
                "set MEMBERSHIP_JWT_PRIVATE_KEY_FILE or MEMBERSHIP_JWT_PRIVATE_KEY in production"
            )
        return self

    @model_validator(mode="after")
    def _real_sms_in_production(self) -> Self:
        if self.is_production and self.sms_sender != "http":
            raise ValueError("set MEMBERSHIP_SMS_SENDER=http (and the SMS gateway) in production")
        if self.sms_sender == "http" and not self.sms_gateway_url:
            raise ValueError("MEMBERSHIP_SMS_SENDER=http needs MEMBERSHIP_SMS_GATEWAY_URL")
        return self
