"""Rebate tests: a real migrated database; membership, banks and tax systems are faked at
the HTTP boundary (httpx.MockTransport), and tokens come from a test key."""

import ipaddress
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from standardwebhooks.webhooks import Webhook

from rebate.main import create_app
from rebate.runs.executor import RunExecutor
from rebate.runs.leases import RUNS
from rebate.settings import RebateSettings
from servicekit.outbound_urls import IPAddress
from servicekit.testing.plugin import ServiceUnderTest
from servicekit.testing.tokens import TokenMinter

SERVICE_ROOT = Path(__file__).resolve().parents[1]
PROVINCE_PATH = "a" * 32
COUNTY_PATH = f"{PROVINCE_PATH}.{'b' * 32}.{'c' * 32}"
OTHER_COUNTY_PATH = f"{PROVINCE_PATH}.{'b' * 32}.{'d' * 32}"


# Membership's `GET /v1/orgs/{id}` for the three federations above: a path's last segment is
# its organisation's id. The county's region is the one of the test fee records.
REGIONS = {PROVINCE_PATH: "350000", COUNTY_PATH: "350102", OTHER_COUNTY_PATH: "350103"}
KNOWN_ORGS = {str(uuid.UUID(path.rsplit(".", 1)[-1])): path for path in REGIONS}


@dataclass
class FakeMembership:
    """The membership service's answers that rebate reads."""

    enterprises: dict[str, dict[str, Any]] = field(default_factory=dict)
    accounts: dict[str, dict[str, str]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def add_enterprise(
        self,
        uscc: str,
        *,
        size_class: str = "micro",
        org_path: str = COUNTY_PATH,
        account: dict[str, str] | None = None,
        needs_review: bool = False,
    ) -> dict[str, Any]:
        enterprise = {
            "id": str(uuid.uuid4()),
            "uscc": uscc,
            "name": f"企业{uscc[-4:]}",
            "size_class": size_class,
            "needs_review": needs_review,
            "affiliated_org_id": str(uuid.uuid4()),
            "affiliated_org_path": org_path,
            "has_union_account": account is not None,
        }
        self.enterprises[uscc] = enterprise
        if account is not None:
            self.accounts[enterprise["id"]] = account
        return enterprise

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(f"{request.method} {request.url.path}")
        path = request.url.path
        if path == "/v1/auth/token":
            return httpx.Response(200, json={"access_token": "svc", "expires_in": 900})
        if path == "/v1/enterprises/lookup":
            wanted = json.loads(request.content)["usccs"]
            found = [self.enterprises[c] for c in wanted if c in self.enterprises]
            missing = [
                {"uscc": c, "reason": "not_found"} for c in wanted if c not in self.enterprises
            ]
            return httpx.Response(200, json={"found": found, "missing": missing})
        if path.startswith("/v1/orgs/"):
            org_path = KNOWN_ORGS.get(path.rsplit("/", 1)[-1])
            if org_path is None:
                return httpx.Response(404)
            org = {
                "id": path.rsplit("/", 1)[-1],
                "path": org_path,
                "kind": "federation",
                "status": "active",
                "region_code": REGIONS[org_path],
            }
            return httpx.Response(200, json=org)
        if path.endswith("/union-account"):
            account = self.accounts.get(path.split("/")[3])
            return httpx.Response(200, json=account) if account else httpx.Response(404)
        return httpx.Response(404)


@dataclass
class FakePartners:
    """Banks' and tax systems' webhook endpoints: records every delivery we send, with the URL
    as the partner's server sees it (its Host header), and the address we connected to."""

    deliveries: list[httpx.Request] = field(default_factory=list)
    connected_to: list[str] = field(default_factory=list)
    status_code: int = 200

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.connected_to.append(request.url.host)
        request.url = request.url.copy_with(host=request.headers["host"])
        self.deliveries.append(request)
        return httpx.Response(self.status_code, json={})


# A public address (outside every reserved range) for the partners' names in the tests.
PUBLIC_ADDRESS = "93.184.215.14"


@dataclass
class FakeDns:
    """Names under `.example` resolve to a public address unless a test points them elsewhere;
    any other name does not resolve."""

    records: dict[str, list[str]] = field(default_factory=dict)
    lookups: list[str] = field(default_factory=list)

    async def resolve(self, host: str, port: int) -> list[IPAddress]:
        self.lookups.append(host)
        if host in self.records:
            return [ipaddress.ip_address(a) for a in self.records[host]]
        if host.endswith(".example"):
            return [ipaddress.ip_address(PUBLIC_ADDRESS)]
        raise OSError(f"{host} does not resolve")


MEMBERSHIP = FakeMembership()
PARTNERS = FakePartners()
DNS = FakeDns()
MINTER = TokenMinter()


def _app(settings: RebateSettings) -> FastAPI:
    return create_app(
        settings,
        # Looked up per request, so that a test can replace the fake's answers.
        membership_transport=httpx.MockTransport(lambda request: MEMBERSHIP.handle(request)),
        outbound_transport=httpx.MockTransport(PARTNERS.handle),
        resolver=lambda host, port: DNS.resolve(host, port),
    )


# As in development: the fake partners of local runs listen on loopback.
LOOPBACK: list[Any] = ["127.0.0.0/8", "::1/128"]


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="rebate",
        alembic_ini=SERVICE_ROOT / "alembic.ini",
        # One run writer: the sessions of a test share its one connection (and transaction).
        # Two writers on connections of their own run in the end-to-end test.
        settings_factory=lambda url: RebateSettings(
            database_url=url,
            environment="test",
            run_writers=1,
            outbound_allowed_networks=LOOPBACK,
            # Checkpoints are written by the tests themselves, inside their transactions.
            audit_checkpoint_writer=False,
            # One app serves every test: a circuit opened by one test's outage would refuse
            # the next test's calls (servicekit's tests cover the circuit breaker).
            upstream_failures_to_open=1_000_000,
            # A fake membership's outage is the test's own: asked once, not after backoffs.
            upstream_attempts=1,
        ),
        app_factory=_app,
    )


@pytest.fixture(autouse=True)
def fakes() -> tuple[FakeMembership, FakePartners]:
    MEMBERSHIP.enterprises.clear()
    MEMBERSHIP.accounts.clear()
    MEMBERSHIP.calls.clear()
    PARTNERS.deliveries.clear()
    PARTNERS.connected_to.clear()
    PARTNERS.status_code = 200
    DNS.records.clear()
    DNS.lookups.clear()
    return MEMBERSHIP, PARTNERS


@pytest.fixture
def membership() -> FakeMembership:
    return MEMBERSHIP


@pytest.fixture
def partners_fake() -> FakePartners:
    return PARTNERS


@pytest.fixture
def dns() -> FakeDns:
    return DNS


AuthHeaders = Callable[..., dict[str, str]]


@pytest.fixture
def auth(app: FastAPI) -> AuthHeaders:
    app.state.token_verifier.set_keys(MINTER.verification_keys())

    def headers(*roles: str, **claims: Any) -> dict[str, str]:
        return MINTER.headers(roles=roles, **claims)

    return headers


def _uscc(serial: int, division: str = "350102") -> str:
    """A well-formed credit code (GB 32100 check character) for test enterprise `serial`."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = f"91{division}MA{serial:07d}"
    total = sum(alphabet.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + alphabet[(31 - total % 31) % 31]


def _fee_record(serial: int, **overrides: Any) -> dict[str, Any]:
    """A fee record as a tax partner sends it: 2% of payroll, money as decimal strings."""
    record: dict[str, Any] = {
        "record_id": f"TAX-2026-{serial:06d}",
        "uscc": _uscc(serial),
        "enterprise_name": f"福州某某科技有限公司{serial}",
        "region_code": "350102",
        "period": "2026-03",
        "payroll_total": "123456.00",
        "fee_amount": "2469.12",
        "paid_at": "2026-04-15T10:00:00+08:00",
        "payer_account": {
            "bank": "中国建设银行福州分行",
            "account_no": f"6227 0038 {serial:010d}",
            "account_name": f"福州某某科技有限公司{serial}",
        },
        "tax_office": "国家税务总局福州市鼓楼区税务局",
    }
    record.update(overrides)
    return record


@dataclass
class Partner:
    id: str
    secret: str


@pytest.fixture
async def tax_partner(client: httpx.AsyncClient, auth: AuthHeaders) -> Partner:
    response = await client.post(
        "/v1/partners",
        json={
            "name": "福建省税务局",
            "kind": "tax",
            "region_prefixes": ["35"],
            "webhook_url": "https://tax.example/hooks",
        },
        headers=auth("admin"),
    )
    assert response.status_code == 201, response.text
    return Partner(response.json()["id"], response.json()["secret"])


@pytest.fixture
async def second_tax_partner(client: httpx.AsyncClient, auth: AuthHeaders) -> Partner:
    """Another tax partner of the same county (Fuzhou's bureau): one payment may reach the
    service from both."""
    response = await client.post(
        "/v1/partners",
        json={
            "name": "福州市税务局",
            "kind": "tax",
            "region_prefixes": ["3501"],
            "webhook_url": "https://fz-tax.example/",
        },
        headers=auth("admin"),
    )
    assert response.status_code == 201, response.text
    return Partner(response.json()["id"], response.json()["secret"])


Push = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def push(client: httpx.AsyncClient) -> Push:
    """Signs a fee delivery with the reference Standard Webhooks library and posts it."""

    async def send(
        partner: Partner,
        records: list[dict[str, Any]],
        event_type: str = "fee.recorded",
        webhook_id: str | None = None,
        secret: str | None = None,
    ) -> httpx.Response:
        body = json.dumps(
            {
                "type": event_type,
                "timestamp": "2026-04-16T08:00:00+08:00",
                "data": {"records": records},
            }
        )
        msg_id = webhook_id or f"msg_{uuid.uuid4().hex}"
        # One clock reading for the signature and the header: two could straddle a second.
        now = datetime.now(UTC)
        headers = {
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(secret or partner.secret).sign(msg_id, now, body),
            "content-type": "application/json",
        }
        return await client.post(f"/v1/webhooks/tax/{partner.id}", content=body, headers=headers)

    return send


@pytest.fixture
def fee_record() -> Callable[..., dict[str, Any]]:
    return _fee_record


@pytest.fixture
def make_uscc() -> Callable[..., str]:
    return _uscc


POLICY = {
    "policy_key": "fj-2026-small-micro",
    "name": "福建省小微企业工会经费全额返还",
    "region_prefixes": ["35"],
    "period_from": "2026-01",
    "period_to": "2026-12",
    "size_classes": ["micro", "small"],
    "refund_ratio": "1.0000",
    "destinations": ["union_account", "payer_account"],
    "review_steps": 1,
}


@pytest.fixture
async def policy(client: httpx.AsyncClient, auth: AuthHeaders) -> dict[str, Any]:
    response = await client.post("/v1/policies", json=POLICY, headers=auth("admin"))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


ProcessRuns = Callable[[], Awaitable[int]]
TEST_WORKER = "worker:test"


@pytest.fixture
def process_runs(app: FastAPI) -> ProcessRuns:
    """What `python -m rebate worker` does with queued runs (rebate.runs.worker), on the test's
    connection: claim each (RUNS) and execute it (RunExecutor); returns how many were executed.
    The lease's heartbeat is left out: nothing else claims runs in a test, and on the test's
    one connection it would interleave with the run's own statements."""

    async def run() -> int:
        settings: RebateSettings = app.state.settings
        sessions = app.state.sessionmaker
        executor = RunExecutor(
            sessions, app.state.membership, settings.run_chunk_enterprises, settings.run_writers
        )
        done = 0
        while (
            run_id := await RUNS.claim(sessions, TEST_WORKER, settings.run_lease_seconds)
        ) is not None:
            await executor.execute(run_id)
            done += 1
        return done

    return run


RunPeriod = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def run_period(
    client: httpx.AsyncClient, auth: AuthHeaders, process_runs: ProcessRuns
) -> RunPeriod:
    """Starts a run, lets a worker execute it (process_runs); returns the finished run."""

    async def run(
        period: str = "2026-03", region_prefix: str = "3501", policy_key: str = POLICY["policy_key"]
    ) -> dict[str, Any]:
        started = await client.post(
            "/v1/runs",
            json={"period": period, "region_prefix": region_prefix, "policy_key": policy_key},
            headers=auth("admin"),
        )
        assert started.status_code == 202, started.text
        await process_runs()
        finished = await client.get(f"/v1/runs/{started.json()['id']}", headers=auth("admin"))
        body: dict[str, Any] = finished.json()
        return body

    return run


@dataclass(frozen=True)
class OrgPaths:
    province: str = PROVINCE_PATH
    county: str = COUNTY_PATH
    other_county: str = OTHER_COUNTY_PATH

    @staticmethod
    def id_of(path: str) -> str:
        """The organisation's id (membership's, as the fake answers it)."""
        return str(uuid.UUID(path.rsplit(".", 1)[-1]))


@pytest.fixture
def org_paths() -> OrgPaths:
    return OrgPaths()


@pytest.fixture
def reviewer(auth: AuthHeaders) -> Callable[..., dict[str, str]]:
    """A cadre allowed to review rebates in the sub-tree at `path`."""

    def headers(path: str, subject: str | None = None) -> dict[str, str]:
        return auth(
            "cadre",
            org_scope_paths=[path],
            permissions=["review_rebates"],
            **({"subject": subject} if subject else {}),
        )

    return headers
