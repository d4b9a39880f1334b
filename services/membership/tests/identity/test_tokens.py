"""Access tokens: password and client-credentials grants, JWKS, verification by the service."""

import base64
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import jwt
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.repository import IdentityRepository
from servicekit.auth import Role
from servicekit.testing.tokens import TokenMinter

CreateAccount = Callable[..., Awaitable[str]]
SignIn = Callable[[str, str], Awaitable[str]]


async def test_password_grant_issues_a_token_verifiable_with_the_jwks(
    client: httpx.AsyncClient, create_account: CreateAccount, sign_in: SignIn, password: str
) -> None:
    account_id = await create_account("cadre.li", [Role.CADRE])
    token = await sign_in("Cadre.Li", password)

    jwks = (await client.get("/.well-known/jwks.json")).json()
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA"
    key = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
    claims = jwt.decode(
        token, jwt.PyJWK(key), algorithms=["EdDSA"], audience="gonghui", issuer="gonghui-membership"
    )
    assert claims["sub"] == account_id
    assert claims["roles"] == ["cadre"]
    assert claims["exp"] - claims["iat"] == 900


@pytest.mark.parametrize("wrong", ["name", "password"])
async def test_wrong_credentials_get_the_same_400_problem(
    client: httpx.AsyncClient, create_account: CreateAccount, password: str, wrong: str
) -> None:
    await create_account("cadre.wang", [Role.CADRE])
    response = await client.post(
        "/v1/auth/token",
        data={
            "grant_type": "password",
            "username": "nobody" if wrong == "name" else "cadre.wang",
            "password": "wrong-password-123" if wrong == "password" else password,
        },
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["error"] == "invalid_grant"
    assert response.json()["detail"] == "The user name or password is wrong"


async def test_unknown_grant_type_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/auth/token", data={"grant_type": "implicit"})
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


async def test_missing_grant_type_is_422_with_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/auth/token", data={"username": "x"})
    assert response.status_code == 422
    assert ["body", "grant_type"] in [e["loc"] for e in response.json()["errors"]]


async def test_client_credentials_by_form_and_by_basic_auth(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    created = await client.post(
        "/v1/service-clients",
        json={"client_id": "rebate-service", "name": "Rebate service"},
        headers=admin_headers,
    )
    assert created.status_code == 201, created.text
    secret = created.json()["client_secret"]

    by_form = await client.post(
        "/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "rebate-service",
            "client_secret": secret,
        },
    )
    basic = base64.b64encode(f"rebate-service:{secret}".encode()).decode()
    by_basic = await client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )
    for response in (by_form, by_basic):
        assert response.status_code == 200, response.text
        claims = jwt.decode(response.json()["access_token"], options={"verify_signature": False})
        assert claims["sub"] == "client:rebate-service"
        assert claims["roles"] == ["service"]

    wrong = await client.post(
        "/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "rebate-service",
            "client_secret": "x",
        },
    )
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "invalid_client"


async def test_service_rejects_tokens_it_did_not_sign(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    foreign = TokenMinter(kid=app.state.signing_keys.kid)  # same kid, other key
    response = await client.get("/v1/accounts/me", headers=foreign.headers(roles=["admin"]))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_inactive_account_cannot_sign_in(
    session: AsyncSession, client: httpx.AsyncClient, create_account: CreateAccount, password: str
) -> None:
    await create_account("former.cadre", [Role.CADRE])
    account = await IdentityRepository(session).account_by_username("former.cadre")
    assert account is not None
    account.is_active = False
    await session.commit()
    response = await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": "former.cadre", "password": password},
    )
    assert response.status_code == 400


async def test_cadre_token_carries_the_paths_of_its_scope(
    client: httpx.AsyncClient, admin_headers: dict[str, str], sign_in: SignIn, tree: Any
) -> None:
    created = await client.post(
        "/v1/accounts",
        json={
            "username": "county.cadre",
            "password": "a-long-enough-password",
            "display_name": "区干部",
            "roles": ["cadre"],
            "org_scope": [tree.shangcheng],
        },
        headers=admin_headers,
    )
    assert created.status_code == 201
    token = await sign_in("county.cadre", "a-long-enough-password")
    claims = jwt.decode(token, options={"verify_signature": False})
    [path] = claims["org_scope_paths"]
    assert path.split(".")[-1] == tree.shangcheng.replace("-", "")
    assert path.count(".") == 2  # province.city.county


async def test_service_client_registration_is_idempotent(session: AsyncSession) -> None:
    from membership.identity.service import AccountService

    accounts = AccountService(session)
    assert await accounts.ensure_service_client("rebate", "Rebate", "s" * 32, ["service"])
    assert not await accounts.ensure_service_client("rebate", "Rebate", "s" * 32, ["service"])
    assert await accounts.ensure_service_client("rebate", "Rebate", "t" * 32, ["service"])
