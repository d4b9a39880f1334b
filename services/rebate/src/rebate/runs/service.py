"""Starting runs and reading them. Starting queues a run, which a worker then claims and
executes (rebate.runs.leases); one run per policy (any of its versions), period and region
is in flight (queued or running) at a time, overlapping regions ("35" and "3501") counting
as one region; a run is seen by admins, and by the reviewers of a sub-tree it made cases or
queue entries in (the same rule as cases)."""

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from rebate.access import sees_run, sub_tree_paths
from rebate.audit.service import AuditLog, Step
from rebate.policies.models import Policy, PolicyMode
from rebate.policies.service import PolicyService
from rebate.runs.errors import (
    ApplicationPolicyError,
    RunInFlightError,
    RunNotFoundError,
    RunOutsidePolicyError,
)
from rebate.runs.models import RebateRun, RunStatus
from rebate.runs.repository import RunRepository
from rebate.runs.schemas import RunCreate
from servicekit.auth import Principal
from servicekit.pii import PiiCipher


def check_scope(policy: Policy, period: str, region_prefix: str) -> None:
    if not policy.period_from <= period <= policy.period_to:
        raise RunOutsidePolicyError(
            f"{period} is outside the policy's periods {policy.period_from}..{policy.period_to}"
        )
    if not any(region_prefix.startswith(p) for p in policy.region_prefixes):
        raise RunOutsidePolicyError(f"Region {region_prefix} is outside the policy's regions")


class RunService:
    def __init__(self, session: AsyncSession, principal: Principal, pii: PiiCipher) -> None:
        self.session = session
        self.principal = principal
        self.pii = pii
        self.repo = RunRepository(session)

    async def start(self, run_in: RunCreate) -> RebateRun:
        policy = await PolicyService(self.session, self.pii).current(run_in.policy_key)
        if policy.mode is PolicyMode.APPLICATION:
            raise ApplicationPolicyError(
                "Under this policy enterprises apply (POST /v1/applications); no run makes cases"
            )
        check_scope(policy, run_in.period, run_in.region_prefix)
        # Under the lock, a start racing this one waits for it to commit, then finds its run.
        await self.repo.lock_scope(policy.policy_key, run_in.period)
        running = await self.repo.in_flight(policy.policy_key, run_in.period, run_in.region_prefix)
        if running is not None:
            raise RunInFlightError(
                f"Run {running.id} ({running.status.value}, region {running.region_prefix}) "
                f"of policy {policy.policy_key} for {running.period} overlaps region "
                f"{run_in.region_prefix}",
                run_id=str(running.id),
            )
        run = RebateRun(
            id=uuid.uuid4(),
            period=run_in.period,
            region_prefix=run_in.region_prefix,
            policy_id=policy.id,
            status=RunStatus.QUEUED,
            started_by=self.principal.subject,
            started_at=datetime.now(UTC),
            enterprises_total=0,
            enterprises_done=0,
            cases_created=0,
            queued=0,
        )
        self.session.add(run)
        await self.session.flush()
        await AuditLog(self.session).append(
            Step(
                "run.started",
                self.principal.subject,
                {
                    "run_id": str(run.id),
                    "period": run.period,
                    "region_prefix": run.region_prefix,
                    "policy_id": str(policy.id),
                    "policy_version": policy.version,
                },
            )
        )
        return run

    async def visible(self, run_id: uuid.UUID) -> RebateRun:
        run = await self.repo.get(run_id)
        if run is None or not sees_run(self.principal, await self.repo.paths_touched(run_id)):
            raise RunNotFoundError()
        return run

    async def recent(self, limit: int) -> list[RebateRun]:
        """Newest first: every run for admins, for a reviewer those that made cases or queue
        entries in their sub-trees."""
        return await self.repo.recent(sub_tree_paths(self.principal), limit)
