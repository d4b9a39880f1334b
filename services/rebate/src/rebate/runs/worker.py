"""`python -m rebate worker`: claims queued runs (and runs whose holder died) and executes
them, one at a time, until SIGTERM or SIGINT."""

import asyncio
import contextlib
import functools
import logging
import os
import signal
import socket
from collections.abc import Iterator

import httpx
import uvicorn
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from rebate import models as _models  # noqa: F401  (every table, for foreign keys)
from rebate.clients.membership import MembershipClient
from rebate.runs.executor import RunExecutor
from rebate.runs.leases import claim, hold
from rebate.settings import RebateSettings
from servicekit import health
from servicekit.db import create_engine, create_sessionmaker
from servicekit.http import CallPolicy, ClientCredentialsAuth, create_http_client
from servicekit.logging import configure_logging

logger = logging.getLogger(__name__)


def owner_name() -> str:
    return f"worker:{socket.gethostname()}:{os.getpid()}"


def main() -> None:
    settings = RebateSettings()
    configure_logging(f"{settings.service_name}-worker", settings.log_level)
    asyncio.run(serve(settings))


async def serve(
    settings: RebateSettings, transport: httpx.AsyncBaseTransport | None = None
) -> None:
    engine = create_engine(settings)
    sessions = create_sessionmaker(engine)
    auth = ClientCredentialsAuth(
        f"{settings.membership_url}/v1/auth/token",
        settings.membership_client_id,
        settings.membership_client_secret.get_secret_value(),
    )
    http = create_http_client(
        settings.membership_url,
        auth=auth,
        transport=transport,
        policy=CallPolicy.from_settings(settings),
    )
    executor = RunExecutor(
        sessions, MembershipClient(http), settings.run_chunk_enterprises, settings.run_writers
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    owner = owner_name()
    logger.info("rebate worker %s started", owner)
    probes = health_server(engine, settings.worker_health_port)
    probing = asyncio.create_task(probes.serve()) if probes else None
    try:
        while not stop.is_set():
            run_id = await claim(sessions, owner, settings.run_lease_seconds)
            if run_id is None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), settings.worker_poll_seconds)
                continue
            logger.info("executing run %s", run_id)
            await hold(
                sessions,
                run_id,
                owner,
                settings.run_lease_seconds,
                functools.partial(executor.execute, run_id),
            )
    finally:
        if probes is not None and probing is not None:
            probes.should_exit = True
            await probing
        await http.aclose()
        await engine.dispose()


def health_server(engine: AsyncEngine, port: int | None) -> uvicorn.Server | None:
    """/healthz and /readyz for an orchestrator's probes, as every web process has them."""
    if port is None:
        return None
    app = FastAPI(openapi_url=None)
    app.state.engine = engine
    app.include_router(health.router)
    config = uvicorn.Config(app, host="0.0.0.0", port=port, log_level="warning", access_log=False)  # noqa: S104
    return _QuietServer(config)


class _QuietServer(uvicorn.Server):
    """The worker handles SIGTERM and SIGINT itself; the probe server must not take them."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield
