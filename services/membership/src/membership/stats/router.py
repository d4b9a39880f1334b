import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from membership.dependencies import StatsServiceDep
from membership.stats.schemas import OrgStats
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1", tags=["statistics"], dependencies=[authenticated])

MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


@router.get(
    "/orgs/{org_id}/stats",
    summary=(
        "组织与会员统计 · "
        "Organisations, members, new-form members and joins per month of a sub-tree"
    ),
    response_model=OrgStats,
    responses={404: {"description": "No such organisation in your sub-tree"}},
)
async def org_stats(
    org_id: uuid.UUID,
    stats: StatsServiceDep,
    from_month: Annotated[str | None, Query(pattern=MONTH, examples=["2026-01"])] = None,
    to_month: Annotated[str | None, Query(pattern=MONTH, examples=["2026-12"])] = None,
) -> OrgStats:
    this_month = datetime.now(UTC).strftime("%Y-%m")
    last = to_month or this_month
    first = from_month or f"{int(last[:4]) - 1}{last[4:]}"
    return await stats.for_subtree(org_id, first, last)
