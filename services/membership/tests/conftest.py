from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.schemas import AccountCreate
from membership.identity.service import AccountService
from membership.main import create_app
from membership.settings import MembershipSettings
from servicekit.auth import Role
from servicekit.testing.plugin import ServiceUnderTest

SERVICE_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="membership",
        alembic_ini=SERVICE_ROOT / "alembic.ini",
        settings_factory=lambda url: MembershipSettings(database_url=url, environment="test"),
        app_factory=create_app,
        extensions=("ltree",),
    )


CreateAccount = Callable[..., Awaitable[str]]
SignIn = Callable[[str, str], Awaitable[str]]


@pytest.fixture
def password() -> str:
    return "correct-horse-battery-staple"


@pytest.fixture
def create_account(session: AsyncSession, password: str) -> CreateAccount:
    """Creates a staff account directly in the database; returns its id."""

    async def create(username: str, roles: list[Role]) -> str:
        account = await AccountService(session).create_account(
            AccountCreate(username=username, password=password, display_name=username, roles=roles)
        )
        await session.commit()
        return str(account.id)

    return create


@pytest.fixture
def sign_in(client: httpx.AsyncClient) -> SignIn:
    """Signs in through the token endpoint; returns the access token."""

    async def token(username: str, password: str) -> str:
        response = await client.post(
            "/v1/auth/token",
            data={"grant_type": "password", "username": username, "password": password},
        )
        assert response.status_code == 200, response.text
        access_token: str = response.json()["access_token"]
        return access_token

    return token


@pytest.fixture
async def admin_headers(
    create_account: CreateAccount, sign_in: SignIn, password: str
) -> dict[str, str]:
    await create_account("root", [Role.ADMIN])
    return {"Authorization": f"Bearer {await sign_in('root', password)}"}
