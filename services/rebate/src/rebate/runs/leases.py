"""Who executes a run: a holder claims it with a lease and renews the lease while it works
(servicekit.worker). A run whose holder died (its lease ran out) is claimed again and resumed;
a holder that finds its lease taken stops at once, so two never write the same run."""

import uuid
from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from servicekit.worker import LeasedQueue

RUNS = LeasedQueue(
    table="rebate.rebate_run",
    waiting="status = 'queued'",
    working="status = 'running'",
    claimed="status = 'running'",
    order_by="started_at",
)


async def claim(
    sessions: async_sessionmaker[AsyncSession],
    owner: str,
    lease_seconds: float,
    run_id: uuid.UUID | None = None,
) -> uuid.UUID | None:
    """The next run to execute (or `run_id` itself), now held by `owner`; None if none."""
    return await RUNS.claim(sessions, owner, lease_seconds, run_id)


async def hold(
    sessions: async_sessionmaker[AsyncSession],
    run_id: uuid.UUID,
    owner: str,
    lease_seconds: float,
    work: Callable[[], Coroutine[Any, Any, None]],
) -> None:
    """Run `work` while renewing the lease every third of it; a lost lease cancels the work."""
    await RUNS.hold(sessions, run_id, owner, lease_seconds, work)
