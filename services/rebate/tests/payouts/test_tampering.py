"""The reconciliation as a fraudster with database access meets it: rows of the mutable tables
edited in SQL (a payout's amount, a case's granted amount), a receivable removed from the
append-only ledger by someone able to lift its trigger, a receivable slipped in with no
cause. Each edit keeps the trial balance at zero; the reconciliation still lists it, against
what the ledger booked and the audit chain recorded when the money moved."""

import uuid
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.ledger.models import Account
from rebate.ledger.service import Ledger, Posting
from rebate.payouts.models import Payout
from rebate.reconciliation.service import reconcile


async def payouts_of(session: AsyncSession, case_id: uuid.UUID) -> list[Payout]:
    query = select(Payout).where(Payout.case_id == case_id).order_by(Payout.attempt)
    return list(await session.scalars(query.execution_options(populate_existing=True)))


async def listed(session: AsyncSession, app: FastAPI) -> set[tuple[str, uuid.UUID | None]]:
    found = await reconcile(session, None, app.state.audit_signer)
    return {(v.invariant, v.case_id or v.payout_id) for v in found.violations}


async def invariants(session: AsyncSession, app: FastAPI) -> set[str]:
    return {invariant for invariant, _ in await listed(session, app)}


async def test_a_payout_raised_in_the_database_before_the_bank_pays_is_listed(
    make_case: Any, bank_callback: Any, session: AsyncSession, app: FastAPI
) -> None:
    case = await make_case()
    [payout] = await payouts_of(session, case.id)
    assert await listed(session, app) == set()

    # The instruction reads the payout row when it is sent: the bank would pay 10 times over.
    await session.execute(
        text("UPDATE rebate.payout SET amount = amount * 10 WHERE id = :id"), {"id": payout.id}
    )
    assert ("payout_as_instructed", case.id) in await listed(session, app)

    # Paid as edited: the excess is booked as owed back, which nothing explains.
    await bank_callback("payout.paid", payout.idempotency_key)
    assert {"payout_as_instructed", "receivable_explained"} <= await invariants(session, app)


async def test_a_paid_payout_lowered_in_the_database_afterwards_is_listed(
    make_case: Any, bank_callback: Any, session: AsyncSession, app: FastAPI
) -> None:
    case = await make_case()
    [payout] = await payouts_of(session, case.id)
    await bank_callback("payout.paid", payout.idempotency_key)
    assert await listed(session, app) == set()

    await session.execute(
        text("UPDATE rebate.payout SET amount = 1.00 WHERE id = :id"), {"id": payout.id}
    )
    assert await listed(session, app) == {("payout_as_instructed", case.id)}


async def test_a_granted_amount_raised_on_a_case_with_the_bank_or_paid_is_listed(
    make_case: Any, bank_callback: Any, session: AsyncSession, app: FastAPI
) -> None:
    instructed = await make_case(1)
    paid = await make_case(2)
    [payout] = await payouts_of(session, paid.id)
    await bank_callback("payout.paid", payout.idempotency_key)
    assert await listed(session, app) == set()

    # More granted than the approver booked: a later reduction, set-off or statement would
    # start from the forged figure.
    await session.execute(
        text("UPDATE rebate.rebate_case SET refund = refund + 1000 WHERE id IN (:a, :b)"),
        {"a": instructed.id, "b": paid.id},
    )
    found = await listed(session, app)
    assert {("granted_as_approved", instructed.id), ("granted_as_approved", paid.id)} <= found


async def test_a_set_off_forged_on_a_paid_case_is_listed(
    make_case: Any, bank_callback: Any, session: AsyncSession, app: FastAPI
) -> None:
    case = await make_case()
    [payout] = await payouts_of(session, case.id)
    await bank_callback("payout.paid", payout.idempotency_key)

    # "Set off" what was in fact paid out, so a statement shows less paid.
    await session.execute(
        text("UPDATE rebate.rebate_case SET set_off = refund WHERE id = :id"), {"id": case.id}
    )
    assert ("granted_as_approved", case.id) in await listed(session, app)


async def test_a_receivable_deleted_from_the_ledger_is_listed(
    make_case: Any, bank_callback: Any, session: AsyncSession, app: FastAPI
) -> None:
    case = await make_case()
    [first] = await payouts_of(session, case.id)
    await bank_callback("payout.failed", first.idempotency_key, reason="账户已冻结")
    _, retry = await payouts_of(session, case.id)
    # The bank paid the first after all, and the retry too: the second payment is owed back.
    await bank_callback("payout.paid", first.idempotency_key, bank_reference="B-LATE")
    await bank_callback("payout.paid", retry.idempotency_key)
    balances = await Ledger(session).balances(case.uscc)
    assert balances[Account.RECEIVABLE] == retry.amount
    assert await listed(session, app) == set()

    # Someone able to lift the append-only trigger removes the debt, both lines of it, so
    # that the ledger still balances.
    async with session.begin_nested():
        await session.execute(
            text("ALTER TABLE rebate.ledger_entry DISABLE TRIGGER ledger_entry_append_only")
        )
        await session.execute(
            text(
                "DELETE FROM rebate.ledger_entry WHERE txn_id IN (SELECT txn_id FROM "
                "rebate.ledger_entry WHERE case_id = :id AND account = 'receivable')"
            ),
            {"id": case.id},
        )
        await session.execute(
            text("ALTER TABLE rebate.ledger_entry ENABLE TRIGGER ledger_entry_append_only")
        )
    assert (await Ledger(session).balances(case.uscc))[Account.RECEIVABLE] == 0
    assert ("paid_as_granted", case.id) in await listed(session, app)


async def test_a_receivable_already_set_off_and_then_deleted_is_listed(
    make_case: Any, bank_callback: Any, session: AsyncSession, app: FastAPI
) -> None:
    march = await make_case(1, period="2026-03")
    [first] = await payouts_of(session, march.id)
    await bank_callback("payout.failed", first.idempotency_key, reason="账户已冻结")
    _, retry = await payouts_of(session, march.id)
    await bank_callback("payout.paid", first.idempotency_key)
    await bank_callback("payout.paid", retry.idempotency_key)
    # April's refund is set off against what March overpaid.
    april = await make_case(1, period="2026-04", fee="3000.00")
    assert (await Ledger(session).balances(march.uscc))[Account.RECEIVABLE] == 0
    assert await listed(session, app) == set()

    async with session.begin_nested():
        await session.execute(
            text("ALTER TABLE rebate.ledger_entry DISABLE TRIGGER ledger_entry_append_only")
        )
        await session.execute(
            text(
                "DELETE FROM rebate.ledger_entry WHERE txn_id IN (SELECT txn_id FROM "
                "rebate.ledger_entry WHERE case_id = :id AND kind = 'overpaid')"
            ),
            {"id": march.id},
        )
        await session.execute(
            text("ALTER TABLE rebate.ledger_entry ENABLE TRIGGER ledger_entry_append_only")
        )
    found = await listed(session, app)
    assert ("paid_as_granted", march.id) in found
    assert ("receivable_explained", None) in found
    assert april.id is not None


async def test_a_receivable_slipped_in_without_cause_is_listed(
    make_case: Any, bank_callback: Any, session: AsyncSession, app: FastAPI
) -> None:
    """The service's own role may INSERT into the ledger: a balanced pair booking a debt the
    enterprise never incurred, to be set off against its next refund."""
    case = await make_case()
    [payout] = await payouts_of(session, case.id)
    await bank_callback("payout.paid", payout.idempotency_key)

    await Ledger(session).post(
        [
            Posting(
                "overpaid",
                case.uscc,
                case.period,
                payout.amount,
                Account.RECEIVABLE,
                Account.REFUNDS_PAYABLE,
                case.id,
            )
        ]
    )
    found = await listed(session, app)
    assert {("paid_as_granted", case.id), ("receivable_explained", case.id)} <= found
