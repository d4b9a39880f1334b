"""A corrected fee record after its case exists. Before payment the case is recomputed;
after payment (or with a payout under way) an overpayment becomes a receivable, set off
against the enterprise's next refund, and an underpayment is queued as a top-up for review."""

import uuid
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.service import AuditLog, Step
from rebate.cases.models import CaseFee, CaseStatus, RebateCase
from rebate.fees.models import FeeRecord
from rebate.ledger.models import Account
from rebate.ledger.service import Ledger, Posting
from rebate.policies.models import Policy
from rebate.runs.models import ExceptionReason, RebateException

CENT = Decimal("0.01")
OPEN = frozenset({CaseStatus.PENDING_REVIEW, CaseStatus.PENDING_APPROVAL})


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
