from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from competition import models as _models  # noqa: F401  (every table, for the mapper registry)
from competition.appeals import router as appeals
from competition.awards import router as awards
from competition.clients.membership import create_membership_client
from competition.contests import router as contests
from competition.entries import router as entries
from competition.judging import router as judging
from competition.metrics import READINGS
from competition.orgsync import router as orgsync
from competition.public import router as public
from competition.scoring import router as scoring
from competition.settings import CompetitionSettings
from competition.stages import router as stages
from competition.stats import router as stats
from servicekit.app import create_service_app
from servicekit.http import CallPolicy

VERSION = "0.1.0"


def create_app(
    settings: CompetitionSettings | None = None,
    membership_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """`membership_transport` replaces the network under the membership client (tests)."""
    settings = settings or CompetitionSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        membership = create_membership_client(
            settings.membership_url,
            settings.membership_client_id,
            settings.membership_client_secret.get_secret_value(),
            transport=membership_transport,
            policy=CallPolicy.from_settings(settings),
        )
        app.state.membership = membership
        try:
            yield
        finally:
            await membership.aclose()

    return create_service_app(
        settings,
        title="gonghui competition",
        description=(
            "Labour and skills competitions: events, groups, stages, entries, judges, "
            "scores, rankings, awards and honours."
        ),
        version=VERSION,
        # Routes are matched in order, router by router: the public pages, the hot path of
        # a results day, first.
        routers=[
            public.router,
            contests.router,
            entries.router,
            judging.router,
            scoring.router,
            stages.router,
            appeals.router,
            awards.router,
            stats.router,
            orgsync.router,
        ],
        extra_lifespan=lifespan,
        metrics_readings=READINGS,
    )
