"""`python -m rebate worker`: claims queued runs (and runs whose holder died) and executes
them, one at a time, until SIGTERM or SIGINT."""

import asyncio
import contextlib
import functools
import logging
import os
import signal
import socket

import httpx

from rebate import models as _models  # noqa: F401  (every table, for foreign keys)
from rebate.clients.membership import MembershipClient
from rebate.runs.executor import RunExecutor
from rebate.runs.leases import claim, hold
from rebate.settings import RebateSettings
from servicekit.db import create_engine, create_sessionmaker
from servicekit.http import ClientCredentialsAuth, create_http_client
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
    http = create_http_client(settings.membership_url, auth=auth, transport=transport)
    executor = RunExecutor(
        sessions, MembershipClient(http), settings.run_chunk_enterprises, settings.run_writers
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    owner = owner_name()
    logger.info("rebate worker %s started", owner)
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
        await http.aclose()
        await engine.dispose()
