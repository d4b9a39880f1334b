import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from competition.contests.rules import Rubric
from competition.main import create_app
from competition.scoring.marks import total
from competition.scoring.models import ScoreSheet, SheetStatus
from competition.settings import CompetitionSettings
from servicekit import webhooks
from servicekit.testing.plugin import ServiceUnderTest
from servicekit.testing.tokens import TokenMinter

SERVICE_ROOT = Path(__file__).resolve().parents[1]
# What membership signs its organisation events with, as this service is configured.
MEMBERSHIP_WEBHOOK_SECRET = webhooks.generate_secret()


@dataclass(frozen=True)
class Org:
    id: uuid.UUID
    name: str
    path: str
    level: str = "grassroots"
    status: str = "active"

    def child(self, name: str, level: str = "grassroots") -> "Org":
        org_id = uuid.uuid4()
        return Org(org_id, name, f"{self.path}.{org_id.hex}", level)


def root_org(name: str, level: str = "provincial") -> Org:
    org_id = uuid.uuid4()
    return Org(org_id, name, org_id.hex, level)


@dataclass
class FakeMembership:
    """Membership at the HTTP boundary: the organisations and members one test knows, and
    the honours granted to them (idempotent on source_ref, like the real one)."""

    orgs: dict[uuid.UUID, Org] = field(default_factory=dict)
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    honours: dict[str, dict[str, Any]] = field(default_factory=dict)
    honour_calls: int = 0
    down: bool = False
    serial: int = 0

    def reset(self) -> None:
        self.orgs.clear()
        self.members.clear()
        self.accounts.clear()
        self.honours.clear()
        self.honour_calls = 0
        self.down = False

    def org(self, org: Org) -> Org:
        self.orgs[org.id] = org
        return org

    def member(
        self, org: Org, name: str, employment_form: str = "employee", state: str = "active"
    ) -> str:
        self.serial += 1
        number = f"GH{self.serial:010d}"
        self.members[number] = {
            "id": str(uuid.uuid4()),
            "membership_no": number,
            "state": state,
            "person_id": str(uuid.uuid4()),
            "name": name,
            "employment_form": employment_form,
            "org_id": str(org.id),
            "org_name": org.name,
            "org_path": org.path,
        }
        return number

    def account(
        self,
        org: Org | None,
        name: str = "评委",
        permissions: tuple[str, ...] = ("judge",),
        also: tuple[Org, ...] = (),
    ) -> tuple[str, str]:
        """An active account of `org` (its scope's first organisation) and of the `also`
        ones after it: (username, id)."""
        self.serial += 1
        username = f"judge.{self.serial}"
        account_id = str(uuid.uuid4())
        self.accounts[username] = {
            "id": account_id,
            "username": username,
            "display_name": name,
            "permissions": list(permissions),
            "org_id": str(org.id) if org else None,
            "org_ids": [str(o.id) for o in (org, *also) if o is not None],
            "is_active": True,
        }
        return username, account_id

    @staticmethod
    def _org(org: Org) -> dict[str, str]:
        return {
            "id": str(org.id),
            "name": org.name,
            "path": org.path,
            "level": org.level,
            "status": org.status,
        }

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/v1/auth/token":
            return httpx.Response(200, json={"access_token": "service", "expires_in": 900})
        if self.down:
            return httpx.Response(503, json={"title": "down"})
        if path == "/v1/members/batch-lookup":
            wanted = json.loads(request.content)["membership_nos"]
            found = [self.members[n] for n in wanted if n in self.members]
            missing = [n for n in wanted if n not in self.members]
            return httpx.Response(200, json={"found": found, "missing": missing})
        if path == "/v1/accounts/lookup":
            account = self.accounts.get(request.url.params["username"])
            if account is None:
                return httpx.Response(404, json={"title": "Not found"})
            return httpx.Response(200, json=account)
        if path == "/v1/orgs":
            roots = [o for o in self.orgs.values() if "." not in o.path]
            return httpx.Response(200, json=[self._org(o) for o in roots])
        if match := re.fullmatch(r"/v1/orgs/([0-9a-f-]+)/children", path):
            parent = self.orgs[uuid.UUID(match[1])]
            children = [o for o in self.orgs.values() if o.path.rpartition(".")[0] == parent.path]
            return httpx.Response(200, json={"items": [self._org(o) for o in children]})
        if match := re.fullmatch(r"/v1/orgs/([0-9a-f-]+)", path):
            org = self.orgs.get(uuid.UUID(match[1]))
            if org is None:
                return httpx.Response(404, json={"title": "Not found"})
            return httpx.Response(200, json=self._org(org))
        if path == "/v1/honours":
            self.honour_calls += 1
            grant = json.loads(request.content)
            if grant["membership_no"] not in self.members:
                return httpx.Response(404, json={"title": "Not found"})
            replay = grant["source_ref"] in self.honours
            self.honours[grant["source_ref"]] = grant
            return httpx.Response(200 if replay else 201, json=grant)
        return httpx.Response(404, json={"title": "Not found"})


_MEMBERSHIP = FakeMembership()


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="competition",
        alembic_ini=SERVICE_ROOT / "alembic.ini",
        settings_factory=lambda url: CompetitionSettings(
            database_url=url,
            environment="test",
            log_level="WARNING",
            membership_webhook_secret=MEMBERSHIP_WEBHOOK_SECRET,
            # One app serves every test: a circuit opened by one test's outage would refuse
            # the next test's calls (servicekit's tests cover the circuit breaker).
            upstream_failures_to_open=1_000_000,
            # A fake membership's outage is the test's own: asked once, not after backoffs.
            upstream_attempts=1,
        ),
        app_factory=lambda settings: create_app(
            settings, membership_transport=httpx.MockTransport(_MEMBERSHIP.handle)
        ),
    )


@pytest.fixture
def membership() -> Iterator[FakeMembership]:
    _MEMBERSHIP.reset()
    yield _MEMBERSHIP
    _MEMBERSHIP.reset()


@dataclass
class Tree:
    """浙江省总工会 → 杭州市总工会 → 上城区 / 拱墅区 → a hospital union in each; beside the
    city, the provincial medical society's union, where neutral judges come from; 江苏省总工会
    beside it all, for callers from another sub-tree."""

    province: Org
    city: Org
    shangcheng: Org
    gongshu: Org
    hospital_a: Org
    hospital_b: Org
    other_province: Org
    medical_society: Org


@pytest.fixture
def tree(membership: FakeMembership) -> Tree:
    province = membership.org(root_org("浙江省总工会"))
    city = membership.org(province.child("杭州市总工会", "city"))
    shangcheng = membership.org(city.child("上城区总工会", "county"))
    gongshu = membership.org(city.child("拱墅区总工会", "county"))
    return Tree(
        province=province,
        city=city,
        shangcheng=shangcheng,
        gongshu=gongshu,
        hospital_a=membership.org(shangcheng.child("杭州市第一人民医院工会")),
        hospital_b=membership.org(gongshu.child("杭州市妇产科医院工会")),
        other_province=membership.org(root_org("江苏省总工会")),
        medical_society=membership.org(province.child("浙江省医学会工会")),
    )


AuthHeaders = Callable[..., dict[str, str]]


@pytest.fixture(scope="session")
def minter() -> TokenMinter:
    return TokenMinter()


@pytest.fixture
def auth(app: FastAPI, minter: TokenMinter) -> AuthHeaders:
    """Headers with a token the app accepts: roles, the organisations of a cadre's scope
    (ids and paths, as membership puts them in tokens), permissions, other claims."""
    app.state.token_verifier.set_keys(minter.verification_keys())

    def headers(
        *roles: str,
        orgs: tuple[Org, ...] = (),
        permissions: tuple[str, ...] = (),
        subject: str | None = None,
        **claims: Any,
    ) -> dict[str, str]:
        return minter.headers(
            roles,
            subject=subject or str(uuid.uuid4()),
            org_scope=[str(o.id) for o in orgs],
            org_scope_paths=[o.path for o in orgs],
            permissions=list(permissions),
            **claims,
        )

    return headers


@pytest.fixture
def organiser(auth: AuthHeaders) -> Callable[[Org], dict[str, str]]:
    """A cadre who runs competitions in `org`'s sub-tree."""

    def headers(org: Org) -> dict[str, str]:
        return auth("cadre", orgs=(org,), permissions=("run_competitions",))

    return headers


def rubric(**overrides: Any) -> dict[str, Any]:
    """Skill judged 0–100 (weight 1), then time taken in seconds (measured, lower is better,
    outside the total) that breaks ties."""
    return {
        "criteria": [
            {
                "code": "skill",
                "name": "技能操作",
                "kind": "judged",
                "max_mark": "100",
                "weight": "1",
            },
            {
                "code": "time",
                "name": "用时",
                "kind": "measured",
                "max_mark": "600",
                "weight": "0",
                "higher_is_better": False,
            },
        ],
        "tie_breaks": ["time"],
        **overrides,
    }


def event_body(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "产科临床技能",
        "format": "individual",
        "rubric": rubric(),
        "aggregation": "mean",
        "judges_per_entry": 3,
        "groups": [{"kind": "employee", "name": "职工组"}],
        "stages": [{"kind": "final"}],
        **overrides,
    }


@dataclass
class Contest:
    id: str
    event: dict[str, Any]
    headers: dict[str, str]

    @property
    def event_id(self) -> str:
        return str(self.event["id"])

    def group(self, name: str = "职工组") -> str:
        return next(str(g["id"]) for g in self.event["groups"] if g["name"] == name)

    def stage(self, kind: str = "final") -> str:
        return next(str(s["id"]) for s in self.event["stages"] if s["kind"] == kind)


BuildContest = Callable[..., Any]


@pytest.fixture
def build_contest(
    client: httpx.AsyncClient, tree: Tree, organiser: Callable[[Org], dict[str, str]]
) -> BuildContest:
    """A competition hosted by `host` (the province) with one event, registration open."""

    async def build(
        host: Org | None = None,
        *,
        open_registration: bool = True,
        competition: dict[str, Any] | None = None,
        **event: Any,
    ) -> Contest:
        host = host or tree.province
        headers = organiser(host)
        body = {
            "name": "浙江省妇产科临床技能竞赛",
            "kind": "vocational_skills",
            "level": host.level if host.level != "grassroots" else "enterprise",
            "year": 2026,
            "host_org_id": str(host.id),
            **(competition or {}),
        }
        response = await client.post("/v1/competitions", json=body, headers=headers)
        assert response.status_code == 201, response.text
        competition_id = response.json()["id"]
        response = await client.post(
            f"/v1/competitions/{competition_id}/events", json=event_body(**event), headers=headers
        )
        assert response.status_code == 201, response.text
        if open_registration:
            opened = await client.post(
                f"/v1/competitions/{competition_id}/open-registration", headers=headers
            )
            assert opened.status_code == 200, opened.text
        return Contest(competition_id, response.json(), headers)

    return build


@pytest.fixture
def event_payload() -> Callable[..., dict[str, Any]]:
    return event_body


@dataclass
class JudgeAccount:
    id: str
    subject: str
    headers: dict[str, str]


@dataclass
class Flow:
    """Drives a contest through the API the way its organisers and judges would."""

    client: httpx.AsyncClient
    contest: Contest
    membership: FakeMembership
    auth: AuthHeaders
    tree: Tree
    session: AsyncSession

    @property
    def headers(self) -> dict[str, str]:
        return self.contest.headers

    async def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        kwargs.setdefault("headers", self.headers)
        response = await self.client.request(method, path, **kwargs)
        assert response.status_code == expect, (method, path, response.text)
        return response.json() if response.content else None

    async def enter(
        self, names: list[str], org: Org | None = None, group: str = "职工组"
    ) -> list[dict[str, Any]]:
        """Members of `org` entered and approved; returned in the order of `names`."""
        org = org or self.tree.hospital_a
        numbers = [self.membership.member(org, name) for name in names]
        body = {"group_id": self.contest.group(group), "membership_nos": numbers}
        result = await self.call(
            "POST", f"/v1/events/{self.contest.event_id}/entries/batch", 201, json=body
        )
        by_number = {e["participants"][0]["membership_no"]: e for e in result["entered"]}
        approval = {"entry_ids": [e["id"] for e in result["entered"]]}
        await self.call(
            "POST", f"/v1/competitions/{self.contest.id}/entries/approve", json=approval
        )
        return [by_number[n] for n in numbers]

    async def close_registration(self) -> None:
        await self.call("POST", f"/v1/competitions/{self.contest.id}/close-registration")

    async def start(self, stage: str = "final") -> str:
        stage_id = self.contest.stage(stage)
        await self.call("POST", f"/v1/stages/{stage_id}/start")
        return stage_id

    async def judges(self, count: int, org: Org | None = None) -> list[JudgeAccount]:
        """Judge accounts of `org` (default: the medical society, related to no entrant's
        union) added by username; each signs in with the account's id as subject."""
        org = org or self.tree.medical_society
        judges = []
        for n in range(count):
            username, subject = self.membership.account(org, f"评委{n + 1}")
            judge = await self.call(
                "POST",
                f"/v1/competitions/{self.contest.id}/judges",
                201,
                json={"username": username},
            )
            headers = self.auth("cadre", permissions=("judge",), subject=subject)
            judges.append(JudgeAccount(judge["id"], subject, headers))
        return judges

    async def end_notice(self, stage_id: str) -> None:
        """The stage's notice period over, as if its days had passed."""
        await self.session.execute(
            text(
                "UPDATE competition.stage SET notice_ends_at = now() - interval '1 second'"
                " WHERE id = :id"
            ),
            {"id": stage_id},
        )

    async def panel(self, stage_id: str, judges: list[JudgeAccount]) -> dict[str, Any]:
        await self.call(
            "POST", f"/v1/stages/{stage_id}/panel", json={"judge_ids": [j.id for j in judges]}
        )
        plan: dict[str, Any] = await self.call("POST", f"/v1/stages/{stage_id}/assignments/auto")
        return plan

    async def mark(
        self, stage_id: str, judge: JudgeAccount, code: str, expect: int = 200, **marks: str
    ) -> Any:
        return await self.call(
            "PUT",
            f"/v1/judging/stages/{stage_id}/sheets/{code}",
            expect,
            json={"marks": marks, "submit": True},
            headers=judge.headers,
        )

    async def score_all(
        self, stage_id: str, judges: list[JudgeAccount], marks: Callable[[str, int], dict[str, str]]
    ) -> None:
        """Every judge submits `marks(entry_code, judge_index)` for each entry assigned."""
        for index, judge in enumerate(judges):
            mine = await self.call("GET", f"/v1/judging/stages/{stage_id}", headers=judge.headers)
            for entry in mine["entries"]:
                await self.mark(
                    stage_id, judge, entry["entry_code"], **marks(entry["entry_code"], index)
                )

    async def record_scores(
        self, stage_id: str, marks: Callable[[str, int], dict[str, str]]
    ) -> None:
        """Submitted sheets written straight to the database, for tests about what follows
        scoring: judge n's sheet for each assigned entry holds `marks(entry_code, n)`."""
        rubric = Rubric.model_validate(self.contest.event["rubric"])
        rows = (
            await self.session.execute(
                text(
                    "SELECT a.entry_id, e.code, a.judge_id FROM competition.assignment a"
                    " JOIN competition.entry e ON e.id = a.entry_id"
                    " JOIN competition.judge j ON j.id = a.judge_id"
                    " WHERE a.stage_id = :stage_id ORDER BY j.name"
                ),
                {"stage_id": stage_id},
            )
        ).all()
        judges = sorted({judge for _, _, judge in rows}, key=[j for _, _, j in rows].index)
        now = datetime.now(UTC)
        for entry_id, code, judge_id in rows:
            given = {k: Decimal(v) for k, v in marks(code, judges.index(judge_id)).items()}
            self.session.add(
                ScoreSheet(
                    id=uuid.uuid4(),
                    stage_id=uuid.UUID(stage_id),
                    entry_id=entry_id,
                    judge_id=judge_id,
                    marks={k: format(v, "f") for k, v in given.items()},
                    total=total(rubric, given),
                    status=SheetStatus.SUBMITTED,
                    submitted_at=now,
                    updated_at=now,
                )
            )
        await self.session.commit()

    async def rank(self, stage_id: str) -> dict[str, Any]:
        summary: dict[str, Any] = await self.call("POST", f"/v1/stages/{stage_id}/rank")
        return summary

    async def results(self, stage_id: str, **params: Any) -> list[dict[str, Any]]:
        page = await self.call("GET", f"/v1/stages/{stage_id}/results", params=params)
        items: list[dict[str, Any]] = page["items"]
        return items


@pytest.fixture
def flow(
    client: httpx.AsyncClient,
    membership: FakeMembership,
    auth: AuthHeaders,
    tree: Tree,
    session: AsyncSession,
) -> Callable[[Contest], Flow]:
    def make(contest: Contest) -> Flow:
        return Flow(client, contest, membership, auth, tree, session)

    return make
