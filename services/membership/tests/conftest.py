import json
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.schemas import AccountCreate
from membership.identity.service import AccountService
from membership.imports.processing import IMPORTS, ImportProcessor
from membership.main import create_app
from membership.people.generate import valid_id_number
from membership.settings import MembershipSettings
from servicekit.auth import Role
from servicekit.testing.plugin import ServiceUnderTest

SERVICE_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def sms_outbox_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the development SMS sender writes, one file per test worker."""
    return tmp_path_factory.mktemp("sms") / "outbox.jsonl"


@pytest.fixture(scope="session")
def service_under_test(sms_outbox_file: Path) -> ServiceUnderTest:
    return ServiceUnderTest(
        name="membership",
        alembic_ini=SERVICE_ROOT / "alembic.ini",
        settings_factory=lambda url: MembershipSettings(
            database_url=url,
            environment="test",
            sms_outbox_file=sms_outbox_file,
            # Paced public answers are tested on their own; elsewhere they would only wait.
            public_answer_min_seconds=0,
        ),
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


AuthHeaders = Callable[..., dict[str, str]]


@pytest.fixture
def auth(app: FastAPI) -> AuthHeaders:
    """Headers with a token signed by the app's own key, without a password round trip."""

    def headers(
        *roles: str,
        org_scope: tuple[str, ...] = (),
        permissions: tuple[str, ...] = (),
        subject: str | None = None,
        **claims: object,
    ) -> dict[str, str]:
        now = int(time.time())
        token = app.state.signing_keys.sign(
            {
                "iss": "gonghui-membership",
                "aud": "gonghui",
                "sub": subject or str(uuid.uuid4()),
                "iat": now,
                "exp": now + 300,
                "roles": list(roles),
                "org_scope": [str(o) for o in org_scope],
                "permissions": list(permissions),
                **claims,
            }
        )
        return {"Authorization": f"Bearer {token}"}

    return headers


@dataclass
class Tree:
    """浙江省总工会 → 杭州市总工会 → 上城区总工会 / 拱墅区总工会 → a grassroots union in each."""

    province: str
    city: str
    shangcheng: str
    gongshu: str
    shangcheng_union: str
    gongshu_union: str


@pytest.fixture
async def tree(client: httpx.AsyncClient, auth: AuthHeaders) -> Tree:
    admin = auth("admin")

    async def create(name: str, kind: str, level: str, region: str, parent: str | None) -> str:
        body = {"name": name, "kind": kind, "level": level, "region_code": region}
        if parent:
            body["parent_id"] = parent
        response = await client.post("/v1/orgs", json=body, headers=admin)
        assert response.status_code == 201, response.text
        org_id: str = response.json()["id"]
        return org_id

    province = await create("浙江省总工会", "federation", "provincial", "330000", None)
    city = await create("杭州市总工会", "federation", "city", "330100", province)
    shangcheng = await create("上城区总工会", "federation", "county", "330102", city)
    gongshu = await create("拱墅区总工会", "federation", "county", "330105", city)
    return Tree(
        province=province,
        city=city,
        shangcheng=shangcheng,
        gongshu=gongshu,
        shangcheng_union=await create(
            "上城区快递行业工会", "grassroots", "grassroots", "330102", shangcheng
        ),
        gongshu_union=await create(
            "拱墅区外卖骑手工会", "grassroots", "grassroots", "330105", gongshu
        ),
    )


PersonPayload = Callable[..., dict[str, object]]


@pytest.fixture
def person() -> PersonPayload:
    """The join form of test person number `serial` (a delivery rider unless told)."""

    def payload(
        serial: int, employment_form: str = "delivery_rider", **overrides: object
    ) -> dict[str, object]:
        return {
            "name": f"骑手{serial}",
            "id_number": valid_id_number(serial),
            "phone": f"138{serial:08d}",
            "employment_form": employment_form,
            **overrides,
        }

    return payload


Enrol = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def enrol(client: httpx.AsyncClient, auth: AuthHeaders, person: PersonPayload) -> Enrol:
    """Registers test person `serial` as an active member of `org_id` (via a cadre there)."""

    async def register(org_id: str, serial: int, **person_fields: object) -> dict[str, Any]:
        headers = auth("cadre", org_scope=(org_id,), permissions=("manage_members",))
        response = await client.post(
            "/v1/members",
            json={"person": person(serial, **person_fields), "org_id": org_id},
            headers=headers,
        )
        assert response.status_code == 201, response.text
        member: dict[str, Any] = response.json()
        return member

    return register


@pytest.fixture
def member_auth(auth: AuthHeaders) -> Callable[[dict[str, Any]], dict[str, str]]:
    """Headers of the member's own account."""

    def headers(member: dict[str, Any]) -> dict[str, str]:
        return auth("member", person_id=member["person"]["id"])

    return headers


@dataclass
class SmsInbox:
    """The texts the development sender wrote, read as the phone's owner would."""

    outbox_file: Path

    def texts_to(self, phone: str) -> list[str]:
        if not self.outbox_file.exists():
            return []
        lines = self.outbox_file.read_text(encoding="utf-8").splitlines()
        return [m["text"] for m in map(json.loads, lines) if m["to"] == phone]

    def code_for(self, phone: str) -> str:
        """The code of the newest text to `phone`."""
        found = re.search(r"验证码为 (\d{6})", self.texts_to(phone)[-1])
        assert found, self.texts_to(phone)[-1]
        return found.group(1)


@pytest.fixture
def sms(sms_outbox_file: Path) -> SmsInbox:
    # Texts of earlier tests on this worker (their phones recur) are not this test's.
    sms_outbox_file.unlink(missing_ok=True)
    return SmsInbox(sms_outbox_file)


ProcessImports = Callable[[], Awaitable[int]]
TEST_WORKER = "worker:test"


@pytest.fixture
def process_imports(app: FastAPI) -> ProcessImports:
    """What `python -m membership worker` does with queued imports, on the test's connection:
    claim each, work it through; returns how many were done."""

    async def run() -> int:
        sessions = app.state.sessionmaker
        processor = ImportProcessor(sessions, app.state.pii, TEST_WORKER)
        done = 0
        while (job_id := await IMPORTS.claim(sessions, TEST_WORKER, 60)) is not None:
            await processor.execute(job_id)
            done += 1
        return done

    return run
