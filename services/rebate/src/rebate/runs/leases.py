"""Who executes a run: a holder claims it with a lease and renews the lease while it works.
A run whose holder died (its lease ran out) is claimed again and resumed; a holder that finds
its lease taken stops at once, so two never write the same run."""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

logger = logging.getLogger(__name__)

# Queued, or running under a lease that ran out. SKIP LOCKED: two claimants never wait on
# each other, and never both get the same run.
_CLAIM = """
UPDATE rebate.rebate_run SET status = 'running', lease_owner = :owner,
       lease_expires_at = now() + make_interval(secs => :lease)
WHERE id = (
    SELECT id FROM rebate.rebate_run
    WHERE (status = 'queued' OR (status = 'running' AND lease_expires_at < now()))
      AND (CAST(:run_id AS uuid) IS NULL OR id = :run_id)
    ORDER BY started_at
    FOR UPDATE SKIP LOCKED
    LIMIT 1
)
RETURNING id
"""
_RENEW = """
UPDATE rebate.rebate_run SET lease_expires_at = now() + make_interval(secs => :lease)
WHERE id = :run_id AND lease_owner = :owner AND status = 'running'
"""


async def claim(
    sessions: async_sessionmaker[AsyncSession],
    owner: str,
    lease_seconds: float,
    run_id: uuid.UUID | None = None,
) -> uuid.UUID | None:
    """The next run to execute (or `run_id` itself), now held by `owner`; None if none."""
    async with sessions() as session, session.begin():
        claimed: uuid.UUID | None = await session.scalar(
            text(_CLAIM), {"owner": owner, "lease": lease_seconds, "run_id": run_id}
        )
        return claimed


async def hold(
    sessions: async_sessionmaker[AsyncSession],
    run_id: uuid.UUID,
    owner: str,
    lease_seconds: float,
    work: Callable[[], Coroutine[Any, Any, None]],
) -> None:
    """Run `work` while renewing the lease every third of it; a lost lease cancels the work."""

    async def heartbeat(worker: asyncio.Task[None]) -> None:
        while True:
            await asyncio.sleep(lease_seconds / 3)
            async with sessions() as session, session.begin():
                renewed = await session.execute(
                    text(_RENEW), {"run_id": run_id, "owner": owner, "lease": lease_seconds}
                )
            if renewed.rowcount == 0:  # type: ignore[attr-defined]
                logger.warning("lost the lease of run %s; stopping", run_id)
                worker.cancel()
                return

    worker: asyncio.Task[None] = asyncio.create_task(work())
    beating = asyncio.create_task(heartbeat(worker))
    try:
        await worker
    finally:
        beating.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beating
