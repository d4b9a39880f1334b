"""Review of cases by the cadres of the affiliated federation or its ancestors: one review,
or review then approval by another person where the policy asks (maker-checker)."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from rebate.access import acts_for_enterprise, cases_in_sight, may_decide_cases, sees_case
from rebate.audit.models import AuditEvent
from rebate.audit.service import AuditLog, Step
from rebate.cases.errors import (
    AmountChangedError,
    CaseNotFoundError,
    CaseNotRejectedError,
    CaseNotReviewableError,
    PeriodOpenElsewhereError,
    ReasonRequiredError,
    SameReviewerError,
)
from rebate.cases.models import (
    CaseStatus,
    RebateCase,
    Review,
    ReviewDecision,
    ReviewStep,
)
from rebate.cases.repository import CaseRepository
from rebate.cases.schemas import CaseDetail, CaseRead, FeeLine, ReviewRead
from rebate.cases.settlement import Settlement
from rebate.payouts.repository import PayoutRepository
from rebate.payouts.service import PayoutService
from rebate.policies.repository import PolicyRepository
from servicekit.auth import Principal
from servicekit.errors import ForbiddenError

AWAITING = {
    CaseStatus.PENDING_REVIEW: ReviewStep.REVIEW,
    CaseStatus.PENDING_APPROVAL: ReviewStep.APPROVAL,
}


class CaseService:
    def __init__(self, session: AsyncSession, principal: Principal, payouts: PayoutService) -> None:
        self.session = session
        self.repo = CaseRepository(session)
        self.policies = PolicyRepository(session)
        self.audit_log = AuditLog(session)
        self.principal = principal
        self.payouts = payouts

    def sees(self, case: RebateCase) -> bool:
        return sees_case(self.principal, case.uscc, case.org_path)

    async def visible(self, case_id: uuid.UUID, *, lock: bool = False) -> RebateCase:
        """The case if the caller may see it. `lock`: for a decision, locked in the order every
        writer takes (the enterprise first, then its case rows), or two writers deadlock."""
        case = await self.repo.get(case_id)
        if case is None or not self.sees(case):
            raise CaseNotFoundError()
        if lock:
            await PayoutRepository(self.session).lock_enterprise(case.uscc)
            locked = await self.repo.get(case_id, for_update=True)
            assert locked is not None
            return locked
        return case

    async def listing(
        self,
        period: str | None,
        status: CaseStatus | None,
        after: tuple[str, str] | None,
        limit: int,
    ) -> list[RebateCase]:
        in_sight = cases_in_sight(self.principal, RebateCase.uscc, RebateCase.org_path)
        return await self.repo.listing(in_sight, period, status, after, limit)

    async def detail(self, case_id: uuid.UUID) -> CaseDetail:
        case = await self.visible(case_id)
        fees = await self.repo.fees(case.id)
        reviews = await self.repo.reviews(case.id)
        return CaseDetail(
            **CaseRead.model_validate(case).model_dump(),
            fees=[
                FeeLine(
                    record_id=f.record_id,
                    version=f.version,
                    fee_amount=f.fee_amount,
                    paid_at=f.paid_at,
                    payer_account_no_masked=f.payer_account_no_masked,
                )
                for f in fees
            ],
            reviews=[ReviewRead.model_validate(r) for r in reviews],
        )

    async def review(
        self,
        case_id: uuid.UUID,
        decision: ReviewDecision,
        reason: str | None,
        seen_refund: Decimal | None = None,
    ) -> RebateCase:
        if not may_decide_cases(self.principal):
            raise ForbiddenError("This needs the review_rebates permission")
        case = await self.visible(case_id, lock=True)
        if acts_for_enterprise(self.principal):
            raise CaseNotFoundError()
        step = AWAITING.get(case.status)
        if step is None:
            raise CaseNotReviewableError(f"The case is {case.status.value}")
        if decision is ReviewDecision.REJECT and not reason:
            raise ReasonRequiredError("Say why the refund is refused")
        if decision is ReviewDecision.APPROVE and seen_refund != case.refund:
            raise AmountChangedError(
                f"The refund is now {case.refund}"
                + (f", not the {seen_refund} you saw" if seen_refund is not None else "")
                + "; look at the case again"
            )
        actor = self.principal.subject
        policy = await self.policies.get(case.policy_id)
        assert policy is not None
        if policy.review_steps == 2 and case.reopened_by == actor:
            raise SameReviewerError("You reopened this case; other people decide it")
        approving = step is ReviewStep.APPROVAL
        if approving and await self.repo.last_approving_reviewer(case.id) == actor:
            raise SameReviewerError("You reviewed this case; another person approves it")
        review = Review(
            id=uuid.uuid4(),
            case_id=case.id,
            step=step,
            decision=decision,
            reason=reason,
            actor=actor,
            decided_at=datetime.now(UTC),
        )
        if decision is ReviewDecision.REJECT:
            case.status, case.status_reason = CaseStatus.REJECTED, reason
        elif step is ReviewStep.REVIEW and policy.review_steps == 2:
            case.status = CaseStatus.PENDING_APPROVAL
        else:
            case.status, case.status_reason = CaseStatus.APPROVED, None
        # The review and the case's new state, written together.
        await self.repo.add(review)
        await self.audit_log.append(
            Step(
                f"case.{step.value}.{decision.value}",
                actor,
                # The amount decided on, on the chain: what the reviewer or approver saw.
                {
                    "reason": reason,
                    "refund": str(case.refund),
                    "policy_id": str(policy.id),
                    "policy_version": policy.version,
                },
                case.id,
            )
        )
        if case.status is CaseStatus.APPROVED:
            await self.payouts.on_approved(case, actor)
        elif case.status is CaseStatus.REJECTED:
            # What the period owes now: a refused supplementary amount stays refused, and late
            # records that waited for this case go to a case of their own.
            await Settlement(self.session).settle(case.uscc, case.period, actor)
        return case

    async def reopen(self, case_id: uuid.UUID, reason: str) -> RebateCase:
        """A rejected case back to review, with the reason, by a reviewer of its sub-tree; its
        amount is worked out afresh from the records as they are now."""
        if not may_decide_cases(self.principal):
            raise ForbiddenError("This needs the review_rebates permission")
        case = await self.visible(case_id, lock=True)
        if acts_for_enterprise(self.principal):
            raise CaseNotFoundError()
        if case.status is not CaseStatus.REJECTED:
            raise CaseNotRejectedError(f"The case is {case.status.value}")
        open_id = await self.repo.unsettled_case_id(case.uscc, case.period)
        if open_id is not None:
            raise PeriodOpenElsewhereError(f"Decide case {open_id} first")
        actor = self.principal.subject
        case.status, case.status_reason, case.reopened_by = (
            CaseStatus.PENDING_REVIEW,
            reason,
            actor,
        )
        await self.repo.flush()
        await self.audit_log.append(Step("case.reopened", actor, {"reason": reason}, case.id))
        await Settlement(self.session).settle(case.uscc, case.period, actor)
        return case

    async def review_many(
        self,
        case_ids: Sequence[uuid.UUID],
        decision: ReviewDecision,
        reason: str | None,
        refunds: Mapping[uuid.UUID, Decimal],
    ) -> tuple[list[uuid.UUID], list[dict[str, str]]]:
        decided: list[uuid.UUID] = []
        refused: list[dict[str, str]] = []
        for case_id in dict.fromkeys(case_ids):
            try:
                async with self.session.begin_nested():
                    await self.review(case_id, decision, reason, refunds.get(case_id))
                decided.append(case_id)
            except (
                CaseNotFoundError,
                CaseNotReviewableError,
                SameReviewerError,
                AmountChangedError,
            ) as exc:
                refused.append({"case_id": str(case_id), "reason": exc.detail or exc.title_en})
        return decided, refused

    async def audit(self, case_id: uuid.UUID) -> list[AuditEvent]:
        case = await self.visible(case_id)
        return await self.audit_log.for_case(case.id)
