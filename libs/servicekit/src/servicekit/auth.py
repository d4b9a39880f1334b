"""Verification of the suite's access tokens and the typed principal handlers receive.

Membership issues the tokens (EdDSA, keys published as JWKS); every service and the gateway
verify them here with the algorithm, issuer and audience pinned.
"""

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

import httpx
import jwt
from fastapi import Depends, Request
from fastapi.openapi.models import HTTPBearer as HTTPBearerModel
from fastapi.security.base import SecurityBase

from servicekit.errors import ForbiddenError, ServiceUnavailableError, UnauthorizedError

logger = logging.getLogger(__name__)

ALGORITHMS = ("EdDSA",)
# An unknown key id triggers a JWKS refresh at most this often, so forged kids cannot flood it.
JWKS_REFRESH_INTERVAL_SECONDS = 10.0
CLOCK_LEEWAY_SECONDS = 30
VERIFIED_TOKENS_KEPT = 10_000  # per process; a few MiB at most


class Role(StrEnum):
    MEMBER = "member"
    CADRE = "cadre"
    ENTERPRISE = "enterprise"
    PARTNER = "partner"
    SERVICE = "service"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    roles: frozenset[str]
    org_scope: tuple[str, ...] = ()
    # Materialised paths of the scope organisations when the token was issued, so services
    # other than membership can tell whether an organisation path lies in the caller's sub-tree.
    org_scope_paths: tuple[str, ...] = ()
    enterprise_scope: str | None = None
    permissions: frozenset[str] = frozenset()
    name: str | None = None
    token_id: str | None = None
    claims: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    def covers_path(self, path: str) -> bool:
        """Whether an organisation at `path` lies in one of the caller's sub-trees."""
        return any(path == scope or path.startswith(scope + ".") for scope in self.org_scope_paths)

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> "Principal":
        return cls(
            subject=str(claims["sub"]),
            roles=frozenset(claims.get("roles", ())),
            org_scope=tuple(claims.get("org_scope", ())),
            org_scope_paths=tuple(claims.get("org_scope_paths", ())),
            enterprise_scope=claims.get("enterprise_scope"),
            permissions=frozenset(claims.get("permissions", ())),
            name=claims.get("name"),
            token_id=claims.get("jti"),
            claims=claims,
        )


class TokenVerifier:
    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        jwks_url: str | None = None,
        http_client: httpx.AsyncClient | None = None,
        keys: Iterable[jwt.PyJWK] = (),
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.jwks_url = jwks_url
        self._http = http_client
        self._keys: dict[str, jwt.PyJWK] = {k.key_id: k for k in keys if k.key_id}
        self._last_refresh = float("-inf")
        self._refresh_lock = asyncio.Lock()
        # Tokens already verified, until they expire: a client sends the same token with every
        # request for its lifetime, and checking its EdDSA signature again costs ~0.3 ms of
        # CPU each time. Emptied whenever the keys change, so a withdrawn key stops its tokens.
        self._verified: OrderedDict[str, tuple[float, Principal]] = OrderedDict()

    def set_keys(self, keys: Iterable[jwt.PyJWK]) -> None:
        self._keys = {k.key_id: k for k in keys if k.key_id}
        self._verified.clear()

    async def verify(self, token: str) -> Principal:
        known = self._verified.get(token)
        if known is not None and time.time() < known[0]:
            return known[1]
        principal, expires_at = await self._verify(token)
        self._verified[token] = (expires_at, principal)
        if len(self._verified) > VERIFIED_TOKENS_KEPT:
            self._verified.popitem(last=False)
        return principal

    async def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise UnauthorizedError("The access token is malformed") from exc
        if header.get("alg") not in ALGORITHMS:
            raise UnauthorizedError("The access token uses an algorithm that is not accepted")
        key = await self._key_for(str(header.get("kid", "")))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=list(ALGORITHMS),
                audience=self.audience,
                issuer=self.issuer,
                leeway=CLOCK_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise UnauthorizedError("The access token has expired") from exc
        except jwt.InvalidTokenError as exc:
            raise UnauthorizedError("The access token is invalid") from exc
        # Kept until `exp` itself, without the leeway decoding allows for clock skew.
        return Principal.from_claims(claims), float(claims["exp"])

    async def _key_for(self, kid: str) -> jwt.PyJWK:
        if kid not in self._keys and self.jwks_url:
            await self._refresh()
        try:
            return self._keys[kid]
        except KeyError:
            raise UnauthorizedError("The access token was signed by an unknown key") from None

    async def _refresh(self) -> None:
        async with self._refresh_lock:
            if time.monotonic() - self._last_refresh < JWKS_REFRESH_INTERVAL_SECONDS:
                return
            self._last_refresh = time.monotonic()
            assert self.jwks_url is not None
            try:
                client = self._http or httpx.AsyncClient(timeout=5.0)
                response = await client.get(self.jwks_url)
                response.raise_for_status()
                jwks = jwt.PyJWKSet.from_dict(response.json())
            except (httpx.HTTPError, jwt.PyJWKSetError, ValueError) as exc:
                logger.warning("could not fetch signing keys from %s: %s", self.jwks_url, exc)
                if not self._keys:
                    # Keyless, every token fails: the next request tries again (one at a time,
                    # under the lock) rather than calling a valid token unknown for a while.
                    self._last_refresh = 0.0
                    raise ServiceUnavailableError("Token signing keys are unavailable") from exc
                return
            finally:
                if self._http is None:
                    await client.aclose()
            self.set_keys(jwks.keys)


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise UnauthorizedError("An access token is required")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthorizedError("Use an Authorization: Bearer <token> header")
    return token.strip()


class BearerPrincipal(SecurityBase):
    """The caller's principal, verified from the `Authorization: Bearer` header (a missing or
    malformed one gets our own 401). Being a security scheme itself, it declares the bearer
    scheme in the OpenAPI document on exactly the operations that take a token.

    One dependency without sub-dependencies, because FastAPI solves a dependency's whole
    sub-tree at every use, cached or not: the principal is used by a router, a handler and a
    role check at once, and an `HTTPBearer` beneath it doubled those solves (bench/RESULTS.md
    "Cost per request")."""

    def __init__(self) -> None:
        self.model = HTTPBearerModel(
            bearerFormat="JWT",
            description="访问令牌 / Access token from membership's POST /v1/auth/token",
        )
        self.scheme_name = "bearerAuth"

    async def __call__(self, request: Request) -> Principal:
        cached: Principal | None = getattr(request.state, "principal", None)
        if cached is not None:
            return cached
        verifier: TokenVerifier = request.app.state.token_verifier
        principal = await verifier.verify(bearer_token(request.headers.get("authorization")))
        request.state.principal = principal
        return principal


_current_principal = BearerPrincipal()

CurrentPrincipal = Annotated[Principal, Depends(_current_principal)]

# Router-level dependency: every route of a router that lists it requires a valid token.
authenticated = Depends(_current_principal)


class _RoleCheck(BearerPrincipal):
    def __init__(self, roles: tuple[str, ...]) -> None:
        super().__init__()
        self.roles = roles

    async def __call__(self, request: Request) -> Principal:
        principal = await super().__call__(request)
        if principal.is_admin or principal.has_role(*self.roles):
            return principal
        raise ForbiddenError("Your role does not allow this operation")


def require_roles(*roles: str) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """Dependency that admits only callers holding one of `roles` (admins always pass). The
    principal's own dependency with the check added, so a role check is one solve too."""
    return _RoleCheck(roles)
