import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from competition.dependencies import JudgingServiceDep
from competition.judging.schemas import (
    AssignmentPlanRead,
    AssignmentRead,
    ConflictCreate,
    ConflictRead,
    JudgeCreate,
    JudgeRead,
    OwnConflictCreate,
    PanelIn,
)
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.pagination import CursorParam, LimitParam, Page, cursor_key, encode_cursor

router = APIRouter(prefix="/v1", tags=["judges"], dependencies=[authenticated])

STAGE_404: Responses = {404: {"description": "No such stage in your sight"}}
JUDGE_404: Responses = {404: {"description": "No such judge in your sight"}}
STATE_409: Responses = {409: {"description": "Not possible in the stage's current state"}}


@router.post(
    "/competitions/{competition_id}/judges",
    summary="添加评委 · Add a judge by username: a membership account with the judge permission",
    status_code=status.HTTP_201_CREATED,
    response_model=JudgeRead,
    responses={
        404: {"description": "No such competition in your sight"},
        422: {"description": "No active account with the judge permission has this username"},
        **STATE_409,
    },
)
async def add_judge(
    competition_id: uuid.UUID, judge_in: JudgeCreate, judging: JudgingServiceDep
) -> JudgeRead:
    return JudgeRead.model_validate(await judging.add_judge(competition_id, judge_in))


@router.get(
    "/competitions/{competition_id}/judges",
    summary="评委列表 · The judges of a competition, or the one with a username",
    response_model=list[JudgeRead],
    responses={404: {"description": "No such competition in your sight"}},
)
async def list_judges(
    competition_id: uuid.UUID,
    judging: JudgingServiceDep,
    username: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
) -> list[JudgeRead]:
    return [JudgeRead.model_validate(j) for j in await judging.judges(competition_id, username)]


@router.get(
    "/stages/{stage_id}/panel",
    summary="阶段评委名单 · The judges on a stage's panel",
    response_model=list[JudgeRead],
    responses=STAGE_404,
)
async def read_panel(stage_id: uuid.UUID, judging: JudgingServiceDep) -> list[JudgeRead]:
    return [JudgeRead.model_validate(j) for j in await judging.panel(stage_id)]


@router.post(
    "/stages/{stage_id}/panel",
    summary="安排阶段评委 · Seat judges of the competition on a stage's panel",
    response_model=list[JudgeRead],
    responses={**STAGE_404, **STATE_409},
)
async def seat_judges(
    stage_id: uuid.UUID, panel_in: PanelIn, judging: JudgingServiceDep
) -> list[JudgeRead]:
    return [JudgeRead.model_validate(j) for j in await judging.seat(stage_id, panel_in.judge_ids)]


@router.delete(
    "/stages/{stage_id}/panel/{judge_id}",
    summary="撤换阶段评委 · Take a judge who has not scored yet off a stage's panel",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**STAGE_404, 409: {"description": "The judge has scored in this stage"}},
)
async def unseat_judge(
    stage_id: uuid.UUID, judge_id: uuid.UUID, judging: JudgingServiceDep
) -> Response:
    await judging.unseat(stage_id, judge_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/judges/{judge_id}/conflicts",
    summary="登记利益冲突 · Record a declared conflict of interest; the judge leaves the entry",
    status_code=status.HTTP_201_CREATED,
    response_model=ConflictRead,
    responses={**JUDGE_404, 409: {"description": "The judge's marks are in computed results"}},
)
async def declare_conflict(
    judge_id: uuid.UUID, conflict_in: ConflictCreate, judging: JudgingServiceDep
) -> ConflictRead:
    return ConflictRead.model_validate(await judging.declare(judge_id, conflict_in))


@router.get(
    "/judges/{judge_id}/conflicts",
    summary="评委已申报的利益冲突 · A judge's declared conflicts",
    response_model=list[ConflictRead],
    responses=JUDGE_404,
)
async def list_conflicts(judge_id: uuid.UUID, judging: JudgingServiceDep) -> list[ConflictRead]:
    return [ConflictRead.model_validate(c) for c in await judging.conflicts(judge_id)]


@router.post(
    "/judging/competitions/{competition_id}/conflicts",
    summary=(
        "评委申报与参赛作品的利益冲突 · "
        "A judge declares a conflict with an entry they recognise by its code"
    ),
    status_code=status.HTTP_201_CREATED,
    response_model=ConflictRead,
    tags=["judging"],
    responses={404: {"description": "You do not judge this competition, or no such code"}},
)
async def declare_own_conflict(
    competition_id: uuid.UUID, conflict_in: OwnConflictCreate, judging: JudgingServiceDep
) -> ConflictRead:
    return ConflictRead.model_validate(await judging.declare_own(competition_id, conflict_in))


@router.post(
    "/stages/{stage_id}/assignments/auto",
    summary=(
        "为参赛作品分配评委 · "
        "Assign judges to every competing entry, respecting conflicts; re-runs top up"
    ),
    response_model=AssignmentPlanRead,
    responses={**STAGE_404, **STATE_409},
)
async def auto_assign(stage_id: uuid.UUID, judging: JudgingServiceDep) -> AssignmentPlanRead:
    return await judging.auto_assign(stage_id)


@router.get(
    "/stages/{stage_id}/assignments",
    summary="评分分配 · Who scores which entry in a stage, by entry code",
    response_model=Page[AssignmentRead],
    responses=STAGE_404,
)
async def list_assignments(
    stage_id: uuid.UUID,
    judging: JudgingServiceDep,
    judge_id: uuid.UUID | None = None,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> Page[AssignmentRead]:
    after = cursor_key(cursor, str, uuid.UUID)
    rows = await judging.assignments(stage_id, judge_id, after, limit + 1)
    items = [
        AssignmentRead(entry_id=e, entry_code=c, judge_id=j, judge_name=n)
        for e, c, j, n in rows[:limit]
    ]
    last = rows[limit - 1] if len(rows) > limit else None
    next_cursor = encode_cursor([last[1], str(last[2])]) if last else None
    return Page[AssignmentRead](items=items, next_cursor=next_cursor)
