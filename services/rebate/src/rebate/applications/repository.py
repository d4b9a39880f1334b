"""Every query of applications: the enterprise's records of the period, its live cases, and
applications with the case each became."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, exists, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.applications.models import Application
from rebate.cases.models import (
    UNSETTLED,
    CaseStatus,
    RebateCase,
    Review,
    ReviewDecision,
)


@dataclass(frozen=True)
class PeriodRecord:
    """A current fee record of the enterprise and period."""

    id: uuid.UUID
    enterprise_name: str
    region_code: str
    fee_amount: Decimal
    open: bool  # in no case and held in no queue entry: an application may claim it


class ApplicationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def records(self, uscc: str, period: str) -> list[PeriodRecord]:
        rows = await self.session.execute(
            text(
                """
                SELECT f.id, f.enterprise_name, f.region_code, f.fee_amount,
                       NOT EXISTS (SELECT 1 FROM rebate.case_fee cf WHERE cf.fee_record_id = f.id)
                       AND NOT EXISTS (
                           SELECT 1 FROM rebate.rebate_exception e
                           WHERE e.fee_record_id = f.id
                             AND (e.resolved_at IS NULL OR e.resolution = 'dismissed'))
                FROM rebate.fee_record f
                WHERE f.uscc = :uscc AND f.period = :period
                  AND f.superseded_at IS NULL AND f.voided_at IS NULL
                ORDER BY f.received_at DESC, f.id
                """
            ),
            {"uscc": uscc, "period": period},
        )
        return [PeriodRecord(i, n, r, Decimal(a), o) for i, n, r, a, o in rows]

    async def has_live_case(self, uscc: str, period: str) -> bool:
        found = await self.session.scalar(
            select(RebateCase.id)
            .where(
                RebateCase.uscc == uscc,
                RebateCase.period == period,
                RebateCase.status != CaseStatus.REJECTED,
            )
            .limit(1)
        )
        return found is not None

    async def unsettled_case(self, uscc: str, period: str) -> RebateCase | None:
        return await self.session.scalar(
            select(RebateCase).where(
                RebateCase.uscc == uscc,
                RebateCase.period == period,
                RebateCase.status.in_(UNSETTLED),
            )
        )

    async def with_case(self, application_id: uuid.UUID) -> tuple[Application, RebateCase] | None:
        row = (
            await self.session.execute(
                select(Application, RebateCase)
                .join(RebateCase, RebateCase.id == Application.case_id)
                .where(Application.id == application_id)
            )
        ).first()
        return (row[0], row[1]) if row else None

    async def listing(
        self, criteria: Sequence[ColumnElement[bool]], limit: int
    ) -> list[tuple[Application, RebateCase]]:
        rows = await self.session.execute(
            select(Application, RebateCase)
            .join(RebateCase, RebateCase.id == Application.case_id)
            .where(*criteria)
            .order_by(Application.created_at.desc(), Application.id)
            .limit(limit)
        )
        return [(a, c) for a, c in rows]

    async def destination_of(self, case_id: uuid.UUID) -> Application | None:
        """The application that became this very case, if it named an account and the case
        was never rejected. A named account is the applicant's word alone: it pays that case
        only, as reviewed, never the period's supplementary cases, a later period, or a case
        reopened after a reviewer refused it (perhaps for that account)."""
        refused = exists().where(
            Review.case_id == case_id, Review.decision == ReviewDecision.REJECT
        )
        return await self.session.scalar(
            select(Application).where(
                Application.case_id == case_id,
                Application.account_no_enc.is_not(None),
                ~refused,
            )
        )
