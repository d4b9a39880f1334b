"""`python -m membership worker`: member imports (claimed with a lease, resumed from their
last committed chunk should a worker die) and the outbox of organisation events to their
subscribers, until SIGTERM or SIGINT (servicekit.worker). Web processes do neither."""

import asyncio

import httpx

from membership import models as _models  # noqa: F401  (every table, for foreign keys)
from membership.events.delivery import org_event_relay
from membership.imports.processing import IMPORTS, ImportProcessor
from membership.metrics import READINGS
from membership.settings import MembershipSettings
from servicekit.db import create_engine, create_sessionmaker
from servicekit.http import CallPolicy, create_http_client
from servicekit.logging import configure_logging
from servicekit.pii import PiiCipher
from servicekit.worker import Loop, Worker, owner_name


def main() -> None:
    settings = MembershipSettings()
    configure_logging(f"{settings.service_name}-worker", settings.log_level)
    asyncio.run(serve(settings))


async def serve(
    settings: MembershipSettings, transport: httpx.AsyncBaseTransport | None = None
) -> None:
    """`transport` stands in for the subscribers at the network boundary (tests)."""
    engine = create_engine(settings)
    sessions = create_sessionmaker(engine)
    pii = PiiCipher.from_settings(
        settings.pii_key.get_secret_value(), settings.pii_index_key.get_secret_value()
    )
    owner = owner_name()
    imports = ImportProcessor(sessions, pii, owner)
    loops: list[Loop] = [
        IMPORTS.loop(
            sessions,
            owner,
            settings.import_lease_seconds,
            settings.worker_poll_seconds,
            imports.execute,
        )
    ]
    # Subscribers are other services: retried, with a deadline and a circuit per host.
    outbound = create_http_client(transport=transport, policy=CallPolicy.from_settings(settings))
    if settings.org_event_subscribers:
        relay = org_event_relay(
            sessions,
            settings.org_event_subscribers,
            outbound,
            poll_seconds=settings.worker_poll_seconds,
            lease_seconds=settings.outbox_lease_seconds,
            owner=owner,
        )
        loops.append(relay.run)
    try:
        await Worker(
            "membership worker",
            engine,
            loops,
            settings=settings,
            readings=READINGS,
            health_port=settings.worker_health_port,
            shutdown_seconds=settings.worker_shutdown_seconds,
        ).run()
    finally:
        await outbound.aclose()
        await engine.dispose()
