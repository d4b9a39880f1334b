"""Every query of cases and their reviews that the case service makes."""

import uuid

from sqlalchemy import ColumnElement, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.cases.models import (
    UNSETTLED,
    CaseFee,
    CaseStatus,
    RebateCase,
    Review,
    ReviewDecision,
    ReviewStep,
)
from rebate.fees.models import FeeRecord


class CaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *records: Review) -> None:
        self.session.add_all(records)
        await self.session.flush()

    async def flush(self) -> None:
        """Writes the changes made to loaded cases."""
        await self.session.flush()

    async def get(self, case_id: uuid.UUID, *, for_update: bool = False) -> RebateCase | None:
        """`for_update`: locked, and read afresh over what the session holds."""
        if for_update:
            return await self.session.get(
                RebateCase, case_id, with_for_update=True, populate_existing=True
            )
        return await self.session.get(RebateCase, case_id)

    async def listing(
        self,
        in_sight: ColumnElement[bool] | None,
        period: str | None,
        status: CaseStatus | None,
        after: tuple[str, str] | None,
        limit: int,
    ) -> list[RebateCase]:
        """The cases `in_sight` (None: all), by credit code and period, after the cursor."""
        query = select(RebateCase)
        if in_sight is not None:
            query = query.where(in_sight)
        if period is not None:
            query = query.where(RebateCase.period == period)
        if status is not None:
            query = query.where(RebateCase.status == status)
        if after is not None:
            query = query.where(tuple_(RebateCase.uscc, RebateCase.period) > tuple_(*after))
        query = query.order_by(RebateCase.uscc, RebateCase.period).limit(limit)
        return list(await self.session.scalars(query))

    async def fees(self, case_id: uuid.UUID) -> list[FeeRecord]:
        query = (
            select(FeeRecord)
            .join(CaseFee, CaseFee.fee_record_id == FeeRecord.id)
            .where(CaseFee.case_id == case_id)
            .order_by(FeeRecord.record_id)
        )
        return list(await self.session.scalars(query))

    async def reviews(self, case_id: uuid.UUID) -> list[Review]:
        query = select(Review).where(Review.case_id == case_id).order_by(Review.decided_at)
        return list(await self.session.scalars(query))

    async def last_approving_reviewer(self, case_id: uuid.UUID) -> str | None:
        """Who approved the case at its latest review step (not the approval)."""
        reviewer: str | None = await self.session.scalar(
            select(Review.actor)
            .where(
                Review.case_id == case_id,
                Review.step == ReviewStep.REVIEW,
                Review.decision == ReviewDecision.APPROVE,
            )
            .order_by(Review.decided_at.desc())
            .limit(1)
        )
        return reviewer

    async def unsettled_case_id(self, uscc: str, period: str) -> uuid.UUID | None:
        """The enterprise's case of the period still being decided or paid, if any."""
        found: uuid.UUID | None = await self.session.scalar(
            select(RebateCase.id).where(
                RebateCase.uscc == uscc,
                RebateCase.period == period,
                RebateCase.status.in_(UNSETTLED),
            )
        )
        return found
