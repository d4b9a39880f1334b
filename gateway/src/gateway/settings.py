"""Gateway settings: where the services are, which paths are public, limits and timeouts."""

from typing import Any

from pydantic import model_validator
from pydantic_settings import SettingsConfigDict

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
    membership_url: str = DEFAULT_MEMBERSHIP_URL
    rebate_url: str = "http://127.0.0.1:8002"
    competition_url: str = "http://127.0.0.1:8003"

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

    @model_validator(mode="before")
    @classmethod
    def _jwks_from_membership(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("jwks_url"):
            membership = str(data.get("membership_url") or DEFAULT_MEMBERSHIP_URL)
            return {**data, "jwks_url": membership.rstrip("/") + JWKS_PATH}
        return data

    def upstream_urls(self) -> dict[str, str]:
        return {
            "membership": self.membership_url.rstrip("/"),
            "rebate": self.rebate_url.rstrip("/"),
            "competition": self.competition_url.rstrip("/"),
        }
