import uuid

from sqlalchemy import exists, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.access import within_any
from rebate.cases.models import RebateCase
from rebate.policies.models import Policy
from rebate.runs.models import RebateException, RebateRun, RunStatus


class RunRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_scope(self, policy_key: str, period: str) -> None:
        """Serialises the starts of one policy's runs for a period, whatever its version and
        region, until the transaction ends: a start that waited here then sees the run the
        other one committed (rebate.runs.service). The trigger that refuses a second run in
        flight, whoever writes it (migration 0011), takes the same lock: keep the key text."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:k))"),
            {"k": f"rebate-run:{policy_key}:{period}"},
        )

    async def in_flight(self, policy_key: str, period: str, region_prefix: str) -> RebateRun | None:
        """A queued or running run of any version of the policy for the period whose region
        overlaps `region_prefix`: one of the two prefixes starts the other ("35", "3501")."""
        return await self.session.scalar(
            select(RebateRun)
            .join(Policy, Policy.id == RebateRun.policy_id)
            .where(
                Policy.policy_key == policy_key,
                RebateRun.period == period,
                or_(
                    func.starts_with(RebateRun.region_prefix, region_prefix),
                    func.starts_with(region_prefix, RebateRun.region_prefix),
                ),
                RebateRun.status.in_((RunStatus.QUEUED, RunStatus.RUNNING)),
            )
            .order_by(RebateRun.started_at)
            .limit(1)
        )

    async def get(self, run_id: uuid.UUID) -> RebateRun | None:
        return await self.session.get(RebateRun, run_id, populate_existing=True)

    async def recent(self, scope: tuple[str, ...] | None, limit: int) -> list[RebateRun]:
        """Newest first; with `scope`, the runs that made cases or queue entries there."""
        query = select(RebateRun).order_by(RebateRun.started_at.desc()).limit(limit)
        if scope is not None:
            query = query.where(
                or_(
                    exists().where(
                        RebateCase.run_id == RebateRun.id, within_any(RebateCase.org_path, scope)
                    ),
                    exists().where(
                        RebateException.run_id == RebateRun.id,
                        within_any(RebateException.org_path, scope),
                    ),
                )
            )
        return list(await self.session.scalars(query))

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
