"""Demo data for `make run`: a tax partner and a bank partner (their ids and webhook secrets are
printed on every run), the Zhejiang small-and-micro policy, and a history of paid refunds spread
over the province's counties that reproduces the Workers' Daily figures: January-August 2026,
143,000,000.00 yuan to 27,400 enterprises, +34.91% in amount and +58.38% in enterprises on
January-August 2025 (105,996,590.32 yuan to 17,300 enterprises).

Runs after the services have started: the organisation tree is read from membership over HTTP
with rebate's service token. Each part is created once; later runs create nothing and print the
same partners. Development only.

    python -m rebate.seed
"""

import asyncio
import random
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate import models as _models  # noqa: F401  (every table, for foreign keys)
from rebate.audit.service import AuditLog, Step
from rebate.cases.models import CaseSource, CaseStatus, RebateCase, ReviewDecision, ReviewStep
from rebate.clients.membership import MembershipClient
from rebate.ledger.models import Account
from rebate.partners.models import Partner, PartnerKind
from rebate.partners.schemas import PartnerCreate
from rebate.partners.service import PartnerService
from rebate.payouts.models import PayoutStatus
from rebate.payouts.service import account_field
from rebate.policies.models import Destination, Policy
from rebate.policies.schemas import PolicyCreate
from rebate.policies.service import PolicyService
from rebate.settings import RebateSettings
from servicekit.bulk import copy_records
from servicekit.db import create_engine, create_sessionmaker
from servicekit.outbound_urls import UrlGuard, UrlPolicy
from servicekit.pii import PiiCipher, mask_account_number
from servicekit.settings import Environment
from servicekit.upstream import create_service_http_client

ACTOR = "seed"
TAX_PARTNER = "浙江省税务局（演示）"
BANK_PARTNER = "浙江农商联合银行（演示）"
POLICY_KEY = "zj-2026-small-micro"
BANK_NAME = "浙江农商银行"
UNION_ACCOUNT, PAYER_ACCOUNT = Destination.UNION_ACCOUNT, Destination.PAYER_ACCOUNT
PAGE = 200  # membership's largest page
# Two seeders started at once (two `make run`s on one database) take turns here.
_SEED_LOCK = 0x7265626174652D73  # "rebate-s"


@dataclass(frozen=True)
class Year:
    year: int
    enterprises: int
    amount: Decimal


# January to August of each year, as in the report.
MONTHS = 8
CURRENT = Year(2026, 27_400, Decimal("143000000.00"))
PREVIOUS = Year(2025, 17_300, Decimal("105996590.32"))
RANDOM_SEED = 20260822  # the history is the same on every machine


@dataclass(frozen=True)
class Org:
    id: uuid.UUID
    name: str
    level: str
    region_code: str
    path: str

    @classmethod
    def from_api(cls, item: dict[str, Any]) -> "Org":
        return cls(
            uuid.UUID(item["id"]), item["name"], item["level"], item["region_code"], item["path"]
        )


class SeedError(Exception):
    pass


class OrgTree:
    """The organisation tree as membership answers it to a service token."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def province(self) -> Org:
        response = await self.http.get("/v1/orgs")
        response.raise_for_status()
        provinces = [Org.from_api(i) for i in response.json() if i["level"] == "provincial"]
        if not provinces:
            raise SeedError("membership has no provincial federation; seed membership first")
        # The membership demo's province, else the first by name.
        return next((p for p in provinces if p.region_code == "330000"), provinces[0])

    async def counties(self, root: Org) -> list[Org]:
        found: list[Org] = []
        cursor: str | None = None
        while True:
            params: dict[str, str | int] = {"limit": PAGE}
            if cursor:
                params["cursor"] = cursor
            response = await self.http.get(f"/v1/orgs/{root.id}/subtree", params=params)
            response.raise_for_status()
            page = response.json()
            found += [Org.from_api(i) for i in page["items"] if i["level"] == "county"]
            cursor = page.get("next_cursor")
            if not cursor:
                return found


@dataclass(frozen=True)
class PartnerShown:
    id: uuid.UUID
    name: str
    kind: PartnerKind
    secret: str


@dataclass(frozen=True)
class SeedReport:
    partners: list[PartnerShown]
    province: Org
    counties: list[Org]
    policy: Policy
    history_created: int  # cases; 0 when the history was there already


# Historical cases come from before the union register was connected: they have no
# enterprise in membership (enterprise_id is null). Their credit codes are made up but
# well-formed (GB 32100 check character), with "MH" where register codes of the membership
# demo have "MA", so that they never collide with an enterprise that exists there.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
HISTORY_USCC = "91______MH%"  # LIKE pattern of those codes


_USCC_VALUE = {char: value for value, char in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def demo_uscc(serial: int, region_code: str) -> str:
    body = f"91{region_code}MH{serial:07d}"
    total = sum(_USCC_VALUE[c] * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


_TRADE = "恒信华瑞中泰永盛鸿达金源新晟宏远博通嘉禾同创兴业安康天成"
_INDUSTRY = (
    "科技",
    "贸易",
    "服饰",
    "食品",
    "机械",
    "电子",
    "物流",
    "建材",
    "餐饮",
    "印务",
    "家具",
    "文化传媒",
)


def demo_name(serial: int, county: Org) -> str:
    place = county.name.removesuffix("总工会")
    first, second = _TRADE[serial % len(_TRADE)], _TRADE[(serial // 7) % len(_TRADE)]
    industry = _INDUSTRY[(serial // 3) % len(_INDUSTRY)]
    return f"{place}{first}{second}{industry}有限公司"


def split_exactly(total: Decimal, count: int, rng: random.Random) -> list[Decimal]:
    """`count` amounts of a plausible spread (log-normal) that add up to `total` to the cent."""
    cents = int(total * 100)
    weights = [rng.lognormvariate(0.0, 0.7) for _ in range(count)]
    scale = cents / sum(weights)
    shares = [int(w * scale) for w in weights]
    for index in range(cents - sum(shares)):
        shares[index % count] += 1
    return [Decimal(s).scaleb(-2) for s in shares]


async def ensure_partners(
    session: AsyncSession, pii: PiiCipher, province: Org
) -> list[PartnerShown]:
    """The demo partners, created once (the tax partner for the demo province); their newest
    secret is decrypted to be shown again."""
    # The demo partners are made without a webhook URL: no URL to check.
    service = PartnerService(session, pii, timedelta(hours=72), UrlGuard(UrlPolicy()))
    shown = []
    for name, kind in ((TAX_PARTNER, PartnerKind.TAX), (BANK_PARTNER, PartnerKind.BANK)):
        partner = await session.scalar(
            select(Partner).where(Partner.name == name, Partner.kind == kind)
        )
        if partner is None:
            regions = [province.region_code[:2]] if kind is PartnerKind.TAX else []
            partner, secret = await service.create(
                PartnerCreate(name=name, kind=kind, region_prefixes=regions), ACTOR
            )
        else:
            secret = await service.signing_secret(partner.id)
        shown.append(PartnerShown(partner.id, partner.name, partner.kind, secret))
    return shown


async def ensure_policy(
    session: AsyncSession, pii: PiiCipher, province: Org, membership: MembershipClient
) -> Policy:
    policies = PolicyService(session, pii)
    existing = await session.scalar(
        select(Policy).where(Policy.policy_key == POLICY_KEY, Policy.retired_at.is_(None))
    )
    if existing is not None:
        return existing
    # As an administrator would send it (the ratio is a decimal string on the wire).
    policy_in = PolicyCreate.model_validate(
        {
            "policy_key": POLICY_KEY,
            "name": "浙江省小微企业工会经费全额返还",
            # GB/T 2260: a province's code is its two-digit prefix followed by zeros.
            "region_prefixes": [province.region_code[:2]],
            "period_from": "2025-01",
            "period_to": "2026-12",
            "size_classes": ["micro", "small"],
            "refund_ratio": "1.0000",
            "destinations": ["union_account", "payer_account", "county_pool"],
            "review_steps": 1,
            "mode": "automatic",
            "county_pool": {
                "bank": "中国工商银行杭州分行",
                "account_name": f"{province.name}经费返还专户",
                "account_no": "1202021209900088001",
            },
        }
    )
    return await policies.create(policy_in, ACTOR, membership=membership)


@dataclass(frozen=True)
class Moments:
    """When a case of a period was matched, approved (and instructed) and paid."""

    matched: datetime
    approved: datetime
    paid: datetime

    @classmethod
    def of(cls, period: str) -> "Moments":
        year, month = map(int, period.split("-"))
        # The month's fee is paid to the tax office by the 15th of the next month.
        next_month = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
        return cls(
            next_month + timedelta(days=19, hours=9),
            next_month + timedelta(days=23, hours=10),
            next_month + timedelta(days=27, hours=15),
        )

    @property
    def texts(self) -> tuple[str, str, str]:
        return self.matched.isoformat(), self.approved.isoformat(), self.paid.isoformat()


@dataclass(frozen=True)
class HistoricalCase:
    id: uuid.UUID
    payout_id: uuid.UUID
    uscc: str
    name: str
    county: Org
    period: str
    amount: Decimal
    union_account: bool
    account_no: str
    on: Moments

    @property
    def bank_reference(self) -> str:
        return f"ZJRC{self.payout_id.hex[:16].upper()}"

    @property
    def destination(self) -> str:
        return (UNION_ACCOUNT if self.union_account else PAYER_ACCOUNT).value

    @property
    def account_name(self) -> str:
        return f"{self.name}工会委员会" if self.union_account else self.name


def plan_history(counties: Sequence[Org]) -> list[HistoricalCase]:
    """One paid case per enterprise and year, in a month from January to August. The
    enterprises refunded in 2025 are refunded again in 2026, with 10,100 newcomers."""
    rng = random.Random(RANDOM_SEED)
    counties = sorted(counties, key=lambda org: org.path)
    home = [counties[rng.randrange(len(counties))] for _ in range(CURRENT.enterprises)]
    usccs = [demo_uscc(n + 1, county.region_code) for n, county in enumerate(home)]
    names = [demo_name(n + 1, county) for n, county in enumerate(home)]
    moments = {
        f"{y.year}-{m:02d}": Moments.of(f"{y.year}-{m:02d}")
        for y in (PREVIOUS, CURRENT)
        for m in range(1, MONTHS + 1)
    }
    cases = []
    for year in (PREVIOUS, CURRENT):
        amounts = split_exactly(year.amount, year.enterprises, rng)
        for n, amount in enumerate(amounts):
            period = f"{year.year}-{rng.randint(1, MONTHS):02d}"
            cases.append(
                HistoricalCase(
                    id=uuid.uuid4(),
                    payout_id=uuid.uuid4(),
                    uscc=usccs[n],
                    name=names[n],
                    county=home[n],
                    period=period,
                    amount=amount,
                    union_account=n % 3 == 2,
                    account_no=f"6228{n + 1:07d}{home[n].region_code}{year.year % 100:02d}",
                    on=moments[period],
                )
            )
    return cases


# Reviews and ledger lines of the history follow from its cases and payouts: computed in the
# database, with nothing to send. The ledger lines are those the live flow posts for a paid
# case (Ledger.post: each transaction a debit and a credit line of the same amount):
# the fee collected, the refund approved, the payout paid.
_REVIEWS = text(
    """
    INSERT INTO rebate.review (id, case_id, step, decision, reason, actor, decided_at)
    SELECT gen_random_uuid(), p.case_id, :step, :decision, NULL, :actor, p.created_at
    FROM rebate.payout p
    WHERE p.case_id = ANY(CAST(:case_ids AS uuid[]))
    """
)
_LEDGER = text(
    """
    WITH txn AS (
        SELECT gen_random_uuid() AS txn_id, f.kind, f.debit_account, f.credit_account,
               c.uscc, c.period, c.id AS case_id,
               CASE f.kind WHEN :collected THEN c.collected
                           WHEN :approved THEN c.refund
                           ELSE p.amount END AS amount,
               CASE f.kind WHEN :paid THEN p.id END AS payout_id
        FROM rebate.rebate_case c
        JOIN rebate.payout p ON p.case_id = c.id
        CROSS JOIN (VALUES (CAST(:collected AS varchar), CAST(:fees_held AS varchar),
                            CAST(:fees_collected AS varchar)),
                           (:approved, :refunds, :refunds_payable),
                           (:paid, :refunds_payable, :fees_held))
            AS f(kind, debit_account, credit_account)
        WHERE c.id = ANY(CAST(:case_ids AS uuid[]))
    )
    INSERT INTO rebate.ledger_entry
        (txn_id, kind, account, uscc, period, debit, credit, case_id, payout_id)
    SELECT txn_id, kind, debit_account, uscc, period, amount, 0, case_id, payout_id FROM txn
    UNION ALL
    SELECT txn_id, kind, credit_account, uscc, period, 0, amount, case_id, payout_id FROM txn
    """
)


# In the order of the tuples HistoryWriter.write builds, a line of one for each line here.
_CASE_COLUMNS = (
    ("id", "uscc", "enterprise_id", "enterprise_name", "period", "org_id", "org_path")
    + ("policy_id", "run_id", "source", "status")
    + ("collected", "refund", "set_off", "has_union_account", "version")
    + ("created_at", "updated_at")
)
_PAYOUT_COLUMNS = (
    ("id", "case_id", "attempt", "idempotency_key", "bank_partner_id", "destination")
    + ("bank_name", "account_name")
    + ("account_no_enc",)
    + ("account_no_masked",)
    + ("amount", "status", "bank_reference", "failure_reason")
    + ("settled_at", "created_at", "updated_at")
)


class HistoryWriter:
    """Paid cases with everything a paid case has: review, payout, ledger transactions and
    audit trail, in a handful of set-based statements (COPY where the rows come from here)."""

    def __init__(
        self, session: AsyncSession, pii: PiiCipher, policy: Policy, bank: uuid.UUID
    ) -> None:
        self.session = session
        self.pii = pii
        self.policy = policy
        self.bank = bank

    async def write(self, cases: Sequence[HistoricalCase]) -> None:
        case_ids = [c.id for c in cases]
        paid = CaseStatus.PAID.value
        await copy_records(
            self.session,
            "rebate_case",
            _CASE_COLUMNS,
            [
                (c.id, c.uscc, None, c.name, c.period, c.county.id, c.county.path)
                + (self.policy.id, None, CaseSource.AUTOMATIC.value, paid)
                + (c.amount, c.amount, Decimal("0.00"), c.union_account, 1)
                + (c.on.matched, c.on.paid)
                for c in cases
            ],
            schema="rebate",
        )
        await copy_records(
            self.session,
            "payout",
            _PAYOUT_COLUMNS,
            [
                (c.payout_id, c.id, 1, f"payout:{c.payout_id}", self.bank, c.destination)
                + (BANK_NAME, c.account_name)
                + (self.pii.encrypt(account_field(c.payout_id), c.account_no),)
                + (mask_account_number(c.account_no),)
                + (c.amount, PayoutStatus.PAID.value, c.bank_reference, None)
                + (c.on.paid, c.on.approved, c.on.paid)
                for c in cases
            ],
            schema="rebate",
        )
        # Statistics for the rows just copied: the statements below join them by case id and,
        # planned for the empty tables these were, could nest loops over tens of thousands of
        # cases (a test run once waited a quarter of an hour on the ledger's INSERT).
        await self.session.execute(text("ANALYZE rebate.rebate_case, rebate.payout"))
        await self.session.execute(
            _REVIEWS,
            {
                "case_ids": case_ids,
                "step": ReviewStep.REVIEW.value,
                "decision": ReviewDecision.APPROVE.value,
                "actor": ACTOR,
            },
        )
        await self.session.execute(
            _LEDGER,
            {
                "case_ids": case_ids,
                "collected": "collected",
                "approved": "approved",
                "paid": "paid",
                **{account.value: account.value for account in Account},
            },
        )
        await AuditLog(self.session).append(*self.steps(cases))

    def steps(self, cases: Sequence[HistoricalCase]) -> list[Step]:
        """The steps a paid case leaves in the live flow, with the same details; `on` says
        when each happened, since the events themselves are recorded now."""
        policy = {"policy_id": str(self.policy.id), "policy_version": self.policy.version}
        bank = str(self.bank)
        iso = {moments: moments.texts for moments in {c.on for c in cases}}
        steps = []
        for case in cases:
            matched, approved, paid = iso[case.on]
            amount = str(case.amount)
            payout_id = str(case.payout_id)
            steps += [
                Step(
                    "case.imported",
                    ACTOR,
                    {
                        **policy,
                        "source": "history",
                        "org_id": str(case.county.id),
                        "collected": amount,
                        "refund": amount,
                        "on": matched,
                    },
                    case.id,
                ),
                Step(
                    "case.review.approve",
                    ACTOR,
                    {**policy, "reason": None, "on": approved},
                    case.id,
                ),
                Step(
                    "payout.instructed",
                    ACTOR,
                    {
                        "payout_id": payout_id,
                        "idempotency_key": f"payout:{payout_id}",
                        "attempt": 1,
                        "destination": case.destination,
                        "skipped": [],
                        "bank_partner_id": bank,
                        "account": f"{BANK_NAME} {mask_account_number(case.account_no)}",
                        "amount": amount,
                        "on": approved,
                    },
                    case.id,
                ),
                Step(
                    "payout.paid",
                    ACTOR,
                    {
                        "amount": amount,
                        "set_off": "0.00",
                        "payout_id": payout_id,
                        "bank_reference": case.bank_reference,
                        "on": paid,
                    },
                    case.id,
                ),
            ]
        return steps


SEEDED_TABLES = (
    "rebate.rebate_case",
    "rebate.case_fee",
    "rebate.fee_record",
    "rebate.review",
    "rebate.payout",
    "rebate.ledger_entry",
    "rebate.audit_event",
)


async def seed(session: AsyncSession, pii: PiiCipher, tree: OrgTree) -> SeedReport:
    """Everything in the caller's transaction; parts already present are left as they are."""
    await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SEED_LOCK})
    province = await tree.province()
    partners = await ensure_partners(session, pii, province)
    counties = await tree.counties(province)
    if not counties:
        raise SeedError(f"{province.name} has no county federations in membership")
    policy = await ensure_policy(session, pii, province, MembershipClient(tree.http))
    present = await session.scalar(
        select(RebateCase.id).where(RebateCase.uscc.like(HISTORY_USCC)).limit(1)
    )
    created = 0
    if present is None:
        cases = plan_history(counties)
        bank = next(p.id for p in partners if p.kind is PartnerKind.BANK)
        await HistoryWriter(session, pii, policy, bank).write(cases)
        created = len(cases)
        # Planner statistics for what was just written: without them the first statistics
        # query (still in this transaction, before autovacuum could look) plans for empty
        # tables and nests loops over tens of thousands of cases, for minutes.
        await session.execute(text(f"ANALYZE {', '.join(SEEDED_TABLES)}"))
    return SeedReport(partners, province, counties, policy, created)


def membership_http(
    settings: RebateSettings, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """Membership with rebate's service token, as the running service calls it."""
    return create_service_http_client(
        settings.membership_url,
        token_url=f"{settings.membership_url}/v1/auth/token",
        client_id=settings.membership_client_id,
        client_secret=settings.membership_client_secret.get_secret_value(),
        transport=transport,
    )


def pii_cipher(settings: RebateSettings) -> PiiCipher:
    return PiiCipher.from_settings(
        settings.pii_key.get_secret_value(), settings.pii_index_key.get_secret_value()
    )


async def run(settings: RebateSettings) -> SeedReport:
    engine = create_engine(settings)
    try:
        async with (
            membership_http(settings) as http,
            create_sessionmaker(engine)() as session,
            session.begin(),
        ):
            return await seed(session, pii_cipher(settings), OrgTree(http))
    finally:
        await engine.dispose()


def describe(report: SeedReport) -> list[str]:
    lines = ["rebate demo data"]
    for partner in report.partners:
        lines.append(f"  {partner.kind.value} partner  {partner.name}  id {partner.id}")
        lines.append(f"    webhook secret {partner.secret}")
    lines.append(
        f"  policy {report.policy.policy_key} v{report.policy.version} "
        f"(regions {','.join(report.policy.region_prefixes)}, "
        f"{report.policy.period_from}..{report.policy.period_to})"
    )
    history = (
        f"{report.history_created:,} paid cases seeded"
        if report.history_created
        else "present (not seeded again)"
    )
    lines.append(
        f"  history: {history}; {report.province.name} Jan-Aug {CURRENT.year}: "
        f"{CURRENT.amount:,} yuan to {CURRENT.enterprises:,} enterprises over "
        f"{len(report.counties)} counties; GET /v1/stats?org_id={report.province.id}"
        f"&from={CURRENT.year}-01&to={CURRENT.year}-{MONTHS:02d}"
    )
    return lines


def main() -> None:
    settings = RebateSettings()
    if settings.environment is Environment.PRODUCTION:
        sys.exit("demo data is for development; refusing to seed a production database")
    try:
        report = asyncio.run(run(settings))
    except (SeedError, httpx.HTTPError) as exc:
        sys.exit(f"rebate demo data not seeded: {exc}")
    print("\n".join(describe(report)))


if __name__ == "__main__":
    main()
