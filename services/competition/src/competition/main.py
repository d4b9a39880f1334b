from fastapi import FastAPI

from competition.settings import CompetitionSettings
from servicekit.app import create_service_app

VERSION = "0.1.0"


def create_app(settings: CompetitionSettings | None = None) -> FastAPI:
    return create_service_app(
        settings or CompetitionSettings(),
        title="gonghui competition",
        description=(
            "Labour and skills competitions: events, groups, stages, entries, judges, "
            "scores, rankings, awards and honours."
        ),
        version=VERSION,
        routers=[],
    )
