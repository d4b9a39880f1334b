"""Service clients hold named permissions; `make run` registers competition's with
`grant_honours` (contract C3) and a later run keeps them in step."""

from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.repository import IdentityRepository
from membership.identity.service import AccountService


async def test_ensure_service_client_sets_and_changes_permissions(session: AsyncSession) -> None:
    accounts = AccountService(session)
    secret = "s" * 32
    assert await accounts.ensure_service_client(
        "competition", "Competition", secret, ["service"], ["grant_honours"]
    )
    assert not await accounts.ensure_service_client(
        "competition", "Competition", secret, ["service"], ["grant_honours"]
    )
    client = await IdentityRepository(session).client_by_client_id("competition")
    assert client is not None
    assert client.permissions == ["grant_honours"]
    # Taken away again when the caller no longer names it.
    assert await accounts.ensure_service_client("competition", "Competition", secret, ["service"])
    assert client.permissions == []


async def test_a_client_is_registered_without_permissions_by_default(
    session: AsyncSession,
) -> None:
    accounts = AccountService(session)
    assert await accounts.ensure_service_client("rebate", "Rebate", "r" * 32, ["service"])
    client = await IdentityRepository(session).client_by_client_id("rebate")
    assert client is not None
    assert client.permissions == []
