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
        # One row per case with what the bank confirmed paid for it: a failed attempt and its
        # paid retry count once, and a set-off (kept back, never sent) not at all.
        per_case = (
            select(
                RebateCase.uscc,
                RebateCase.status,
                (RebateCase.refund - RebateCase.set_off).label("due"),
                in_current.label("cur"),
                in_previous.label("prev"),
                func.coalesce(func.sum(Payout.amount), 0).label("paid"),
            )
            .select_from(RebateCase)
            .outerjoin(
                Payout, and_(Payout.case_id == RebateCase.id, Payout.status == PayoutStatus.PAID)
            )
            .where(or_(in_current, in_previous), true() if scope is None else scope)
            .group_by(RebateCase.id)
            .subquery("per_case")
        )
        s = per_case.c
        is_paid = s.status == CaseStatus.PAID
        is_pending = s.status.in_(PENDING)
        zero = Decimal("0.00")
        query = select(
            func.count(distinct(s.uscc)).filter(s.cur, is_paid),
            func.coalesce(func.sum(s.paid).filter(s.cur), zero),
            func.count().filter(s.cur, is_pending),
            func.coalesce(func.sum(s.due).filter(s.cur, is_pending), zero),
            func.count().filter(s.cur, s.status == CaseStatus.REJECTED),
            func.count(distinct(s.uscc)).filter(s.prev, is_paid),
            func.coalesce(func.sum(s.paid).filter(s.prev), zero),
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
