"""Payout fixtures: a bank partner, cases built on pushed fee records and approved through
the review endpoint, signed bank callbacks, and the outbox relay run by hand."""

import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks.webhooks import Webhook

from rebate.cases.models import CaseFee, CaseSource, CaseStatus, RebateCase
from rebate.fees.models import FeeRecord
from rebate.ledger.service import Ledger
from rebate.models import OutboxMessage
from rebate.payouts.delivery import handlers
from rebate.payouts.service import PayoutService
from servicekit.outbox import PENDING, OutboxRelay

BANK_URL = "https://bank.example/payouts"
TAX_URL = "https://tax.example/hooks"
COUNTY_PATH = f"{'a' * 32}.{'b' * 32}.{'c' * 32}"


@dataclass(frozen=True)
class Bank:
    id: str
    secret: str


@dataclass(frozen=True)
class Case:
    id: uuid.UUID
    uscc: str
    period: str
    record_id: str
    union_account_no: str | None
    payer_account_no: str


@pytest.fixture
async def bank(client: httpx.AsyncClient, auth: Any) -> Bank:
    response = await client.post(
        "/v1/partners",
        json={"name": "浙江农商联合银行", "kind": "bank", "webhook_url": BANK_URL},
        headers=auth("admin"),
    )
    assert response.status_code == 201, response.text
    return Bank(response.json()["id"], response.json()["secret"])


ApproveCase = Callable[[uuid.UUID], Awaitable[None]]


@pytest.fixture
def approve_case(app: FastAPI, session: AsyncSession) -> ApproveCase:
    """What the review code does on the last approval: the case becomes APPROVED and, in the
    same transaction, `PayoutService.on_approved` runs."""

    async def approve(case_id: uuid.UUID) -> None:
        case = await session.get(RebateCase, case_id, populate_existing=True)
        assert case is not None
        case.status, case.status_reason = CaseStatus.APPROVED, None
        await session.flush()
        await PayoutService(session, app.state.pii, app.state.membership).on_approved(
            case, "cadre-1"
        )
        await session.flush()

    return approve


MakeCase = Callable[..., Awaitable[Case]]


@pytest.fixture
def make_case(
    approve_case: ApproveCase,
    session: AsyncSession,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    make_uscc: Any,
    membership: Any,
    policy: dict[str, Any],
) -> MakeCase:
    """A case for enterprise `serial` and `period` on a pushed fee record, as a run makes it,
    then approved (unless `approve=False`)."""

    async def make(
        serial: int = 1,
        *,
        period: str = "2026-03",
        fee: str = "2469.12",
        refund: str | None = None,
        union_account: bool = True,
        org_path: str = COUNTY_PATH,
        policy_id: str | None = None,
        approve: bool = True,
    ) -> Case:
        uscc = make_uscc(serial)
        record_id = f"TAX-{period}-{serial:06d}"
        record = fee_record(serial, record_id=record_id, period=period, fee_amount=fee)
        pushed = await push(tax_partner, [record])
        assert pushed.json()["accepted"] == 1, pushed.text
        union = (
            {
                "bank_name": "中国工商银行杭州余杭支行",
                "account_name": f"企业{serial}工会委员会",
                "account_no": f"62220212{serial:011d}",
            }
            if union_account
            else None
        )
        enterprise = membership.enterprises.get(uscc) or membership.add_enterprise(
            uscc, account=union, org_path=org_path
        )
        fee_id = await session.scalar(
            select(FeeRecord.id).where(
                FeeRecord.record_id == record_id, FeeRecord.superseded_at.is_(None)
            )
        )
        case = RebateCase(
            id=uuid.uuid4(),
            uscc=uscc,
            enterprise_id=uuid.UUID(enterprise["id"]),
            enterprise_name=enterprise["name"],
            period=period,
            org_id=None,
            org_path=org_path,
            policy_id=uuid.UUID(policy_id or policy["id"]),
            run_id=None,
            source=CaseSource.AUTOMATIC,
            status=CaseStatus.PENDING_REVIEW,
            collected=Decimal(fee),
            refund=Decimal(refund or fee),
            set_off=Decimal("0.00"),
            has_union_account=enterprise["has_union_account"],
        )
        session.add(case)
        await session.flush()
        session.add(CaseFee(fee_record_id=fee_id, case_id=case.id))
        await session.flush()
        if approve:
            await approve_case(case.id)
        account = membership.accounts.get(enterprise["id"])
        return Case(
            case.id,
            uscc,
            period,
            record_id,
            account["account_no"] if account else None,
            record["payer_account"]["account_no"].replace(" ", ""),
        )

    return make


Callback = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def bank_callback(client: httpx.AsyncClient, bank: Bank) -> Callback:
    """The bank's signed answer, signed with the reference Standard Webhooks library."""

    async def send(
        event: str, key: str, webhook_id: str | None = None, **data: Any
    ) -> httpx.Response:
        body = json.dumps(
            {
                "type": event,
                "timestamp": datetime.now(UTC).isoformat(),
                "data": {"idempotency_key": key, **data},
            }
        )
        msg_id = webhook_id or f"msg_{uuid.uuid4().hex}"
        now = datetime.now(UTC)
        headers = {
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(bank.secret).sign(msg_id, now, body),
            "content-type": "application/json",
        }
        return await client.post(f"/v1/webhooks/bank/{bank.id}", content=body, headers=headers)

    return send


Deliver = Callable[[], Awaitable[int]]


@pytest.fixture
def deliver(app: FastAPI, session: AsyncSession) -> Deliver:
    """One pass of the outbox relay on the test's connection. The test runs in one
    transaction, whose now() stands still, so pending messages are made due first."""
    relay = OutboxRelay(
        app.state.sessionmaker,
        OutboxMessage,
        handlers(app),
        backoff=app.state.settings.delivery_backoff_seconds,
    )

    async def run() -> int:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == PENDING)
            .values(next_attempt_at=func.now())
        )
        return await relay.deliver_due()

    return run


@pytest.fixture
def trial_balance(session: AsyncSession) -> Callable[[], Awaitable[Decimal]]:
    async def total() -> Decimal:
        return sum((await Ledger(session).balances()).values(), Decimal("0.00"))

    return total


@pytest.fixture
def reload_case(session: AsyncSession) -> Callable[[uuid.UUID], Awaitable[RebateCase]]:
    """The case as the database has it now (the app changed it in sessions of its own)."""

    async def get(case_id: uuid.UUID) -> RebateCase:
        case = await session.get(RebateCase, case_id, populate_existing=True)
        assert case is not None
        return case

    return get


def _verified(request: httpx.Request, secret: str) -> dict[str, Any]:
    payload: dict[str, Any] = Webhook(secret).verify(request.content, dict(request.headers))
    return payload


@pytest.fixture
def verified() -> Callable[[httpx.Request, str], dict[str, Any]]:
    """A delivery's body, once the reference library has verified its signature."""
    return _verified
