"""`python -m rebate worker`: executes automatic runs (claimed with a lease, one at a time;
a run whose holder died is resumed) and delivers the outbox to partners, until SIGTERM or
SIGINT (servicekit.worker)."""

import asyncio

import httpx
from fastapi import FastAPI

from rebate import models
from rebate.clients.membership import create_membership_client
from rebate.main import delivery_state
from rebate.metrics import READINGS
from rebate.payouts.delivery import handlers
from rebate.runs.executor import RunExecutor
from rebate.runs.leases import RUNS
from rebate.settings import RebateSettings
from servicekit.db import create_engine, create_sessionmaker
from servicekit.logging import configure_logging
from servicekit.outbound_urls import Resolver, system_resolver
from servicekit.outbox import OutboxRelay
from servicekit.worker import Worker, owner_name


def main() -> None:
    settings = RebateSettings()
    configure_logging(f"{settings.service_name}-worker", settings.log_level)
    asyncio.run(serve(settings))


async def serve(
    settings: RebateSettings,
    transport: httpx.AsyncBaseTransport | None = None,
    *,
    outbound_transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver = system_resolver,
) -> None:
    """`transport` / `outbound_transport` / `resolver` stand in for membership, partners and
    DNS at the network boundary (tests)."""
    engine = create_engine(settings)
    sessions = create_sessionmaker(engine)
    membership = create_membership_client(settings, transport)
    owner = owner_name()
    executor = RunExecutor(
        sessions,
        membership,
        settings.run_chunk_enterprises,
        settings.run_writers,
        owner=owner,
    )
    # The deliveries read what they need from an app's state, as in the web process.
    context = FastAPI(openapi_url=None)
    context.state.sessionmaker = sessions
    try:
        async with delivery_state(context, settings, outbound_transport, resolver):
            relay = OutboxRelay(
                sessions,
                models.OutboxMessage,
                handlers(context),
                backoff=settings.delivery_backoff_seconds,
                poll_seconds=settings.worker_poll_seconds,
                lease_seconds=settings.outbox_lease_seconds,
                owner=owner,
            )
            runs = RUNS.loop(
                sessions,
                owner,
                settings.run_lease_seconds,
                settings.worker_poll_seconds,
                executor.execute,
            )
            await Worker(
                "rebate worker",
                engine,
                [runs, relay.run],
                settings=settings,
                readings=READINGS,
                health_port=settings.worker_health_port,
                shutdown_seconds=settings.worker_shutdown_seconds,
            ).run()
    finally:
        await membership.aclose()
        await engine.dispose()
