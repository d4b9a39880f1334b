import uuid
from collections.abc import Sequence

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.access import within_any
from rebate.cases.models import CaseStatus, RebateCase
from rebate.policies.models import Policy
from rebate.runs.models import ExceptionReason, RebateException


class QueueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, entry_id: uuid.UUID, *, lock: bool = False) -> RebateException | None:
        return await self.session.get(RebateException, entry_id, with_for_update=lock or None)

    async def listing(
        self,
        scope: tuple[str, ...] | None,
        run_id: uuid.UUID | None,
        reason: ExceptionReason | None,
        include_resolved: bool,
        limit: int,
    ) -> list[RebateException]:
        query = select(RebateException).order_by(RebateException.uscc, RebateException.id)
        if run_id is not None:
            query = query.where(RebateException.run_id == run_id)
        if reason is not None:
            query = query.where(RebateException.reason == reason)
        if not include_resolved:
            query = query.where(RebateException.resolved_at.is_(None))
        if scope is not None:
            query = query.where(within_any(RebateException.org_path, scope))
        return list(await self.session.scalars(query.limit(limit)))

    async def open_for(
        self, uscc: str, period: str, reasons: Sequence[ExceptionReason]
    ) -> list[RebateException]:
        """The open entries of one enterprise and period, decided together."""
        query = (
            select(RebateException)
            .where(
                RebateException.uscc == uscc,
                RebateException.period == period,
                RebateException.resolved_at.is_(None),
                RebateException.reason.in_(reasons),
                RebateException.fee_record_id.is_not(None),
            )
            .order_by(RebateException.id)
            .with_for_update()
        )
        return list(await self.session.scalars(query))

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

    async def office_paths(
        self, policy: Policy, record_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, str | None]:
        """The policy's queue office (an org path) for each record, by the record's region."""
        if not record_ids or not policy.queue_offices:
            return {}
        rows = await self.session.execute(
            text("SELECT id, region_code FROM rebate.fee_record WHERE id = ANY(:ids)"),
            {"ids": list(record_ids)},
        )
        return {record_id: policy.office_for(region) for record_id, region in rows}
