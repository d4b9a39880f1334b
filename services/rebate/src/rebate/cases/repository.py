"""Every query of cases, their fee records and reviews, for deciding and for settling."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.cases.models import (
    UNSETTLED,
    CaseFee,
    CaseSource,
    CaseStatus,
    RebateCase,
    Review,
    ReviewDecision,
    ReviewStep,
)
from rebate.fees.models import FeeRecord
from rebate.ledger.service import ZERO
from rebate.runs.models import RebateException


@dataclass(frozen=True)
class Counted:
    """A current fee record of the period that the enterprise's cases count."""

    fee_record_id: uuid.UUID
    fee_amount: Decimal
    case_id: uuid.UUID | None  # None: arrived since, to be placed in a case now
    region_code: str


class CaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *records: Review | RebateCase | CaseFee | RebateException) -> None:
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

    async def fee_record(self, fee_record_id: uuid.UUID) -> FeeRecord | None:
        return await self.session.get(FeeRecord, fee_record_id)

    async def periods_with_live_cases(self, touched: set[tuple[str, str]]) -> list[tuple[str, str]]:
        """Of the (credit code, period) pairs `touched`, those with a case not rejected: one
        query, as a delivery of 10,000 new records usually touches none."""
        usccs, periods = zip(*sorted(touched), strict=True)
        rows = await self.session.execute(
            text(
                """
                SELECT DISTINCT c.uscc, c.period
                FROM unnest(CAST(:usccs AS varchar[]), CAST(:periods AS varchar[])) AS t (u, p)
                JOIN rebate.rebate_case c ON c.uscc = t.u AND c.period = t.p
                WHERE c.status <> 'rejected'
                ORDER BY c.uscc, c.period
                """
            ),
            {"usccs": list(usccs), "periods": list(periods)},
        )
        return [(uscc, period) for uscc, period in rows.all()]

    async def live_cases(self, uscc: str, period: str) -> list[RebateCase]:
        """The cases of the period not rejected, oldest first, locked and read afresh."""
        query = (
            select(RebateCase)
            .where(
                RebateCase.uscc == uscc,
                RebateCase.period == period,
                RebateCase.status != CaseStatus.REJECTED,
            )
            .order_by(RebateCase.created_at, RebateCase.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return list(await self.session.scalars(query))

    async def refused_supplementary(self, uscc: str, period: str) -> Decimal:
        """The refunds of the period's rejected supplementary cases."""
        total = await self.session.scalar(
            select(func.coalesce(func.sum(RebateCase.refund), ZERO)).where(
                RebateCase.uscc == uscc,
                RebateCase.period == period,
                RebateCase.status == CaseStatus.REJECTED,
                RebateCase.source == CaseSource.SUPPLEMENTARY,
            )
        )
        return Decimal(total or ZERO)

    async def counted(self, uscc: str, period: str) -> list[Counted]:
        """Current records of the period, less those of rejected cases (but supplementary
        ones) and those a person holds in the queue (open, or dismissed)."""
        rows = await self.session.execute(
            text(
                """
                SELECT f.id, f.fee_amount, cf.case_id, f.region_code
                FROM rebate.fee_record f
                LEFT JOIN rebate.case_fee cf ON cf.fee_record_id = f.id
                LEFT JOIN rebate.rebate_case c ON c.id = cf.case_id
                WHERE f.uscc = :uscc AND f.period = :period
                  AND f.superseded_at IS NULL AND f.voided_at IS NULL
                  AND (c.id IS NULL OR c.status <> 'rejected' OR c.source = 'supplementary')
                  AND NOT EXISTS (
                      SELECT 1 FROM rebate.rebate_exception e
                      WHERE e.fee_record_id = f.id
                        AND (e.resolved_at IS NULL OR e.resolution = 'dismissed'))
                ORDER BY f.id
                """
            ),
            {"uscc": uscc, "period": period},
        )
        return [Counted(i, Decimal(a), c, r) for i, a, c, r in rows]

    async def link_fees(self, case_id: uuid.UUID, fee_record_ids: Sequence[uuid.UUID]) -> None:
        await self.add(*(CaseFee(fee_record_id=r, case_id=case_id) for r in fee_record_ids))
