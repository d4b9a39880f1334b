"""The money rules of payouts: paid once, never more than collected, an overpayment recovered
from the enterprise's next refund, and every transaction on a balanced ledger."""

from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.models import AuditEvent
from rebate.ledger.models import Account, LedgerEntry
from rebate.ledger.service import Ledger
from rebate.models import OutboxMessage
from rebate.payouts.models import Payout
from rebate.payouts.service import PayoutService


async def payouts(session: AsyncSession, case_id: Any) -> list[Payout]:
    query = select(Payout).where(Payout.case_id == case_id).order_by(Payout.attempt)
    return list(await session.scalars(query.execution_options(populate_existing=True)))


@pytest.fixture
def instructed_then_corrected_down(
    make_case: Any, push: Any, tax_partner: Any, fee_record: Any, session: AsyncSession
) -> Any:
    """March's case (2469.12) instructed to the bank, then its fee corrected to 2000.00:
    (the case, the payout in flight)."""

    async def make() -> tuple[Any, Payout]:
        march = await make_case(period="2026-03", fee="2469.12")
        [in_flight] = await payouts(session, march.id)
        corrected = fee_record(1, record_id=march.record_id, period="2026-03", fee_amount="2000.00")
        response = await push(tax_partner, [corrected], event_type="fee.corrected")
        assert response.json()["accepted"] == 1, response.text
        return march, in_flight

    return make


async def entries(session: AsyncSession, case_id: Any) -> list[tuple[str, str, Decimal, Decimal]]:
    rows = await session.execute(
        select(LedgerEntry.kind, LedgerEntry.account, LedgerEntry.debit, LedgerEntry.credit)
        .where(LedgerEntry.case_id == case_id)
        .order_by(LedgerEntry.id)
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_a_case_is_never_instructed_or_paid_twice(
    app: FastAPI,
    bank: Any,
    make_case: Any,
    bank_callback: Any,
    reload_case: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()
    service = PayoutService(session, app.state.pii, app.state.membership)
    booked = await entries(session, case.id)
    await service.on_approved(await reload_case(case.id), "cadre-2")
    assert len(await payouts(session, case.id)) == 1
    assert await entries(session, case.id) == booked

    [payout] = await payouts(session, case.id)
    await bank_callback("payout.paid", payout.idempotency_key, bank_reference="B-1")
    paid = await entries(session, case.id)
    await service.on_approved(await reload_case(case.id), "cadre-2")
    await bank_callback("payout.paid", payout.idempotency_key, bank_reference="B-2")
    assert await entries(session, case.id) == paid
    assert [p.status for p in await payouts(session, case.id)] == ["paid"]
    assert (await payouts(session, case.id))[0].bank_reference == "B-1"


async def test_paid_never_exceeds_what_was_collected(
    bank: Any, make_case: Any, reload_case: Any, session: AsyncSession
) -> None:
    case = await make_case(fee="2469.12", refund="2500.00")
    refused = await reload_case(case.id)
    assert refused.status == "pending_review"
    assert refused.status_reason is not None
    assert "exceed" in refused.status_reason
    assert await payouts(session, case.id) == []
    assert await entries(session, case.id) == []
    kinds = await session.scalars(select(AuditEvent.kind).where(AuditEvent.case_id == case.id))
    assert list(kinds) == ["case.back_to_review"]


async def test_downward_correction_after_payment_is_set_off_against_the_next_refund(
    bank: Any,
    make_case: Any,
    bank_callback: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    reload_case: Any,
    trial_balance: Any,
    session: AsyncSession,
) -> None:
    march = await make_case(period="2026-03", fee="2469.12")
    [paid] = await payouts(session, march.id)
    await bank_callback("payout.paid", paid.idempotency_key, bank_reference="B-03")

    corrected = fee_record(1, record_id=march.record_id, period="2026-03", fee_amount="2000.00")
    response = await push(tax_partner, [corrected], event_type="fee.corrected")
    assert response.json()["accepted"] == 1, response.text
    ledger = Ledger(session)
    assert (await ledger.balances(march.uscc))[Account.RECEIVABLE] == Decimal("469.12")

    april = await make_case(period="2026-04", fee="2469.12")
    case = await reload_case(april.id)
    assert (case.status, case.set_off) == ("instructed", Decimal("469.12"))
    [payout] = await payouts(session, april.id)
    assert payout.amount == Decimal("2000.00")
    assert (await ledger.balances(march.uscc))[Account.RECEIVABLE] == Decimal("0.00")

    await bank_callback("payout.paid", payout.idempotency_key, bank_reference="B-04")
    everything = await ledger.balances(march.uscc)
    # Collected 2000.00 + 2469.12, refunded the same, nothing owed either way.
    assert everything[Account.FEES_COLLECTED] == Decimal("-4469.12")
    assert everything[Account.REFUNDS] == Decimal("4469.12")
    assert everything[Account.FEES_HELD] == Decimal("0.00")
    assert everything[Account.REFUNDS_PAYABLE] == Decimal("0.00")
    assert everything[Account.RECEIVABLE] == Decimal("0.00")
    assert await trial_balance() == Decimal("0.00")


async def test_downward_correction_while_the_payout_is_with_the_bank_is_owed_back_once_paid(
    bank: Any,
    make_case: Any,
    bank_callback: Any,
    instructed_then_corrected_down: Any,
    reload_case: Any,
    trial_balance: Any,
    session: AsyncSession,
) -> None:
    march, in_flight = await instructed_then_corrected_down()

    # The instruction cannot be recalled: the case now owes 2000.00, the bank holds 2469.12.
    case = await reload_case(march.id)
    assert (case.status, case.collected, case.refund) == (
        "instructed",
        Decimal("2000.00"),
        Decimal("2000.00"),
    )
    ledger = Ledger(session)
    assert (await ledger.balances(march.uscc))[Account.REFUNDS_PAYABLE] == Decimal("-2000.00")

    await bank_callback("payout.paid", in_flight.idempotency_key, bank_reference="B-03")
    assert (await reload_case(march.id)).status == "paid"
    after = await ledger.balances(march.uscc)
    assert after[Account.RECEIVABLE] == Decimal("469.12")
    assert after[Account.REFUNDS_PAYABLE] == Decimal("0.00")
    assert after[Account.REFUNDS] == Decimal("2000.00")

    # The next refund pays only what the two periods collected between them.
    april = await make_case(period="2026-04", fee="2469.12")
    assert (await reload_case(april.id)).set_off == Decimal("469.12")
    [next_payout] = await payouts(session, april.id)
    assert next_payout.amount == Decimal("2000.00")
    await bank_callback("payout.paid", next_payout.idempotency_key, bank_reference="B-04")
    paid_out = in_flight.amount + next_payout.amount
    settled = await ledger.balances(march.uscc)
    assert paid_out == -settled[Account.FEES_COLLECTED] == Decimal("4469.12")
    assert settled[Account.RECEIVABLE] == settled[Account.REFUNDS_PAYABLE] == Decimal("0.00")
    assert settled[Account.FEES_HELD] == Decimal("0.00")
    assert await trial_balance() == Decimal("0.00")


async def test_after_a_downward_correction_a_failed_payout_goes_back_to_review_not_retried(
    bank: Any,
    bank_callback: Any,
    instructed_then_corrected_down: Any,
    reload_case: Any,
    trial_balance: Any,
    session: AsyncSession,
) -> None:
    march, first = await instructed_then_corrected_down()

    # The reviewer approved 2469.12; 2000.00 is owed now. Retrying with 2000.00 would pay an
    # amount nobody reviewed: the case goes back to review at the new amount instead.
    await bank_callback("payout.failed", first.idempotency_key, reason="账户已销户")
    assert len(await payouts(session, march.id)) == 1
    case = await reload_case(march.id)
    assert (case.status, case.refund) == ("pending_review", Decimal("2000.00"))
    balances = await Ledger(session).balances(march.uscc)
    assert balances[Account.RECEIVABLE] == balances[Account.REFUNDS_PAYABLE] == Decimal("0.00")
    assert balances[Account.REFUNDS] == Decimal("0.00")
    assert await trial_balance() == Decimal("0.00")


async def test_a_refund_wholly_set_off_is_paid_without_a_payout(
    bank: Any,
    make_case: Any,
    bank_callback: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    reload_case: Any,
    trial_balance: Any,
    session: AsyncSession,
) -> None:
    march = await make_case(period="2026-03", fee="2469.12")
    [paid] = await payouts(session, march.id)
    await bank_callback("payout.paid", paid.idempotency_key)
    corrected = fee_record(1, record_id=march.record_id, period="2026-03", fee_amount="100.00")
    await push(tax_partner, [corrected], event_type="fee.corrected")

    april = await make_case(period="2026-04", fee="1000.00")
    case = await reload_case(april.id)
    assert (case.status, case.set_off) == ("paid", Decimal("1000.00"))
    assert await payouts(session, april.id) == []
    balances = await Ledger(session).balances(march.uscc)
    assert balances[Account.RECEIVABLE] == Decimal("1369.12")
    assert await trial_balance() == Decimal("0.00")
    notices = list(
        await session.scalars(select(OutboxMessage).where(OutboxMessage.topic == "rebate.paid"))
    )
    assert [n.payload["amount"] for n in notices if n.payload["case_id"] == str(april.id)] == [
        "0.00"
    ]


@pytest.mark.parametrize(
    ("receivable_fee", "expected_set_off"),
    [("2400.00", "69.12"), ("2469.12", "0.00")],
)
async def test_back_to_review_gives_the_set_off_back_to_the_receivable(
    bank: Any,
    make_case: Any,
    bank_callback: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    reload_case: Any,
    trial_balance: Any,
    session: AsyncSession,
    receivable_fee: str,
    expected_set_off: str,
) -> None:
    march = await make_case(period="2026-03", fee="2469.12")
    [paid] = await payouts(session, march.id)
    await bank_callback("payout.paid", paid.idempotency_key)
    corrected = fee_record(
        1, record_id=march.record_id, period="2026-03", fee_amount=receivable_fee
    )
    await push(tax_partner, [corrected], event_type="fee.corrected")

    april = await make_case(period="2026-04", fee="2469.12")
    assert (await reload_case(april.id)).set_off == Decimal(expected_set_off)
    for destination in ("union_account", "payer_account"):
        payout = (await payouts(session, april.id))[-1]
        assert payout.destination == destination
        await bank_callback("payout.failed", payout.idempotency_key, reason="账户已销户")

    case = await reload_case(april.id)
    assert (case.status, case.set_off) == ("pending_review", Decimal("0.00"))
    balances = await Ledger(session).balances(march.uscc)
    assert balances[Account.RECEIVABLE] == Decimal(expected_set_off)
    assert balances[Account.REFUNDS_PAYABLE] == Decimal("0.00")
    assert await trial_balance() == Decimal("0.00")


async def test_without_a_bank_partner_the_case_waits_until_an_admin_instructs_it(
    client: httpx.AsyncClient,
    auth: Any,
    make_case: Any,
    reload_case: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()
    waiting = await reload_case(case.id)
    assert waiting.status == "approved"
    assert waiting.status_reason is not None
    assert "bank partner" in waiting.status_reason
    booked = await entries(session, case.id)
    assert [e[0] for e in booked] == ["approved", "approved"]

    not_yet = await client.post(f"/v1/cases/{case.id}/payouts", headers=auth("admin"))
    assert not_yet.status_code == 200
    assert not_yet.json() == []

    registered = await client.post(
        "/v1/partners",
        json={"name": "浙江农商联合银行", "kind": "bank", "webhook_url": "https://bank.example/"},
        headers=auth("admin"),
    )
    assert registered.status_code == 201
    instructed = await client.post(f"/v1/cases/{case.id}/payouts", headers=auth("admin"))
    assert [p["status"] for p in instructed.json()] == ["instructed"]
    assert (await reload_case(case.id)).status == "instructed"
    assert await entries(session, case.id) == booked

    again = await client.post(f"/v1/cases/{case.id}/payouts", headers=auth("admin"))
    assert again.status_code == 409
    cadre = await client.post(f"/v1/cases/{case.id}/payouts", headers=auth("cadre"))
    assert cadre.status_code == 403
    count = await session.scalar(select(func.count()).select_from(Payout))
    assert count == 1
