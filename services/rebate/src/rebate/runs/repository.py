import uuid

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.runs.models import RebateRun, RunStatus


class RunRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def in_flight(
        self, policy_id: uuid.UUID, period: str, region_prefix: str
    ) -> uuid.UUID | None:
        return await self.session.scalar(
            select(RebateRun.id).where(
                RebateRun.policy_id == policy_id,
                RebateRun.period == period,
                RebateRun.region_prefix == region_prefix,
                RebateRun.status.in_((RunStatus.QUEUED, RunStatus.RUNNING)),
            )
        )

    async def paths_touched(self, run_id: uuid.UUID) -> list[str]:
        """The organisations a run made cases or queue entries for."""
        rows = await self.session.scalars(
            text(
                """
                SELECT DISTINCT org_path FROM rebate.rebate_case WHERE run_id = :run_id
                UNION
                SELECT DISTINCT org_path FROM rebate.rebate_exception
                WHERE run_id = :run_id AND org_path IS NOT NULL
                """
            ),
            {"run_id": run_id},
        )
        return list(rows)
