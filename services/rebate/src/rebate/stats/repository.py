"""The statistics of a sub-tree and two period ranges, in one statement."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, distinct, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.cases.models import CaseStatus, RebateCase
from rebate.payouts.models import Payout, PayoutStatus

PENDING = (
    CaseStatus.PENDING_REVIEW,
    CaseStatus.PENDING_APPROVAL,
    CaseStatus.APPROVED,
    CaseStatus.INSTRUCTED,
)


@dataclass(frozen=True)
class PeriodRange:
    start: str  # "YYYY-MM", inclusive
    end: str


@dataclass(frozen=True)
class Figures:
    enterprises_refunded: int
    amount_refunded: Decimal
    pending_cases: int
    pending_amount: Decimal
    rejected_cases: int
    previous_enterprises_refunded: int
    previous_amount_refunded: Decimal


class StatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def figures(
        self, scope: ColumnElement[bool] | None, current: PeriodRange, previous: PeriodRange
    ) -> Figures:
        """`scope` restricts the cases (a sub-tree condition on org_path); None: every case.

        The two ranges may overlap (a range longer than a year): each case is tested against
        each range, not assigned to one."""
        in_current = RebateCase.period.between(current.start, current.end)
        in_previous = RebateCase.period.between(previous.start, previous.end)
        is_paid = RebateCase.status == CaseStatus.PAID
        is_pending = RebateCase.status.in_(PENDING)
        due = RebateCase.refund - RebateCase.set_off
        # Only paid cases are joined to their paid payouts, so every other case stays one
        # row (its counts and sums are exact) and a paid case counts each transfer the bank
        # confirmed: a failed attempt and its paid retry once, a set-off (kept back) never.
        paid_payouts = and_(
            Payout.case_id == RebateCase.id, Payout.status == PayoutStatus.PAID, is_paid
        )
        zero = Decimal("0.00")
        query = (
            select(
                func.count(distinct(RebateCase.uscc)).filter(in_current, is_paid),
                func.coalesce(func.sum(Payout.amount).filter(in_current), zero),
                func.count().filter(in_current, is_pending),
                func.coalesce(func.sum(due).filter(in_current, is_pending), zero),
                func.count().filter(in_current, RebateCase.status == CaseStatus.REJECTED),
                func.count(distinct(RebateCase.uscc)).filter(in_previous, is_paid),
                func.coalesce(func.sum(Payout.amount).filter(in_previous), zero),
            )
            .select_from(RebateCase)
            .outerjoin(Payout, paid_payouts)
            .where(or_(in_current, in_previous), true() if scope is None else scope)
        )
        row = (await self.session.execute(query)).one()
        return Figures(
            enterprises_refunded=int(row[0]),
            amount_refunded=Decimal(row[1]),
            pending_cases=int(row[2]),
            pending_amount=Decimal(row[3]),
            rejected_cases=int(row[4]),
            previous_enterprises_refunded=int(row[5]),
            previous_amount_refunded=Decimal(row[6]),
        )
