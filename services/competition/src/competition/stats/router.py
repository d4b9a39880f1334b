import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from competition.dependencies import StatsServiceDep
from competition.stats.schemas import ParticipationStats
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1/stats", tags=["statistics"], dependencies=[authenticated])


@router.get(
    "/participation",
    summary=(
        "年度参赛统计 · Participation per year in an organisation's sub-tree (default: your scope)"
    ),
    response_model=ParticipationStats,
    responses={404: {"description": "No such organisation in your sub-tree"}},
)
async def participation(
    stats: StatsServiceDep,
    org_id: uuid.UUID | None = None,
    year_from: Annotated[int, Query(ge=2000, le=2100)] = 2000,
    year_to: Annotated[int, Query(ge=2000, le=2100)] = 2100,
) -> ParticipationStats:
    return await stats.participation(org_id, year_from, year_to)
