"""`python -m competition worker`: sends honours to membership from the outbox, until SIGTERM
or SIGINT (servicekit.worker). Web processes send nothing themselves."""

import asyncio

import httpx

from competition import models as _models  # noqa: F401  (every table, for the mapper registry)
from competition.awards.delivery import honour_relay
from competition.clients.membership import create_membership_client
from competition.metrics import READINGS
from competition.settings import CompetitionSettings
from servicekit.db import create_engine, create_sessionmaker
from servicekit.http import CallPolicy
from servicekit.logging import configure_logging
from servicekit.worker import Worker, owner_name


def main() -> None:
    settings = CompetitionSettings()
    configure_logging(f"{settings.service_name}-worker", settings.log_level)
    asyncio.run(serve(settings))


async def serve(
    settings: CompetitionSettings, transport: httpx.AsyncBaseTransport | None = None
) -> None:
    """`transport` stands in for membership at the network boundary (tests)."""
    engine = create_engine(settings)
    membership = create_membership_client(
        settings.membership_url,
        settings.membership_client_id,
        settings.membership_client_secret.get_secret_value(),
        transport=transport,
        policy=CallPolicy.from_settings(settings),
    )
    relay = honour_relay(
        create_sessionmaker(engine),
        membership,
        poll_seconds=settings.worker_poll_seconds,
        lease_seconds=settings.outbox_lease_seconds,
        owner=owner_name(),
    )
    try:
        await Worker(
            "competition worker",
            engine,
            [relay.run],
            settings=settings,
            readings=READINGS,
            health_port=settings.worker_health_port,
            shutdown_seconds=settings.worker_shutdown_seconds,
        ).run()
    finally:
        await membership.aclose()
        await engine.dispose()
