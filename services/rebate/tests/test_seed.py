"""The demo seed: on the test database, with membership's organisation tree faked at the HTTP
boundary, it reproduces the reported figures exactly, and a second run changes nothing."""

import base64
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate import seed
from rebate.cases.models import RebateCase
from rebate.ledger.models import Account
from rebate.ledger.service import Ledger
from rebate.partners.service import PartnerService
from rebate.payouts.models import Payout
from rebate.settings import RebateSettings


def _org(name: str, level: str, region: str, parent: dict[str, Any] | None) -> dict[str, Any]:
    org_id = uuid.uuid4()
    path = f"{parent['path']}.{org_id.hex}" if parent else org_id.hex
    return {"id": str(org_id), "name": name, "level": level, "region_code": region, "path": path}


@dataclass
class FakeTree:
    """Membership's organisation endpoints as a service token sees them: the roots, a
    sub-tree in pages of at most `limit` with an opaque cursor, and one organisation."""

    orgs: list[dict[str, Any]] = field(default_factory=list)
    calls: list[httpx.Request] = field(default_factory=list)

    def add(self, name: str, level: str, region: str, parent: dict[str, Any] | None = None) -> Any:
        org = _org(name, level, region, parent)
        self.orgs.append(org)
        return org

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        parts = request.url.path.strip("/").split("/")
        if parts == ["v1", "auth", "token"]:
            return httpx.Response(200, json={"access_token": "svc", "expires_in": 900})
        if request.headers.get("authorization") != "Bearer svc":
            return httpx.Response(401)
        if parts == ["v1", "orgs"]:
            return httpx.Response(200, json=[o for o in self.orgs if "." not in o["path"]])
        by_id = {o["id"]: o for o in self.orgs}
        if len(parts) < 3 or parts[2] not in by_id:
            return httpx.Response(404)
        org = by_id[parts[2]]
        if len(parts) == 3:
            return httpx.Response(200, json=org)
        below = sorted(
            (
                o
                for o in self.orgs
                if o["path"] == org["path"] or o["path"].startswith(f"{org['path']}.")
            ),
            key=lambda o: o["path"],
        )
        limit = int(request.url.params["limit"])
        cursor = request.url.params.get("cursor")
        start = int(base64.b64decode(cursor)) if cursor else 0
        rest = below[start + limit :]
        following = base64.b64encode(str(start + limit).encode()).decode() if rest else None
        return httpx.Response(
            200, json={"items": below[start : start + limit], "next_cursor": following}
        )


@pytest.fixture(autouse=True)
def tree(membership: Any, monkeypatch: pytest.MonkeyPatch) -> FakeTree:
    """The membership demo's shape: a province, cities, three counties, and enough streets and
    unions below them that the sub-tree takes several pages. The service under test reads
    `GET /v1/orgs/{id}` from it too (the shared fake answers the rest); autouse, so that it is
    in place before the app is built."""
    fake = FakeTree()
    province = fake.add("浙江省总工会", "provincial", "330000")
    fake.add("全国海员工会", "national", "100000")
    hangzhou = fake.add("杭州市总工会", "city", "330100", province)
    ningbo = fake.add("宁波市总工会", "city", "330200", province)
    fake.add("杭州市外卖配送行业联合会", "city", "330100", hangzhou)
    counties = [
        fake.add("杭州市拱墅区总工会", "county", "330105", hangzhou),
        fake.add("杭州市余杭区总工会", "county", "330110", hangzhou),
        fake.add("宁波市鄞州区总工会", "county", "330212", ningbo),
    ]
    for n in range(450):
        street = fake.add(f"街道工会{n}", "street", "330110", counties[n % 3])
        fake.add(f"企业工会{n}", "grassroots", "330110", street)
    plain = membership.handle

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/v1/orgs/"):
            return fake.handle(request)
        return plain(request)  # type: ignore[no-any-return]

    monkeypatch.setattr(membership, "handle", handle)
    return fake


async def _seed(
    settings: RebateSettings, app: FastAPI, session: AsyncSession, tree: FakeTree
) -> Any:
    async with seed.membership_http(settings, httpx.MockTransport(tree.handle)) as http:
        return await seed.seed(session, app.state.pii, seed.OrgTree(http))


async def test_seed_reproduces_the_reported_figures_prints_the_secrets_and_runs_once(
    client: httpx.AsyncClient,
    auth: Any,
    app: FastAPI,
    settings: RebateSettings,
    session: AsyncSession,
    tree: FakeTree,
) -> None:
    report = await _seed(settings, app, session, tree)
    assert report.history_created == 44_700
    assert report.province.name == "浙江省总工会"
    assert sorted(c.region_code for c in report.counties) == ["330105", "330110", "330212"]
    assert report.policy.region_prefixes == ["33"]
    assert (report.policy.period_from, report.policy.period_to) == ("2025-01", "2026-12")
    assert report.policy.destinations == ["union_account", "payer_account", "county_pool"]
    assert tree.calls[0].url.path == "/v1/auth/token"
    assert sum("subtree" in c.url.path for c in tree.calls) == 5  # 907 organisations, 200 a page

    province = str(report.province.id)
    params = {"org_id": province, "from": "2026-01", "to": "2026-08"}
    response = await client.get("/v1/stats", params=params, headers=auth("admin"))
    assert response.status_code == 200, response.text
    assert response.json() == {
        "org_id": province,
        "from": "2026-01",
        "to": "2026-08",
        "refunded": {"enterprises": 27_400, "amount": "143000000.00"},
        "pending": {"cases": 0, "amount": "0.00"},
        "rejected": {"cases": 0},
        "previous_year": {
            "from": "2025-01",
            "to": "2025-08",
            "refunded": {"enterprises": 17_300, "amount": "105996590.32"},
        },
        "growth": {"enterprises": "58.38", "amount": "34.91"},
    }

    # The counties' figures, each as its own cadre sees them, add up to the province's.
    enterprises, amount = 0, Decimal(0)
    for county in report.counties:
        cadre = auth("cadre", org_scope_paths=[county.path], permissions=["review_rebates"])
        body = (
            await client.get("/v1/stats", params=params | {"org_id": str(county.id)}, headers=cadre)
        ).json()
        assert body["refunded"]["enterprises"] > 5_000
        enterprises += body["refunded"]["enterprises"]
        amount += Decimal(body["refunded"]["amount"])
    assert (enterprises, amount) == (27_400, Decimal("143000000.00"))

    # Every paid case has one review, one paid payout of its refund, its ledger transactions
    # and the four audit steps of a paid case.
    total = Decimal("143000000.00") + Decimal("105996590.32")
    balances = await Ledger(session).balances()
    assert balances[Account.REFUNDS] == total
    assert balances[Account.FEES_COLLECTED] == -total
    assert balances[Account.FEES_HELD] == balances[Account.REFUNDS_PAYABLE] == 0
    trail = await session.execute(
        text(
            """
            SELECT (SELECT count(*) FROM rebate.rebate_case WHERE status = 'paid'),
                   (SELECT count(DISTINCT case_id) FROM rebate.review),
                   (SELECT count(*) FROM rebate.review),
                   (SELECT count(DISTINCT p.case_id) FROM rebate.payout p
                    JOIN rebate.rebate_case c ON c.id = p.case_id
                    WHERE p.status = 'paid' AND p.amount = c.refund),
                   (SELECT count(*) FROM rebate.payout),
                   (SELECT array_agg(DISTINCT n) FROM (
                        SELECT count(*) AS n FROM rebate.audit_event
                        WHERE case_id IS NOT NULL GROUP BY kind) k)
            """
        )
    )
    assert tuple(trail.one()) == (44_700, 44_700, 44_700, 44_700, 44_700, [44_700])
    kinds = await session.scalars(
        text("SELECT DISTINCT kind FROM rebate.audit_event WHERE case_id IS NOT NULL ORDER BY 1")
    )
    assert list(kinds) == [
        "case.imported",
        "case.review.approve",
        "payout.instructed",
        "payout.paid",
    ]

    # The printed secrets are the ones that verify the partners' deliveries.
    partners = PartnerService(session, app.state.pii, timedelta(hours=1), app.state.url_guard)
    assert [(p.kind.value, p.secret[:6]) for p in report.partners] == [
        ("tax", "whsec_"),
        ("bank", "whsec_"),
    ]
    for partner in report.partners:
        assert await partners.secrets_in_force(partner.id) == [partner.secret]
    printed = "\n".join(seed.describe(report))
    assert all(p.secret in printed and str(p.id) in printed for p in report.partners)

    again = await _seed(settings, app, session, tree)
    assert again.history_created == 0
    assert again.partners == report.partners
    assert again.policy.id == report.policy.id
    assert await session.scalar(select(func.count()).select_from(RebateCase)) == 44_700
    assert await session.scalar(select(func.count()).select_from(Payout)) == 44_700


async def test_seed_without_a_province_in_membership_says_so(
    app: FastAPI, settings: RebateSettings, session: AsyncSession
) -> None:
    with pytest.raises(seed.SeedError, match="no provincial federation"):
        await _seed(settings, app, session, FakeTree())


def test_seed_refuses_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REBATE_ENVIRONMENT", "production")
    for name in ("MEMBERSHIP_CLIENT_SECRET", "PII_KEY", "PII_INDEX_KEY", "AUDIT_SIGNING_KEY"):
        monkeypatch.setenv(f"REBATE_{name}", "A" * 43 + "=")
    with pytest.raises(SystemExit, match="refusing"):
        seed.main()
