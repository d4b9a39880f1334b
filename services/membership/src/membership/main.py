import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from membership.cards import router as cards
from membership.enterprises import router as enterprises
from membership.events import router as outbox
from membership.events.delivery import org_event_relay
from membership.honours import router as honours
from membership.identity import router as identity
from membership.identity.keys import load_signing_keys
from membership.imports import router as imports
from membership.joining import router as joining
from membership.me import router as me
from membership.members import router as members
from membership.orgs import router as orgs
from membership.serving import router as serving
from membership.settings import MembershipSettings
from membership.sms.senders import create_sms_sender
from membership.stats import router as stats
from membership.transfers import router as transfers
from servicekit.app import create_service_app
from servicekit.http import CallPolicy, create_http_client
from servicekit.pii import PiiCipher

VERSION = "0.1.0"


def create_app(settings: MembershipSettings | None = None) -> FastAPI:
    settings = settings or MembershipSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        keys = load_signing_keys(settings)
        app.state.signing_keys = keys
        app.state.pii = PiiCipher.from_settings(
            settings.pii_key.get_secret_value(), settings.pii_index_key.get_secret_value()
        )
        # Membership verifies its own tokens with the keys it holds; no JWKS round trip.
        app.state.token_verifier.set_keys(keys.verification_keys())
        app.state.sms_sender = create_sms_sender(settings)
        # Subscribers are other services: retried, with a deadline and a circuit per host.
        outbound = create_http_client(policy=CallPolicy.from_settings(settings))
        stop = asyncio.Event()
        relay_task = None
        if settings.outbox_relay_enabled and settings.org_event_subscribers:
            relay = org_event_relay(
                app.state.sessionmaker,
                settings.org_event_subscribers,
                outbound,
                poll_seconds=settings.outbox_poll_seconds,
            )
            relay_task = asyncio.create_task(relay.run(stop), name="org-event-relay")
        try:
            yield
        finally:
            stop.set()
            if relay_task is not None:
                with contextlib.suppress(asyncio.CancelledError):
                    await relay_task
            await outbound.aclose()
            await app.state.sms_sender.aclose()

    return create_service_app(
        settings,
        title="gonghui membership",
        description="Union organisations, enterprises, people, memberships, cards, honours; "
        "staff accounts and access tokens.",
        version=VERSION,
        # Routes are matched in order, router by router: the busiest first (tokens, look-ups
        # by other services and cadres, statistics, a member's own pages).
        routers=[
            identity.public_router,
            members.router,
            stats.router,
            me.router,
            cards.public_router,
            identity.router,
            orgs.router,
            enterprises.router,
            joining.router,
            joining.public_router,
            imports.router,
            transfers.router,
            honours.router,
            serving.router,
            outbox.router,
        ],
        extra_lifespan=lifespan,
    )
