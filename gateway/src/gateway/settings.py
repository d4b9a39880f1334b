"""Gateway settings: where the services are, which paths are public, limits and timeouts."""

from typing import Annotated, Any, Literal

from pydantic import field_validator, model_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from servicekit.settings import ServiceSettings

DEFAULT_MEMBERSHIP_URL = "http://127.0.0.1:8001"
JWKS_PATH = "/.well-known/jwks.json"

# Paths reached without a token. `*` matches anything, slashes included, so `/x/*` covers
# everything below `/x/`. The gateway's own /docs, /openapi/*, /healthz and /readyz are
# never proxied and are public without being listed.
DEFAULT_PUBLIC_PATHS = [
    "/membership/healthz",
    "/membership/readyz",
    "/rebate/healthz",
    "/rebate/readyz",
    "/competition/healthz",
    "/competition/readyz",
    "/membership/.well-known/jwks.json",
    "/membership/v1/auth/token",
    # A member without a password proves possession of the phone on record instead.
    "/membership/v1/auth/activation-codes",
    "/membership/v1/auth/password",
    # Signed webhooks verify their own signatures.
    "/rebate/v1/webhooks/*",
    # Joining by QR code happens before the worker has an account.
    "/membership/v1/join/*",
    "/membership/v1/cards/verify",
    "/competition/v1/public/*",
]

# Bulk imports of spreadsheets and fee files may legitimately take minutes; so may verifying
# the whole audit chain, which reads every event (the demo's history alone holds 180,000),
# alone or as part of the reconciliation.
DEFAULT_ROUTE_TIMEOUTS = {
    "/membership/v1/*import*": 300.0,
    "/rebate/v1/*import*": 300.0,
    "/rebate/v1/audit/verify": 300.0,
    "/rebate/v1/reconciliation": 300.0,
}


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="GATEWAY_", env_file=".env", extra="ignore", frozen=True
    )

    service_name: str = "gateway"
    # Each service's replicas: one address, or several separated by commas
    # (`GATEWAY_MEMBERSHIP_URL=http://10.0.0.5:8001,http://10.0.0.6:8001`).
    membership_url: Annotated[list[str], NoDecode] = [DEFAULT_MEMBERSHIP_URL]
    rebate_url: Annotated[list[str], NoDecode] = ["http://127.0.0.1:8002"]
    competition_url: Annotated[list[str], NoDecode] = ["http://127.0.0.1:8003"]
    # How a request picks among a service's replicas: the one with the fewest requests in
    # flight (ties in turn), or strictly in turn.
    balancing: Literal["least_outstanding", "round_robin"] = "least_outstanding"
    # A replica that refused a connection is passed over this long (passive health check);
    # when every replica is passed over, they are tried all the same.
    replica_cooldown_seconds: float = 5.0

    max_body_bytes: int = 16 * 1024 * 1024
    # Time allowed between reads from a service (as nginx's proxy_read_timeout): first match of
    # `route_timeouts` (same patterns as `public_paths`), else the default.
    default_timeout_seconds: float = 30.0
    route_timeouts: dict[str, float] = DEFAULT_ROUTE_TIMEOUTS
    connect_timeout_seconds: float = 5.0
    public_paths: list[str] = DEFAULT_PUBLIC_PATHS

    upstream_max_connections: int = 256
    # Below uvicorn's default keep-alive of 5 s, so the gateway drops an idle connection before
    # the service does and never writes a request into a socket the service is closing.
    upstream_keepalive_seconds: float = 4.0
    token_cache_size: int = 10_000
    openapi_cache_seconds: float = 30.0
    # A service builds its OpenAPI document on first request, which can take seconds.
    openapi_timeout_seconds: float = 15.0

    @field_validator("membership_url", "rebate_url", "competition_url", mode="before")
    @classmethod
    def _address_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list):
            urls = [str(url).strip().rstrip("/") for url in value if str(url).strip()]
            if not urls:
                raise ValueError("at least one address")
            return urls
        return value

    @model_validator(mode="before")
    @classmethod
    def _jwks_from_membership(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("jwks_url"):
            membership = cls._address_list(data.get("membership_url") or DEFAULT_MEMBERSHIP_URL)
            return {**data, "jwks_url": membership[0] + JWKS_PATH}
        return data

    def upstream_urls(self) -> dict[str, list[str]]:
        return {
            "membership": self.membership_url,
            "rebate": self.rebate_url,
            "competition": self.competition_url,
        }
