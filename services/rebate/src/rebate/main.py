import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from rebate import models as _models  # noqa: F401  (every table, for the mapper registry)
from rebate.applications import router as applications
from rebate.audit import router as audit
from rebate.audit.checkpoints import CheckpointSigner, keep_checkpointing
from rebate.cases import router as cases
from rebate.clients.membership import create_membership_client
from rebate.fees import router as fees
from rebate.ledger import router as ledger
from rebate.metrics import READINGS
from rebate.partners import router as partners
from rebate.payouts import router as payouts
from rebate.policies import router as policies
from rebate.queue import router as queue
from rebate.reconciliation import router as reconciliation
from rebate.runs import router as runs
from rebate.settings import RebateSettings
from rebate.stats import router as stats
from rebate.webhook_docs import document_webhooks
from servicekit.app import create_service_app
from servicekit.outbound_urls import (
    Resolver,
    UrlGuard,
    UrlPolicy,
    create_outbound_client,
    system_resolver,
)
from servicekit.pii import PiiCipher

VERSION = "0.1.0"


@asynccontextmanager
async def delivery_state(
    app: FastAPI,
    settings: RebateSettings,
    outbound_transport: httpx.AsyncBaseTransport | None,
    resolver: Resolver,
) -> AsyncIterator[None]:
    """What partner deliveries read from `app.state` (rebate.payouts.delivery): the PII cipher, the
    URL guard and the outbound client. The web app has them for partners' settings and for
    tests that deliver through it; the worker (rebate.runs.worker) delivers with them."""
    app.state.settings = settings
    app.state.pii = PiiCipher.from_settings(
        settings.pii_key.get_secret_value(), settings.pii_index_key.get_secret_value()
    )
    # Partners choose where our deliveries go: every request is checked and pinned to
    # the address that passed (servicekit.outbound_urls).
    app.state.url_guard = UrlGuard(
        UrlPolicy.build(
            allow_http=settings.allows_plain_http,
            allowed_networks=settings.outbound_allowed_networks,
        ),
        resolver,
    )
    app.state.outbound = create_outbound_client(
        app.state.url_guard,
        timeout=httpx.Timeout(settings.delivery_timeout_seconds),
        transport=outbound_transport,
    )
    try:
        yield
    finally:
        await app.state.outbound.aclose()


def create_app(
    settings: RebateSettings | None = None,
    *,
    membership_transport: httpx.AsyncBaseTransport | None = None,
    outbound_transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver = system_resolver,
) -> FastAPI:
    """`membership_transport` / `outbound_transport` / `resolver` let tests stand in for other
    services, partners and DNS at the network boundary."""
    settings = settings or RebateSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        membership = create_membership_client(settings, membership_transport)
        app.state.audit_signer = CheckpointSigner.from_settings(
            settings.audit_signing_key.get_secret_value(), settings.audit_retired_public_keys
        )
        app.state.membership = membership
        stop = asyncio.Event()
        checkpoint_task = asyncio.create_task(
            keep_checkpointing(
                app.state.sessionmaker,
                app.state.audit_signer,
                settings.audit_checkpoint_interval_seconds,
                stop,
            )
            if settings.audit_checkpoint_writer
            else stop.wait()
        )
        try:
            async with delivery_state(app, settings, outbound_transport, resolver):
                yield
        finally:
            stop.set()
            await checkpoint_task
            await membership.aclose()

    app = create_service_app(
        settings,
        title="gonghui rebate",
        description=(
            "Union-fee rebates for small and micro enterprises: fee records from tax partners, "
            "policies, rebate cases, reviews, payouts and the ledger."
        ),
        version=VERSION,
        # Routes are matched in order, router by router: the partners' webhooks first.
        routers=[
            fees.webhook_router,
            payouts.webhook_router,
            partners.router,
            fees.router,
            policies.router,
            runs.router,
            applications.router,
            queue.router,
            cases.router,
            ledger.router,
            audit.router,
            payouts.router,
            payouts.outbox_router,
            stats.router,
            reconciliation.router,
        ],
        extra_lifespan=lifespan,
        metrics_readings=READINGS,
    )
    document_webhooks(app)
    return app
