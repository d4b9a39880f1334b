"""A corrected fee record after its case exists. Before approval the case is recomputed.
A downward correction of an approved case, or of one whose payout is with the bank, lowers
what is booked for it, so that no later instruction pays more than was collected; should the
payout in flight be paid, the excess becomes a receivable (payouts.service `_paid`). After
payment the excess becomes a receivable at once. Either receivable is set off against the
enterprise's next refund. An upward correction after approval is queued as a top-up for
review."""

import uuid
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.service import AuditLog, Step
from rebate.cases.models import CaseFee, CaseStatus, RebateCase
from rebate.fees.models import FeeRecord
from rebate.ledger.models import Account
from rebate.ledger.service import Ledger, Posting
from rebate.payouts.repository import PayoutRepository
from rebate.policies.models import Policy
from rebate.runs.models import ExceptionReason, RebateException

CENT = Decimal("0.01")
OPEN = frozenset({CaseStatus.PENDING_REVIEW, CaseStatus.PENDING_APPROVAL})
# Booked on the ledger (refund payable) and not paid yet.
BOOKED = frozenset({CaseStatus.APPROVED, CaseStatus.INSTRUCTED})


def refund_of(collected: Decimal, ratio: Decimal) -> Decimal:
    return (collected * ratio).quantize(CENT)


async def settle_corrections(
    session: AsyncSession, replacements: dict[uuid.UUID, uuid.UUID], actor: str
) -> None:
    if not replacements:
        return
    case_ids = list(
        await session.scalars(
            select(CaseFee.case_id).where(CaseFee.fee_record_id.in_(list(replacements))).distinct()
        )
    )
    for old_id, new_id in replacements.items():
        await session.execute(
            update(CaseFee).where(CaseFee.fee_record_id == old_id).values(fee_record_id=new_id)
        )
    for case_id in case_ids:
        case = await session.get(RebateCase, case_id, with_for_update=True)
        assert case is not None
        await _settle(session, case, actor)


async def _settle(session: AsyncSession, case: RebateCase, actor: str) -> None:
    policy = await session.get(Policy, case.policy_id)
    assert policy is not None
    collected = Decimal(
        await session.scalar(
            select(func.coalesce(func.sum(FeeRecord.fee_amount), 0))
            .join(CaseFee, CaseFee.fee_record_id == FeeRecord.id)
            .where(CaseFee.case_id == case.id)
        )
        or 0
    )
    entitled = refund_of(collected, policy.refund_ratio)
    before = case.refund
    detail = {"collected": str(collected), "refund_before": str(before), "refund": str(entitled)}
    audit = AuditLog(session)
    if case.status in OPEN or case.status is CaseStatus.REJECTED:
        case.collected, case.refund = collected, entitled
        await audit.append(Step("case.recomputed", actor, detail, case.id))
        return
    if case.status in BOOKED and entitled < before:
        await _reduce(session, case, collected, entitled, actor)
        return
    if entitled < before:
        overpaid = before - entitled
        await Ledger(session).post(
            [
                Posting(
                    kind="overpaid",
                    uscc=case.uscc,
                    period=case.period,
                    amount=overpaid,
                    debit=Account.RECEIVABLE,
                    credit=Account.REFUNDS,
                    case_id=case.id,
                )
            ]
        )
        await audit.append(
            Step("case.overpaid", actor, {**detail, "receivable": str(overpaid)}, case.id)
        )
    elif entitled > before:
        session.add(
            RebateException(
                id=uuid.uuid4(),
                run_id=None,
                fee_record_id=(
                    await session.scalars(
                        select(CaseFee.fee_record_id).where(CaseFee.case_id == case.id)
                    )
                ).first(),
                uscc=case.uscc,
                period=case.period,
                reason=ExceptionReason.TOP_UP_DUE,
                detail=f"corrected upwards after payment: {before} refunded, {entitled} due",
                org_path=case.org_path,
            )
        )
        await audit.append(Step("case.top_up_due", actor, detail, case.id))
    case.collected = collected


async def _reduce(
    session: AsyncSession, case: RebateCase, collected: Decimal, entitled: Decimal, actor: str
) -> None:
    """Lower the booked refund to what is now due; a set-off above it goes back to the
    receivable. What stays payable is what the next instruction (or a retry after a failed
    payout) pays, and what the enterprise owes back if the payout in flight is paid."""
    # As an approval does: the receivable this gives back must not be set off twice.
    await PayoutRepository(session).lock_enterprise(case.uscc)
    before, set_off = case.refund, min(case.set_off, entitled)
    postings = [
        Posting(
            kind="approval_reduced",
            uscc=case.uscc,
            period=case.period,
            amount=before - entitled,
            debit=Account.REFUNDS_PAYABLE,
            credit=Account.REFUNDS,
            case_id=case.id,
        ),
        Posting(
            kind="set_off_reduced",
            uscc=case.uscc,
            period=case.period,
            amount=case.set_off - set_off,
            debit=Account.RECEIVABLE,
            credit=Account.REFUNDS_PAYABLE,
            case_id=case.id,
        ),
    ]
    await Ledger(session).post(postings)
    detail = {
        "status": case.status.value,
        "collected": str(collected),
        "refund_before": str(before),
        "refund": str(entitled),
        "set_off_before": str(case.set_off),
        "set_off": str(set_off),
    }
    case.collected, case.refund, case.set_off = collected, entitled, set_off
    await AuditLog(session).append(Step("case.reduced", actor, detail, case.id))
