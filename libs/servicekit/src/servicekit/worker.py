"""Background workers: `python -m <service> worker` processes.

A worker runs loops (outbox relays, queues of long work) until SIGTERM or SIGINT, with
`/healthz`, `/readyz` and `/metrics` on its health port for an orchestrator's probes and
Prometheus, and traces as a web process has them (servicekit.telemetry): one span per piece of
work, with its queries and calls inside, and none for polling. Long work (a rebate run, a member
import) sits in a table and is claimed one item at a time with a lease that the holder renews
while it works (`LeasedQueue`): a holder that dies stops renewing, its lease runs out, and the
next worker claims the item and resumes it. The work itself must be resumable: progress
committed in steps, each step idempotent.
"""

import asyncio
import contextlib
import functools
import logging
import os
import signal
import socket
import uuid
from collections.abc import Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import uvicorn
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from servicekit import health
from servicekit.collector import tune_collector
from servicekit.reads import pooled_reads
from servicekit.settings import ServiceSettings
from servicekit.telemetry import (
    ScrapeReading,
    mount_metrics,
    read_db_pool,
    tracer_provider,
    untraced,
    work_span,
)

logger = logging.getLogger(__name__)

# One of the worker's concurrent jobs: runs until `stop` is set, then returns.
Loop = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


def owner_name(kind: str = "worker") -> str:
    """Who holds a lease: readable in the table, unique per process and start."""
    return f"{kind}:{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class LeasedQueue:
    """A table of work items (uuid `id`, `lease_owner`, `lease_expires_at`) claimed one at a
    time. The conditions are SQL over the table's own columns, written by the service:
    `waiting` (never claimed), `working` (claimed and not finished), `claimed` (the assignment
    that makes a waiting item working), `order_by` (which first)."""

    table: str
    waiting: str
    working: str
    claimed: str
    order_by: str

    async def claim(
        self,
        sessions: async_sessionmaker[AsyncSession],
        owner: str,
        lease_seconds: float,
        item_id: uuid.UUID | None = None,
    ) -> uuid.UUID | None:
        """The next item to work on (or `item_id` itself), now held by `owner`; None if none.
        Waiting, or working under a lease that ran out (its holder died). SKIP LOCKED: two
        claimants never wait on each other, and never both get the same item."""
        statement = f"""
            UPDATE {self.table} SET {self.claimed}, lease_owner = :owner,
                   lease_expires_at = now() + make_interval(secs => :lease)
            WHERE id = (
                SELECT id FROM {self.table}
                WHERE (({self.waiting}) OR (({self.working}) AND lease_expires_at < now()))
                  AND (CAST(:item_id AS uuid) IS NULL OR id = :item_id)
                ORDER BY {self.order_by}
                FOR UPDATE SKIP LOCKED
                LIMIT 1
            )
            RETURNING id
        """  # noqa: S608 (identifiers and conditions are the service's constants)
        async with sessions() as session, session.begin():
            claimed: uuid.UUID | None = await session.scalar(
                text(statement), {"owner": owner, "lease": lease_seconds, "item_id": item_id}
            )
            return claimed

    async def renew(
        self,
        sessions: async_sessionmaker[AsyncSession],
        item_id: uuid.UUID,
        owner: str,
        lease_seconds: float,
    ) -> bool:
        """False when the lease is no longer ours (it ran out and another took it)."""
        statement = f"""
            UPDATE {self.table} SET lease_expires_at = now() + make_interval(secs => :lease)
            WHERE id = :item_id AND lease_owner = :owner AND ({self.working})
        """  # noqa: S608
        async with sessions() as session, session.begin():
            renewed = await session.execute(
                text(statement), {"item_id": item_id, "owner": owner, "lease": lease_seconds}
            )
        return bool(renewed.rowcount)  # type: ignore[attr-defined]

    async def release(
        self, sessions: async_sessionmaker[AsyncSession], item_id: uuid.UUID, owner: str
    ) -> None:
        """Give an unfinished item back at once (a worker told to stop): the next worker
        resumes it without waiting for the lease to run out."""
        statement = f"""
            UPDATE {self.table} SET lease_expires_at = now()
            WHERE id = :item_id AND lease_owner = :owner AND ({self.working})
        """  # noqa: S608
        async with sessions() as session, session.begin():
            await session.execute(text(statement), {"item_id": item_id, "owner": owner})

    async def hold(
        self,
        sessions: async_sessionmaker[AsyncSession],
        item_id: uuid.UUID,
        owner: str,
        lease_seconds: float,
        work: Callable[[], Coroutine[Any, Any, None]],
    ) -> None:
        """Run `work` while renewing the lease every third of it; a lost lease cancels the
        work, so two holders never write the same item."""

        lost = asyncio.Event()

        async def heartbeat(worker: asyncio.Task[None]) -> None:
            while True:
                await asyncio.sleep(lease_seconds / 3)
                if not await self.renew(sessions, item_id, owner, lease_seconds):
                    logger.warning("lost the lease of %s %s; stopping", self.table, item_id)
                    lost.set()
                    worker.cancel()
                    return

        worker: asyncio.Task[None] = asyncio.create_task(work())
        beating = asyncio.create_task(heartbeat(worker))
        try:
            await worker
        except asyncio.CancelledError:
            if lost.is_set():
                return  # the item is another's now; this holder just stops
            raise
        finally:
            beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beating

    def loop(
        self,
        sessions: async_sessionmaker[AsyncSession],
        owner: str,
        lease_seconds: float,
        poll_seconds: float,
        execute: Callable[[uuid.UUID], Coroutine[Any, Any, None]],
    ) -> Loop:
        """A worker loop: claim, work under the lease, repeat; wait `poll_seconds` when idle.
        Work that fails is logged and left to its lease: it is tried again when that runs
        out, by whichever worker claims it first."""

        async def run(stop: asyncio.Event) -> None:
            while not stop.is_set():
                try:
                    item_id = await self.claim(sessions, owner, lease_seconds)
                except Exception:
                    logger.exception("claiming from %s failed", self.table)
                    item_id = None
                if item_id is None:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), poll_seconds)
                    continue
                logger.info("working on %s %s", self.table, item_id)
                try:
                    with work_span(f"work {self.table}", {"work.item_id": str(item_id)}):
                        await self.hold(
                            sessions,
                            item_id,
                            owner,
                            lease_seconds,
                            functools.partial(execute, item_id),
                        )
                except asyncio.CancelledError:
                    # Stopped (SIGTERM) mid-work: what is committed stays; the next worker
                    # resumes the rest at once instead of waiting out the lease.
                    with contextlib.suppress(Exception):
                        await self.release(sessions, item_id, owner)
                    raise
                except Exception:
                    logger.exception("work on %s %s failed", self.table, item_id)

        return run


class Worker:
    """Runs `loops` side by side until SIGTERM or SIGINT. Then `/readyz` answers 503, the
    loops are told to stop, and those still busy after `shutdown_seconds` are cancelled (a
    leased item is released for the next worker; a relay's claimed batch waits out its
    lease). A loop that crashes stops the process, for the orchestrator to restart it.

    `settings` are the service's: its traces' endpoint and name, its metrics' labels and
    pool size. `readings` are the service's scrape-time gauges (its `metrics.READINGS`, the
    same as its web process serves), added to the worker's own connection pool."""

    def __init__(
        self,
        name: str,
        engine: AsyncEngine,
        loops: Sequence[Loop],
        *,
        settings: ServiceSettings,
        readings: Sequence[ScrapeReading] = (),
        health_port: int | None = None,
        shutdown_seconds: float = 10.0,
    ) -> None:
        self.name = name
        self.engine = engine
        self.loops = tuple(loops)
        self.settings = settings
        self.readings = tuple(readings)
        self.health_port = health_port
        self.shutdown_seconds = shutdown_seconds
        self.stop = asyncio.Event()

    async def run(self) -> None:
        tune_collector(self.settings)
        tracer_provider(self.settings, f"{self.settings.service_name}-worker")
        # Probes, scrapes and polls make no spans; each piece of work makes its own trace.
        with untraced():
            await self._run()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        probes = health_app(self.engine, self.settings, self.readings)
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self._stop, probes)
        server = _probe_server(probes, self.health_port)
        probing = asyncio.create_task(server.serve()) if server else None
        tasks: list[asyncio.Task[Any]] = [asyncio.create_task(job(self.stop)) for job in self.loops]
        stopping: asyncio.Task[Any] = asyncio.create_task(self.stop.wait())
        logger.info("%s started with %d loop(s)", self.name, len(tasks))
        try:
            done, _ = await asyncio.wait([stopping, *tasks], return_when=asyncio.FIRST_COMPLETED)
            crashed = [t for t in tasks if t in done and not t.cancelled() and t.exception()]
            self._stop(probes)
            _, busy = await asyncio.wait(tasks, timeout=self.shutdown_seconds)
            for task in busy:
                task.cancel()
            await asyncio.gather(*busy, return_exceptions=True)
            for task in crashed:
                task.result()  # raises what crashed it
        finally:
            stopping.cancel()
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(signum)
            if server is not None and probing is not None:
                server.should_exit = True
                await probing
            logger.info("%s stopped", self.name)

    def _stop(self, probes: FastAPI) -> None:
        probes.state.draining = True
        self.stop.set()


def health_app(
    engine: AsyncEngine, settings: ServiceSettings, readings: Sequence[ScrapeReading] = ()
) -> FastAPI:
    """/healthz, /readyz and /metrics, as every web process has them."""
    app = FastAPI(openapi_url=None)
    app.state.engine = engine
    app.state.settings = settings
    app.state.reads = pooled_reads(engine, transaction_pooler=settings.db_transaction_pooler)
    app.state.draining = False
    app.include_router(health.router)
    mount_metrics(app, settings.service_name, [read_db_pool, *readings])
    return app


def _probe_server(app: FastAPI, port: int | None) -> uvicorn.Server | None:
    if port is None:
        return None
    config = uvicorn.Config(app, host="0.0.0.0", port=port, log_level="warning", access_log=False)  # noqa: S104
    return _QuietServer(config)


class _QuietServer(uvicorn.Server):
    """The worker handles SIGTERM and SIGINT itself; the probe server must not take them."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield
