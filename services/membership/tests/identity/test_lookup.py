"""Contract C1: other services find an account by username (a judge chosen by an organiser),
with service tokens only; nobody else learns which usernames exist."""

import uuid
from typing import Any

import httpx
import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.schemas import AccountCreate
from membership.identity.service import AccountService
from servicekit.auth import Role


async def judge_account(session: AsyncSession, org_id: str, username: str = "Judge.Wang") -> str:
    account = await AccountService(session).create_account(
        AccountCreate(
            username=username,
            password="a-long-enough-password",
            display_name="王评委",
            roles=[Role.CADRE],
            org_scope=[org_id],
            permissions=["judge"],
        )
    )
    await session.commit()
    return str(account.id)


async def test_service_finds_an_account_by_username(
    client: httpx.AsyncClient, auth: Any, session: AsyncSession, tree: Any, sign_in: Any
) -> None:
    account_id = await judge_account(session, tree.gongshu)
    response = await client.get(
        "/v1/accounts/lookup",
        params={"username": "judge.wang"},
        headers=auth("service", subject="client:competition"),
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "id": account_id,
        "username": "judge.wang",
        "display_name": "王评委",
        "permissions": ["judge"],
        "org_id": tree.gongshu,
        "org_ids": [tree.gongshu],
        "is_active": True,
    }
    # The id is the `sub` of the account's own tokens, so competition can match a judge.
    token = await sign_in("judge.wang", "a-long-enough-password")
    assert jwt.decode(token, options={"verify_signature": False})["sub"] == account_id


async def test_lookup_is_for_service_tokens_only(
    client: httpx.AsyncClient, auth: Any, session: AsyncSession, tree: Any
) -> None:
    await judge_account(session, tree.gongshu)
    for headers in (
        auth("cadre", org_scope=(tree.gongshu,), permissions=("run_competitions",)),
        auth("member"),
        auth("enterprise"),
        auth("partner"),
    ):
        response = await client.get(
            "/v1/accounts/lookup", params={"username": "judge.wang"}, headers=headers
        )
        assert response.status_code == 403
    anonymous = await client.get("/v1/accounts/lookup", params={"username": "judge.wang"})
    assert anonymous.status_code == 401


async def test_unknown_or_inactive_account_is_404(
    client: httpx.AsyncClient, auth: Any, session: AsyncSession, tree: Any
) -> None:
    account_id = await judge_account(session, tree.gongshu, "judge.li")
    service = auth("service")
    unknown = await client.get(
        "/v1/accounts/lookup", params={"username": "nobody"}, headers=service
    )
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/problem+json")
    assert unknown.json()["type"].endswith(":account-not-found")

    account = await AccountService(session).account(uuid.UUID(account_id))
    account.is_active = False
    await session.commit()
    inactive = await client.get(
        "/v1/accounts/lookup", params={"username": "judge.li"}, headers=service
    )
    assert inactive.status_code == 404
    assert inactive.json()["type"] == unknown.json()["type"]


async def test_an_account_without_scope_has_no_org(
    client: httpx.AsyncClient, auth: Any, create_account: Any
) -> None:
    await create_account("ops.admin", [Role.ADMIN])
    response = await client.get(
        "/v1/accounts/lookup", params={"username": "ops.admin"}, headers=auth("service")
    )
    assert response.status_code == 200
    assert response.json()["org_id"] is None
    assert response.json()["org_ids"] == []


async def test_every_organisation_of_the_scope_is_reported(
    client: httpx.AsyncClient, auth: Any, session: AsyncSession, tree: Any
) -> None:
    """A judge of 上城区 who also sits for 拱墅区's union: competition must see both."""
    account = await AccountService(session).create_account(
        AccountCreate(
            username="judge.two",
            password="a-long-enough-password",
            display_name="两边的评委",
            roles=[Role.CADRE],
            org_scope=[tree.shangcheng, tree.gongshu_union],
            permissions=["judge"],
        )
    )
    await session.commit()
    response = await client.get(
        "/v1/accounts/lookup", params={"username": "judge.two"}, headers=auth("service")
    )
    assert response.status_code == 200
    assert response.json()["id"] == str(account.id)
    assert response.json()["org_id"] == tree.shangcheng
    assert response.json()["org_ids"] == [tree.shangcheng, tree.gongshu_union]
