"""Public routes: no token (the gateway lets /competition/v1/public/* through)."""

import uuid
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, Request, Response

from competition.public.repository import LeaderboardReader, PublicRepository
from competition.public.schemas import PublicCompetition, PublicLeaderboard
from competition.public.service import Leaderboards, PublicResults
from servicekit.db import SessionDep
from servicekit.pagination import CursorParam, LimitParam, cursor_key

router = APIRouter(prefix="/v1/public", tags=["public results"])


async def _public(session: SessionDep) -> PublicResults:
    return PublicResults(PublicRepository(session))


PublicDep = Annotated[PublicResults, Depends(_public)]


async def _leaderboards(request: Request) -> Leaderboards:
    # No session: a page is one read on a pooled connection (public/repository.py).
    return Leaderboards(LeaderboardReader(request.app.state.reads))


LeaderboardsDep = Annotated[Leaderboards, Depends(_leaderboards)]


@router.get(
    "/competitions/{competition_id}",
    summary=(
        "竞赛已发布的项目、组别与阶段（公开） · "
        "A competition's published events, groups and stages (no token needed)"
    ),
    response_model=PublicCompetition,
    responses={404: {"description": "Nothing published for this competition"}},
)
async def public_competition(competition_id: uuid.UUID, public: PublicDep) -> PublicCompetition:
    return await public.competition(competition_id)


@router.get(
    "/events/{event_id}/leaderboard",
    summary=(
        "排行榜（公开） · "
        "Leaderboard of an event and group, names and organisations masked (no token)"
    ),
    response_model=PublicLeaderboard,
    responses={404: {"description": "Nothing published for this event and group"}},
)
async def leaderboard(
    event_id: uuid.UUID,
    boards: LeaderboardsDep,
    group_id: uuid.UUID | None = None,
    stage_id: uuid.UUID | None = None,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> Response:
    after = cursor_key(cursor, int, int)
    page = await boards.page(event_id, group_id, stage_id, after, limit)
    # orjson bytes straight out (benchmarked: bench/competition_bench.py); the schema above
    # still documents the shape. `default=str`: asyncpg's own UUID type.
    body = orjson.dumps(page, default=str, option=orjson.OPT_UTC_Z)
    return Response(body, media_type="application/json")
