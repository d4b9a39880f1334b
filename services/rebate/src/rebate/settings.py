from pydantic import Field, IPvAnyNetwork, SecretStr
from pydantic_settings import SettingsConfigDict

from servicekit.settings import DEV_SECRET_PREFIX, Environment, ServiceSettings


class RebateSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REBATE_")

    service_name: str = "rebate"
    membership_url: str = "http://127.0.0.1:8001"
    jwks_url: str | None = "http://127.0.0.1:8001/.well-known/jwks.json"
    # This service's machine client at membership (client_credentials grant).
    membership_client_id: str = "rebate"
    membership_client_secret: SecretStr = SecretStr(DEV_SECRET_PREFIX + "rebate-client")
    # Keys for bank accounts and partner secrets at rest (32 bytes, urlsafe base64).
    pii_key: SecretStr = SecretStr(DEV_SECRET_PREFIX + "rebate-pii-key")
    pii_index_key: SecretStr = SecretStr(DEV_SECRET_PREFIX + "rebate-pii-index-key")
    # A rotated-out partner secret stays valid this long, so partners can switch without loss.
    secret_rotation_grace_hours: int = 72
    max_records_per_delivery: int = 10_000
    # Automatic runs: enterprises per membership lookup and per transaction, and how many
    # such chunks are written at once (PostgreSQL runs each connection's work on one core).
    run_chunk_enterprises: int = Field(default=1000, ge=1, le=1000)
    run_writers: int = Field(default=2, ge=1, le=8)
    # A run's holder renews its lease every third of this; a holder silent this long is taken
    # to be dead, and the next worker resumes its run. An idle worker looks for queued runs
    # every `worker_poll_seconds` (servicekit's 1 s): workers alone execute runs.
    run_lease_seconds: float = Field(default=30.0, gt=0)
    # Outbound deliveries: timeout per attempt and the relay's retry schedule (seconds).
    delivery_timeout_seconds: float = 10.0
    delivery_backoff_seconds: list[int] = [10, 30, 120, 600, 1800, 3600]
    # Partners' webhook URLs must reach the public internet; networks listed here are allowed
    # besides (development and tests list loopback, where the fake partners listen).
    outbound_allowed_networks: list[IPvAnyNetwork] = []
    # Ed25519 seed (32 bytes, urlsafe base64) that signs the audit chain's checkpoints; its
    # public key is published with them. A checkpoint is written at least this often.
    audit_signing_key: SecretStr = SecretStr(DEV_SECRET_PREFIX + "rebate-audit-signing-key")
    audit_checkpoint_interval_seconds: float = Field(default=60, gt=0, le=60)
    # The periodic writer runs in every process; tests drive it by hand (one shared database).
    audit_checkpoint_writer: bool = True
    # Public keys (raw 32 bytes, base64) of rotated-out signing keys: their checkpoints still
    # verify. A key missing here turns every checkpoint it signed into a verification failure.
    audit_retired_public_keys: list[str] = []

    @property
    def allows_plain_http(self) -> bool:
        """Plain-http webhook URLs, for local fakes: in development only."""
        return self.environment is Environment.DEVELOPMENT
