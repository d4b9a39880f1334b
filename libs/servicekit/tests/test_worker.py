"""Leased work: one holder at a time, kept by its heartbeat, taken over when it dies, given
back when it is stopped; a holder that lost its lease stops working."""

import asyncio
import uuid
from typing import Any

import pytest
from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from servicekit.worker import LeasedQueue

JOBS = LeasedQueue(
    table="kit.job",
    waiting="status = 'queued'",
    working="status = 'running'",
    claimed="status = 'running'",
    order_by="created_at",
)


@pytest.fixture
async def sessions(kit_engine: AsyncEngine, job_model: Any) -> async_sessionmaker[AsyncSession]:
    made = async_sessionmaker(kit_engine, expire_on_commit=False)
    async with made() as session, session.begin():
        await session.execute(delete(job_model))
    return made


async def queue_job(sessions: async_sessionmaker[AsyncSession]) -> uuid.UUID:
    job_id = uuid.uuid4()
    async with sessions() as session, session.begin():
        await session.execute(
            text("INSERT INTO kit.job (id, status) VALUES (:id, 'queued')"), {"id": job_id}
        )
    return job_id


async def holder(sessions: async_sessionmaker[AsyncSession], job_id: uuid.UUID) -> Any:
    async with sessions() as session:
        return await session.scalar(
            text("SELECT lease_owner FROM kit.job WHERE id = :id"), {"id": job_id}
        )


async def test_one_holder_at_a_time_until_its_lease_runs_out(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    job_id = await queue_job(sessions)
    assert await JOBS.claim(sessions, "a", 0.5) == job_id
    assert await JOBS.claim(sessions, "b", 0.5) is None  # a holds it
    await asyncio.sleep(0.6)  # a died: nobody renewed
    assert await JOBS.claim(sessions, "b", 0.5) == job_id
    assert await holder(sessions, job_id) == "b"
    assert not await JOBS.renew(sessions, job_id, "a", 0.5)  # a, back from the dead, is refused


async def test_the_heartbeat_keeps_the_lease_while_the_work_lasts(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    job_id = await queue_job(sessions)
    assert await JOBS.claim(sessions, "a", 0.3) == job_id
    taken: list[uuid.UUID | None] = []

    async def long_work() -> None:
        for _ in range(4):
            await asyncio.sleep(0.25)
            taken.append(await JOBS.claim(sessions, "b", 0.3))

    await JOBS.hold(sessions, job_id, "a", 0.3, long_work)
    assert taken == [None] * 4


async def test_a_holder_whose_lease_was_taken_stops_working(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    job_id = await queue_job(sessions)
    assert await JOBS.claim(sessions, "a", 0.3) == job_id
    steps: list[int] = []

    async def work() -> None:
        for step in range(20):
            steps.append(step)
            await asyncio.sleep(0.05)

    async def take_over() -> None:
        await asyncio.sleep(0.05)
        async with sessions() as session, session.begin():
            await session.execute(
                text("UPDATE kit.job SET lease_owner = 'b' WHERE id = :id"), {"id": job_id}
            )

    await asyncio.gather(JOBS.hold(sessions, job_id, "a", 0.3, work), take_over())
    assert len(steps) < 20  # cancelled at the first heartbeat that found the lease gone


async def test_a_stopped_worker_gives_its_item_back_at_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    job_id = await queue_job(sessions)
    started = asyncio.Event()

    async def execute(item: uuid.UUID) -> None:
        started.set()
        await asyncio.Event().wait()

    loop = asyncio.create_task(JOBS.loop(sessions, "a", 30, 0.05, execute)(asyncio.Event()))
    await started.wait()
    assert await JOBS.claim(sessions, "b", 30) is None
    loop.cancel()
    with pytest.raises(asyncio.CancelledError):
        await loop
    assert await JOBS.claim(sessions, "b", 30) == job_id  # no 30 s wait
