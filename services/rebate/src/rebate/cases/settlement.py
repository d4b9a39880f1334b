"""Bringing an enterprise's period in line with its current fee records, whatever arrived.

For one enterprise and period with at least one live (not rejected) case:
- D, the refund due: the policy's ratio of every current record the cases count, half up;
- E, the refund granted: the balance of the refunds account (approvals less reductions);
- at most one unsettled case (pending review or approval, or approved and not yet with the
  bank) carries what is still to decide: D less what the other cases were granted.

So E plus the refunds still under review always equals D. A change of amount on an unsettled
case sends it back to review (an approved one has its booking undone first): what is paid is
what the last reviewer and approver saw. More owed after approval or payment becomes a
supplementary case of its own, reviewed and paid like any other. Less owed lowers what is
still payable on a case with the bank (the excess becomes a receivable if that payout is
paid), and past that books a receivable, set off against the enterprise's next refund."""

import uuid
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.service import AuditLog, Step
from rebate.cases.models import (
    AMOUNT_CHANGED,
    UNSETTLED,
    CaseSource,
    CaseStatus,
    RebateCase,
)
from rebate.cases.repository import CaseRepository, Counted
from rebate.fees.ids import new_ids
from rebate.ledger.models import Account
from rebate.ledger.service import ZERO, Ledger, Posting, refund_of
from rebate.payouts.repository import PayoutRepository
from rebate.payouts.service import release_approval
from rebate.policies.models import Policy
from rebate.policies.repository import PolicyRepository
from rebate.runs.models import ExceptionReason, RebateException


def due_after_refusals(earned: Decimal, refused: Decimal, settled: Decimal) -> Decimal:
    """What is due once reviewers refused supplementary amounts: the refused amounts are not
    paid, but a refusal never takes back what was granted while the fees still earn it."""
    return max(earned - refused, min(earned, settled))


class Settlement:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repo = CaseRepository(session)
        self.policies = PolicyRepository(session)
        self.ledger = Ledger(session)
        self.audit = AuditLog(session)

    async def settle_all(self, touched: set[tuple[str, str]], actor: str) -> None:
        """Settle each enterprise and period that has a live case (one query finds them: a
        delivery of 10,000 new records usually touches none)."""
        if not touched:
            return
        periods = await self.repo.periods_with_live_cases(touched)
        # Every enterprise's lock first, in order, before any step goes on the audit chain:
        # taken one by one between appends, a run's chunk holding the next enterprise and
        # waiting for the chain (held by this transaction's first append) would deadlock.
        payouts = PayoutRepository(self.session)
        for uscc in sorted({uscc for uscc, _ in periods}):
            await payouts.lock_enterprise(uscc)
        for uscc, period in periods:
            await self.settle(uscc, period, actor)

    async def settle(self, uscc: str, period: str, actor: str) -> None:
        await PayoutRepository(self.session).lock_enterprise(uscc)
        cases = await self.repo.live_cases(uscc, period)
        if not cases:
            return  # nothing decided yet: the records wait for a run or an application
        policy = await self.policies.get(cases[0].policy_id)
        assert policy is not None
        counted = await self._outside_policy_queued(
            await self.repo.counted(uscc, period), policy, cases[-1].org_path
        )
        earned = refund_of(sum((c.fee_amount for c in counted), ZERO), policy.refund_ratio)
        granted = await self.ledger.granted(uscc, period)
        unsettled = next((c for c in cases if c.status in UNSETTLED), None)
        booked = unsettled.refund if unsettled and unsettled.status is CaseStatus.APPROVED else ZERO
        settled = granted - booked
        # Supplementary amounts a reviewer rejected: their records still count (they are the
        # fees as they are), the amounts are refused.
        refused = await self.repo.refused_supplementary(uscc, period)
        need = due_after_refusals(earned, refused, settled) - settled
        arrived = [c.fee_record_id for c in counted if c.case_id is None]

        if unsettled is None and need > ZERO:
            unsettled = await self._supplementary(cases[-1], actor)
        home = unsettled or cases[-1]
        if arrived:
            await self.repo.link_fees(home.id, arrived)
        linked = {c.fee_record_id for c in counted if c.case_id == home.id} | set(arrived)
        home_collected = sum((c.fee_amount for c in counted if c.fee_record_id in linked), ZERO)

        if unsettled is not None:
            await self._recompute(unsettled, max(need, ZERO), home_collected, actor)
        elif home.collected != home_collected:
            home.collected = home_collected
        if need < ZERO:
            await self._reduce(cases, -need, actor)
        await self.repo.flush()

    async def _recompute(
        self, case: RebateCase, refund: Decimal, collected: Decimal, actor: str
    ) -> None:
        if case.refund == refund and case.collected == collected:
            return
        before = {"refund_before": str(case.refund), "collected_before": str(case.collected)}
        if case.status is CaseStatus.APPROVED:
            await release_approval(self.session, case, actor, AMOUNT_CHANGED)
        elif case.status is CaseStatus.PENDING_APPROVAL:
            case.status, case.status_reason = CaseStatus.PENDING_REVIEW, AMOUNT_CHANGED
        case.refund, case.collected = refund, collected
        await self.repo.flush()
        detail = {**before, "refund": str(refund), "collected": str(collected)}
        await self.audit.append(Step("case.recomputed", actor, detail, case.id))

    async def _outside_policy_queued(
        self, counted: list[Counted], policy: Policy, org_path: str
    ) -> list[Counted]:
        """A record arriving from a region the case's policy does not cover is no part of its
        refund: it waits in the queue for a person instead, the reviewers of the enterprise's
        case (`org_path`) as for any of its entries."""
        outside = [
            c
            for c in counted
            if c.case_id is None
            and not any(c.region_code.startswith(p) for p in policy.region_prefixes)
        ]
        if not outside:
            return counted
        first = await self.repo.fee_record(outside[0].fee_record_id)
        assert first is not None
        await self.repo.add(
            *(
                RebateException(
                    id=uuid.uuid4(),
                    fee_record_id=c.fee_record_id,
                    uscc=first.uscc,
                    period=first.period,
                    reason=ExceptionReason.OUTSIDE_POLICY,
                    detail=f"Region {c.region_code} is outside policy {policy.policy_key}",
                    org_path=org_path,
                )
                for c in outside
            )
        )
        return [c for c in counted if c not in outside]

    async def _supplementary(self, first: RebateCase, actor: str) -> RebateCase:
        [case_id] = new_ids(1)
        case = RebateCase(
            id=case_id,
            uscc=first.uscc,
            enterprise_id=first.enterprise_id,
            enterprise_name=first.enterprise_name,
            period=first.period,
            org_id=first.org_id,
            org_path=first.org_path,
            policy_id=first.policy_id,
            run_id=None,
            source=CaseSource.SUPPLEMENTARY,
            status=CaseStatus.PENDING_REVIEW,
            collected=ZERO,
            refund=ZERO,
            set_off=ZERO,
            has_union_account=first.has_union_account,
        )
        await self.repo.add(case)
        await self.audit.append(
            Step("case.supplementary", actor, {"after_case_id": str(first.id)}, case.id)
        )
        return case

    async def _reduce(self, cases: list[RebateCase], excess: Decimal, actor: str) -> None:
        """Take back `excess` of what was granted: first from what is still payable on cases
        with the bank (newest first), the rest as a receivable on the newest such case."""
        repo = PayoutRepository(self.session)
        settled = [c for c in cases if c.status in (CaseStatus.INSTRUCTED, CaseStatus.PAID)]
        assert settled, "a reduction needs a granted case"
        for case in reversed(settled):
            if excess == ZERO:
                return
            if case.status is not CaseStatus.INSTRUCTED:
                continue
            cut = min(excess, max(await repo.payable(case.id), ZERO))
            if cut > ZERO:
                await self._post(case, "approval_reduced", cut, Account.REFUNDS_PAYABLE)
                case.refund -= cut
                excess -= cut
                await self.audit.append(
                    Step("case.reduced", actor, {"payable_cut": str(cut)}, case.id)
                )
        if excess > ZERO:
            newest = settled[-1]
            await self._post(newest, "overpaid", excess, Account.RECEIVABLE)
            await self.audit.append(
                Step("case.overpaid", actor, {"receivable": str(excess)}, newest.id)
            )

    async def _post(self, case: RebateCase, kind: str, amount: Decimal, debit: Account) -> None:
        await self.ledger.post(
            [Posting(kind, case.uscc, case.period, amount, debit, Account.REFUNDS, case.id)]
        )
