"""Statistics tests: cases written straight into the database (the flow that produces them is
tested elsewhere), and membership's `GET /v1/orgs/{id}` answered from a small tree."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.cases.models import CaseSource, CaseStatus, RebateCase
from rebate.partners.models import Partner, PartnerKind
from rebate.payouts.models import Payout, PayoutStatus
from rebate.policies.models import Destination, Policy, PolicyMode

PROVINCE_PATH = "a" * 32
COUNTY_PATH = f"{PROVINCE_PATH}.{'b' * 32}.{'c' * 32}"
OTHER_COUNTY_PATH = f"{PROVINCE_PATH}.{'b' * 32}.{'d' * 32}"


@dataclass
class FakeOrgs:
    """Organisation id → path, as membership's `GET /v1/orgs/{id}` answers; `down` makes it
    answer 503."""

    province: uuid.UUID = field(default_factory=uuid.uuid4)
    county: uuid.UUID = field(default_factory=uuid.uuid4)
    other_county: uuid.UUID = field(default_factory=uuid.uuid4)
    down: bool = False

    @property
    def paths(self) -> dict[str, str]:
        return {
            str(self.province): PROVINCE_PATH,
            str(self.county): COUNTY_PATH,
            str(self.other_county): OTHER_COUNTY_PATH,
        }

    def answer(self, request: httpx.Request) -> httpx.Response | None:
        parts = request.url.path.strip("/").split("/")
        if len(parts) != 3 or parts[:2] != ["v1", "orgs"]:
            return None
        if self.down:
            return httpx.Response(503)
        path = self.paths.get(parts[2])
        if path is None:
            return httpx.Response(404)
        return httpx.Response(200, json={"id": parts[2], "path": path})


@pytest.fixture(autouse=True)
def orgs(membership: object, monkeypatch: pytest.MonkeyPatch) -> FakeOrgs:
    """Wraps the shared fake's handler (before the app is built, autouse runs first), so the
    conftest every rebate test shares stays as it is."""
    fake = FakeOrgs()
    plain = membership.handle  # type: ignore[attr-defined]

    def handle(request: httpx.Request) -> httpx.Response:
        return fake.answer(request) or plain(request)

    monkeypatch.setattr(membership, "handle", handle)
    return fake


@dataclass
class Cases:
    """Writes cases in any status, with their payouts (a paid case: one paid payout of its
    refund less set-off, unless `payouts` says otherwise)."""

    session: AsyncSession
    policy_id: uuid.UUID
    bank_id: uuid.UUID

    async def add(
        self,
        enterprise: int,
        period: str,
        status: CaseStatus = CaseStatus.PAID,
        refund: str = "1000.00",
        path: str = COUNTY_PATH,
        set_off: str = "0.00",
        payouts: Sequence[tuple[PayoutStatus, str]] | None = None,
    ) -> RebateCase:
        case = RebateCase(
            id=uuid.uuid4(),
            uscc=f"91330100MA{enterprise:07d}X",
            enterprise_name=f"企业{enterprise}",
            period=period,
            org_id=None,
            org_path=path,
            policy_id=self.policy_id,
            source=CaseSource.AUTOMATIC,
            status=status,
            collected=Decimal(refund),
            refund=Decimal(refund),
            set_off=Decimal(set_off),
        )
        self.session.add(case)
        await self.session.flush()
        if payouts is None and status is CaseStatus.PAID:
            payouts = [(PayoutStatus.PAID, str(Decimal(refund) - Decimal(set_off)))]
        for attempt, (payout_status, amount) in enumerate(payouts or [], start=1):
            self.session.add(
                Payout(
                    id=uuid.uuid4(),
                    case_id=case.id,
                    attempt=attempt,
                    idempotency_key=f"payout:{uuid.uuid4()}",
                    bank_partner_id=self.bank_id,
                    destination=Destination.PAYER_ACCOUNT,
                    bank_name="bank",
                    account_name="account",
                    account_no_enc=b"x",
                    account_no_masked="****1234",
                    amount=Decimal(amount),
                    status=payout_status,
                    settled_at=datetime.now(UTC) if payout_status is PayoutStatus.PAID else None,
                )
            )
        await self.session.flush()
        return case


@pytest.fixture
async def cases(session: AsyncSession) -> Cases:
    policy = Policy(
        id=uuid.uuid4(),
        policy_key="zj-test",
        version=1,
        name="test",
        region_prefixes=["33"],
        period_from="2024-01",
        period_to="2026-12",
        size_classes=["micro", "small"],
        excluded_usccs=[],
        refund_ratio=Decimal("1.0000"),
        destinations=["payer_account"],
        review_steps=1,
        mode=PolicyMode.AUTOMATIC,
        created_by="test",
    )
    bank = Partner(id=uuid.uuid4(), name="bank", kind=PartnerKind.BANK, is_active=True)
    session.add_all([policy, bank])
    await session.flush()
    return Cases(session, policy.id, bank.id)
