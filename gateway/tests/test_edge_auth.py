import time
import uuid

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gateway.edge_auth import EdgeAuth
from gateway.routing import PathPatterns
from servicekit.auth import Principal, TokenVerifier

from .conftest import Services, Signer


def _path() -> str:
    return f"/v1/accounts/{uuid.uuid4().hex}"


async def _assert_refused(
    gateway: httpx.AsyncClient, services: Services, headers: dict[str, str]
) -> httpx.Response:
    path = _path()
    response = await gateway.get(f"/membership{path}", headers=headers)

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["request_id"] == response.headers["x-request-id"]
    assert services.membership.received_on(path) == []
    return response


async def test_missing_token_is_401(gateway: httpx.AsyncClient, services: Services) -> None:
    await _assert_refused(gateway, services, {})


async def test_malformed_and_non_bearer_tokens_are_401(
    gateway: httpx.AsyncClient, services: Services
) -> None:
    for value in ("Bearer not-a-jwt", "Basic dXNlcjpwYXNz", "Bearer "):
        await _assert_refused(gateway, services, {"Authorization": value})


async def test_token_signed_by_another_key_is_401(
    gateway: httpx.AsyncClient, services: Services
) -> None:
    forger = Signer(Ed25519PrivateKey.generate())
    await _assert_refused(gateway, services, {"Authorization": f"Bearer {forger.token()}"})


async def test_expired_token_is_401(
    gateway: httpx.AsyncClient, services: Services, signer: Signer
) -> None:
    token = signer.token(lifetime=-120)
    response = await _assert_refused(gateway, services, {"Authorization": f"Bearer {token}"})
    assert "expired" in response.json()["detail"]


async def test_token_for_another_audience_is_401(
    gateway: httpx.AsyncClient, services: Services, signer: Signer
) -> None:
    token = signer.token(aud="someone-else")
    await _assert_refused(gateway, services, {"Authorization": f"Bearer {token}"})


async def test_refusal_is_titled_in_chinese_when_asked(
    gateway: httpx.AsyncClient, services: Services
) -> None:
    response = await _assert_refused(gateway, services, {"Accept-Language": "zh-CN,zh;q=0.9"})
    assert response.json()["title"] == "未认证"


@pytest.mark.parametrize(
    "path",
    [
        "/membership/healthz",
        "/rebate/readyz",
        "/membership/.well-known/jwks.json",
        "/membership/v1/auth/token",
        "/rebate/v1/webhooks/tax-partner",
        "/membership/v1/join/org-77",
        "/membership/v1/cards/verify",
        "/competition/v1/public/competitions/9/results",
    ],
)
async def test_public_paths_need_no_token(gateway: httpx.AsyncClient, path: str) -> None:
    response = await gateway.post(path) if path.endswith("/token") else await gateway.get(path)

    assert response.status_code == 200


async def test_valid_token_reaches_the_service(
    gateway: httpx.AsyncClient, services: Services, signer: Signer
) -> None:
    path = _path()
    token = signer.token(roles=["cadre"])
    response = await gateway.get(f"/membership{path}", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    [received] = services.membership.received_on(path)
    assert received.headers["authorization"] == f"Bearer {token}"


class _CountingVerifier(TokenVerifier):
    def __init__(self) -> None:
        super().__init__(issuer="gonghui-membership", audience="gonghui")
        self.calls = 0
        self.lifetime = 300.0

    async def verify(self, token: str) -> Principal:
        self.calls += 1
        return Principal.from_claims({"sub": token, "exp": time.time() + self.lifetime})


async def test_verified_tokens_are_cached_until_expiry_in_a_bounded_cache() -> None:
    verifier = _CountingVerifier()
    edge = EdgeAuth(verifier, PathPatterns([]), cache_size=2)

    for token in ("a", "a", "b", "a", "c"):
        await edge.check("/membership/v1/x", f"Bearer {token}")
    assert verifier.calls == 3

    await edge.check("/membership/v1/x", "Bearer b")  # evicted as least recently used
    assert verifier.calls == 4

    verifier.lifetime = -1.0
    await edge.check("/membership/v1/x", "Bearer d")
    await edge.check("/membership/v1/x", "Bearer d")  # expired in the cache: verified again
    assert verifier.calls == 6
