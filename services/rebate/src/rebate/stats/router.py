import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from rebate.dependencies import StatsServiceDep
from rebate.stats.schemas import PERIOD_PATTERN, RebateStats
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1", tags=["statistics"], dependencies=[authenticated])


@router.get(
    "/stats",
    summary="返还统计 · Refunds of a sub-tree over a period range, with year-on-year growth",
    response_model=RebateStats,
    responses={
        403: {"description": "Needs admin, or a cadre with review_rebates"},
        404: {"description": "No such organisation in your sub-tree"},
        422: {"description": "A period is not YYYY-MM, or from is after to"},
        503: {"description": "The organisation register cannot be reached"},
    },
)
async def read_stats(
    stats: StatsServiceDep,
    period_from: Annotated[str, Query(alias="from", pattern=PERIOD_PATTERN)],
    period_to: Annotated[str, Query(alias="to", pattern=PERIOD_PATTERN)],
    org_id: Annotated[
        uuid.UUID | None,
        Query(description="The sub-tree to count; omitted: every case you may see"),
    ] = None,
) -> RebateStats:
    return await stats.figures(org_id, period_from, period_to)
