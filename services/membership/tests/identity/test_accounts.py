"""Staff accounts: the admin creates them, each account reads itself, others are denied."""

from collections.abc import Awaitable, Callable

import httpx

from servicekit.auth import Role

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
