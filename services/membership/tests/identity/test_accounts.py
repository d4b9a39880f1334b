"""Staff accounts: the admin creates them, each account reads itself, others are denied."""

import uuid
from collections.abc import Awaitable, Callable

import httpx

from servicekit.auth import Role

AuthHeaders = Callable[..., dict[str, str]]
CreateAccount = Callable[..., Awaitable[str]]
SignIn = Callable[[str, str], Awaitable[str]]


async def test_account_reads_itself_without_secrets(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.get("/v1/accounts/me", headers=admin_headers)
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "root"
    assert body["roles"] == ["admin"]
    assert body["last_login_at"] is not None
    assert "password_hash" not in body


async def test_a_token_reads_only_its_own_account_and_no_other(
    client: httpx.AsyncClient, admin_headers: dict[str, str], auth: AuthHeaders
) -> None:
    """The account comes from the token's subject, never from the caller's word: a service
    client's token, or a signed token for a subject that has no account, reads nothing, and
    answers as a missing account does."""
    admin = (await client.get("/v1/accounts/me", headers=admin_headers)).json()
    for headers in (
        auth("admin", subject="client:rebate"),
        auth("admin", subject=str(uuid.uuid4())),
        auth("admin", subject=str(uuid.uuid4()), account_id=admin["id"]),
    ):
        response = await client.get("/v1/accounts/me", headers=headers)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert admin["id"] not in response.text


async def test_admin_creates_a_cadre_account_that_can_sign_in(
    client: httpx.AsyncClient, admin_headers: dict[str, str], sign_in: SignIn
) -> None:
    response = await client.post(
        "/v1/accounts",
        json={
            "username": "cadre.zhang",
            "password": "a-long-enough-password",
            "display_name": "张干部",
            "roles": ["cadre"],
            "permissions": ["review_joins"],
        },
        headers=admin_headers,
    )
    assert response.status_code == 201, response.text
    assert await sign_in("cadre.zhang", "a-long-enough-password")

    again = await client.post(
        "/v1/accounts",
        json={
            "username": "CADRE.ZHANG",
            "password": "another-long-password",
            "display_name": "x",
            "roles": ["cadre"],
        },
        headers=admin_headers,
    )
    assert again.status_code == 409
    assert again.json()["type"] == "urn:gonghui:problem:username-taken"


async def test_non_admin_cannot_create_or_read_other_accounts(
    client: httpx.AsyncClient, create_account: CreateAccount, sign_in: SignIn, password: str
) -> None:
    other_id = await create_account("cadre.a", [Role.CADRE])
    await create_account("cadre.b", [Role.CADRE])
    headers = {"Authorization": f"Bearer {await sign_in('cadre.b', password)}"}

    read = await client.get(f"/v1/accounts/{other_id}", headers=headers)
    assert read.status_code == 403
    create = await client.post(
        "/v1/accounts",
        json={"username": "x.y.z", "password": "p" * 12, "display_name": "x", "roles": ["admin"]},
        headers=headers,
    )
    assert create.status_code == 403


async def test_weak_password_and_unknown_role_are_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.post(
        "/v1/accounts",
        json={"username": "u.v.w", "password": "short", "display_name": "x", "roles": ["king"]},
        headers=admin_headers,
    )
    assert response.status_code == 422
    locations = [e["loc"] for e in response.json()["errors"]]
    assert ["body", "password"] in locations
    assert ["body", "roles", 0] in locations


async def test_admin_reads_an_account_by_id(
    client: httpx.AsyncClient, admin_headers: dict[str, str], create_account: CreateAccount
) -> None:
    account_id = await create_account("cadre.c", [Role.CADRE])
    assert (await client.get(f"/v1/accounts/{account_id}", headers=admin_headers)).json()[
        "username"
    ] == "cadre.c"
    missing = await client.get(
        "/v1/accounts/00000000-0000-0000-0000-000000000000", headers=admin_headers
    )
    assert missing.status_code == 404
