"""Token verification: algorithm, issuer, audience and expiry pinned; keys from a JWKS."""

import time
from datetime import datetime, tzinfo

import httpx
import jwt
import pytest

from servicekit.auth import TokenVerifier
from servicekit.errors import ServiceUnavailableError, UnauthorizedError
from servicekit.testing.tokens import TokenMinter

JWKS_URL = "http://membership.test/.well-known/jwks.json"


def jwks_client(*minters: TokenMinter, calls: list[int] | None = None) -> httpx.AsyncClient:
    def handler(request: httpx.Request) -> httpx.Response:
        if calls is not None:
            calls.append(1)
        return httpx.Response(200, json={"keys": [m.jwk for m in minters]})

    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


def verifier(client: httpx.AsyncClient) -> TokenVerifier:
    return TokenVerifier(
        issuer="gonghui-membership", audience="gonghui", jwks_url=JWKS_URL, http_client=client
    )


async def test_valid_token_gives_typed_principal() -> None:
    minter = TokenMinter()
    token = minter.mint(
        "acct-1",
        roles=["cadre"],
        org_scope=["org-7"],
        permissions=["review_joins"],
        enterprise_scope=None,
    )
    principal = await verifier(jwks_client(minter)).verify(token)
    assert principal.subject == "acct-1"
    assert principal.roles == {"cadre"}
    assert principal.org_scope == ("org-7",)
    assert principal.permissions == {"review_joins"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ttl": -120}, "expired"),
        ({"aud": "someone-else"}, "invalid"),
        ({"iss": "impostor"}, "invalid"),
    ],
)
async def test_bad_claims_are_refused(kwargs: dict[str, object], message: str) -> None:
    minter = TokenMinter()
    with pytest.raises(UnauthorizedError, match=message):
        await verifier(jwks_client(minter)).verify(minter.mint(**kwargs))  # type: ignore[arg-type]


async def test_symmetric_and_unsigned_tokens_are_refused() -> None:
    minter = TokenMinter()
    check = verifier(jwks_client(minter))
    hs256 = jwt.encode({"sub": "x"}, "k" * 32, algorithm="HS256", headers={"kid": minter.kid})
    unsigned = jwt.encode({"sub": "x"}, None, algorithm="none")
    for token in (hs256, unsigned, "not-a-token"):
        with pytest.raises(UnauthorizedError):
            await check.verify(token)


async def test_token_signed_by_a_foreign_key_is_refused() -> None:
    trusted, forger = TokenMinter(), TokenMinter()  # same kid, different keys
    with pytest.raises(UnauthorizedError, match="invalid"):
        await verifier(jwks_client(trusted)).verify(forger.mint())


async def test_rotated_key_is_fetched_once_on_unknown_kid() -> None:
    old, new = TokenMinter(kid="old"), TokenMinter(kid="new")
    calls: list[int] = []
    check = verifier(jwks_client(old, new, calls=calls))
    check.set_keys(old.verification_keys())
    assert (await check.verify(new.mint("s"))).subject == "s"
    assert len(calls) == 1
    with pytest.raises(UnauthorizedError, match="unknown key"):
        await check.verify(TokenMinter(kid="forged").mint())
    assert len(calls) == 1  # refreshes are rate-limited


async def test_unreachable_jwks_without_keys_is_503() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    check = verifier(httpx.AsyncClient(transport=httpx.MockTransport(down)))
    with pytest.raises(ServiceUnavailableError):
        await check.verify(TokenMinter().mint())


async def test_a_valid_token_after_a_failed_first_fetch_is_not_called_unknown() -> None:
    minter = TokenMinter()
    answers = iter([httpx.ConnectTimeout("slow"), None])

    def flaky(request: httpx.Request) -> httpx.Response:
        failure = next(answers)
        if failure is not None:
            raise failure
        return httpx.Response(200, json={"keys": [minter.jwk]})

    check = verifier(httpx.AsyncClient(transport=httpx.MockTransport(flaky)))
    with pytest.raises(ServiceUnavailableError):
        await check.verify(minter.mint("first"))
    # Straight after, within the refresh interval: the keys are fetched again, not refused.
    assert (await check.verify(minter.mint("second"))).subject == "second"


def test_minted_tokens_are_eddsa() -> None:
    token = TokenMinter().mint()
    assert jwt.get_unverified_header(token)["alg"] == "EdDSA"


async def test_service_token_is_fetched_once_and_renewed_on_401() -> None:
    from servicekit.http import ClientCredentialsAuth, create_http_client

    issued: list[str] = []
    rejected_once = False

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal rejected_once
        if request.url.path == "/v1/auth/token":
            assert b"grant_type=client_credentials" in request.content
            issued.append(f"token-{len(issued)}")
            return httpx.Response(200, json={"access_token": issued[-1], "expires_in": 900})
        if (
            request.headers["authorization"] == "Bearer token-0"
            and len(issued) == 1
            and rejected_once is False
        ):
            rejected_once = True
            return httpx.Response(401)
        return httpx.Response(200, json={"auth": request.headers["authorization"]})

    auth = ClientCredentialsAuth("http://membership.test/v1/auth/token", "rebate", "secret")
    async with create_http_client(
        "http://membership.test", transport=httpx.MockTransport(handler), auth=auth
    ) as client:
        first = await client.get("/v1/enterprises")
        second = await client.get("/v1/enterprises")
    assert first.json() == {"auth": "Bearer token-1"}  # renewed after the 401
    assert second.json() == {"auth": "Bearer token-1"}  # cached
    assert issued == ["token-0", "token-1"]


async def test_a_verified_token_is_checked_once_until_its_keys_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    minter = TokenMinter()
    check = verifier(jwks_client(minter))
    token = minter.mint("acct-1", roles=["cadre"])
    decoded = []
    real_decode = jwt.decode
    monkeypatch.setattr(jwt, "decode", lambda *a, **k: decoded.append(1) or real_decode(*a, **k))
    first, again = await check.verify(token), await check.verify(token)
    assert again == first
    assert len(decoded) == 1

    check.set_keys([])  # the key is withdrawn: its tokens stop at once
    with pytest.raises(UnauthorizedError, match="unknown key"):
        await check.verify(token)


async def test_a_cached_token_is_refused_once_expired_and_a_tampered_twin_never_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The verified-token cache is keyed by the whole token and kept until its `exp`: an
    attacker replaying it after expiry, or altering a byte of a cached one, gets a 401."""
    minter = TokenMinter()
    check = verifier(jwks_client(minter))
    token = minter.mint("acct-1", roles=["admin"], ttl=60)
    assert (await check.verify(token)).subject == "acct-1"

    header, payload, signature = token.split(".")
    elevated = jwt.utils.base64url_encode(
        jwt.utils.base64url_decode(payload).replace(b"acct-1", b"acct-2")
    ).decode()
    for tampered in (f"{header}.{elevated}.{signature}", f"{header}.{payload}.{signature[:-2]}AA"):
        with pytest.raises(UnauthorizedError):
            await check.verify(tampered)

    later = time.time() + 60 + 31  # past `exp` and the clock leeway

    class Later(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> "Later":
            return cls.fromtimestamp(later, tz)

    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(jwt.api_jwt, "datetime", Later)
    with pytest.raises(UnauthorizedError, match="expired"):
        await check.verify(token)
