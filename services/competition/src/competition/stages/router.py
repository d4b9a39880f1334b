import uuid

from fastapi import APIRouter

from competition.contests.models import Stage
from competition.dependencies import StageServiceDep
from competition.stages.schemas import (
    AttendanceIn,
    RankingSummary,
    ResultRead,
    ReviewIn,
    StageEntryRead,
    StageProgress,
    StageStateRead,
    TieDecisionIn,
    TieDecisionRead,
)
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.pagination import CursorParam, LimitParam, Page, cursor_key, encode_cursor

router = APIRouter(prefix="/v1", tags=["stages and results"], dependencies=[authenticated])

STAGE_404: Responses = {404: {"description": "No such stage in your sight"}}
STATE_409: Responses = {409: {"description": "Not possible in the stage's current state"}}


def stage_read(stage: Stage) -> StageStateRead:
    return StageStateRead.model_validate(stage)


@router.post(
    "/stages/{stage_id}/start",
    summary=(
        "开始阶段比赛 · Start a stage: approved entries (first stage) or the advancing ones compete"
    ),
    response_model=StageStateRead,
    responses={**STAGE_404, **STATE_409},
)
async def start_stage(stage_id: uuid.UUID, stages: StageServiceDep) -> StageStateRead:
    return stage_read(await stages.start(stage_id))


@router.get(
    "/stages/{stage_id}/entries",
    summary="阶段参赛名单及到场情况 · The entries of a stage with their attendance, by code",
    response_model=list[StageEntryRead],
    responses=STAGE_404,
)
async def stage_entries(stage_id: uuid.UUID, stages: StageServiceDep) -> list[StageEntryRead]:
    return await stages.entries(stage_id)


@router.put(
    "/stages/{stage_id}/entries/{entry_id}/attendance",
    summary="登记缺赛 · Record a no-show (缺赛), or that the entrant turned up after all",
    response_model=StageEntryRead,
    responses={**STAGE_404, **STATE_409},
)
async def set_attendance(
    stage_id: uuid.UUID, entry_id: uuid.UUID, attendance_in: AttendanceIn, stages: StageServiceDep
) -> StageEntryRead:
    return await stages.attendance(stage_id, entry_id, attendance_in.attendance)


@router.get(
    "/stages/{stage_id}/progress",
    summary="评分进度 · How far scoring has come",
    response_model=StageProgress,
    responses=STAGE_404,
)
async def stage_progress(stage_id: uuid.UUID, stages: StageServiceDep) -> StageProgress:
    return await stages.progress(stage_id)


@router.post(
    "/stages/{stage_id}/rank",
    summary="计算排名 · Rank every group of the stage (again); results stay embargoed",
    response_model=RankingSummary,
    responses={**STAGE_404, 409: {"description": "Scoring incomplete, or the wrong state"}},
)
async def rank_stage(stage_id: uuid.UUID, stages: StageServiceDep) -> RankingSummary:
    return await stages.rank(stage_id)


@router.post(
    "/stages/{stage_id}/reopen",
    summary=(
        "退回评分（公示前） · Back to scoring before publication, discarding the computed results"
    ),
    response_model=StageStateRead,
    responses={**STAGE_404, **STATE_409},
)
async def reopen_stage(stage_id: uuid.UUID, stages: StageServiceDep) -> StageStateRead:
    return stage_read(await stages.reopen(stage_id))


@router.get(
    "/stages/{stage_id}/results",
    summary=(
        "阶段成绩（实名） · The stage's results with names, by rank (organisers; embargoed or not)"
    ),
    response_model=Page[ResultRead],
    responses=STAGE_404,
)
async def stage_results(
    stage_id: uuid.UUID,
    stages: StageServiceDep,
    group_id: uuid.UUID | None = None,
    flagged: bool | None = None,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> Page[ResultRead]:
    after = cursor_key(cursor, int, str)
    rows = await stages.results(stage_id, group_id, flagged, after, limit + 1)
    last = rows[limit - 1] if len(rows) > limit else None
    next_cursor = encode_cursor([last.rank, last.entry_code]) if last else None
    return Page[ResultRead](items=rows[:limit], next_cursor=next_cursor)


@router.get(
    "/stages/{stage_id}/decisions",
    summary="晋级线并列 · Ties across an advancement boundary that no rule broke",
    response_model=list[TieDecisionRead],
    responses=STAGE_404,
)
async def list_decisions(stage_id: uuid.UUID, stages: StageServiceDep) -> list[TieDecisionRead]:
    return await stages.decisions(stage_id)


@router.post(
    "/decisions/{decision_id}",
    summary="裁定并列晋级 · Decide which of the tied entries advance",
    response_model=TieDecisionRead,
    responses={404: {"description": "No such decision in your sight"}, **STATE_409},
)
async def decide_tie(
    decision_id: uuid.UUID, decision_in: TieDecisionIn, stages: StageServiceDep
) -> TieDecisionRead:
    return await stages.decide(decision_id, decision_in)


@router.post(
    "/stages/{stage_id}/entries/{entry_id}/review",
    summary="确认评委分差 · Let a flagged spread between judges stand, with a note",
    response_model=ResultRead,
    responses={**STAGE_404, **STATE_409},
)
async def clear_review(
    stage_id: uuid.UUID, entry_id: uuid.UUID, review: ReviewIn, stages: StageServiceDep
) -> ResultRead:
    return await stages.clear_review(stage_id, entry_id, review.note)


@router.post(
    "/stages/{stage_id}/publish",
    summary="发布结果并开始公示 · Publish the results: the public notice period (公示) starts",
    response_model=StageStateRead,
    responses={**STAGE_404, 409: {"description": "Ties or flagged entries await a decision"}},
)
async def publish_stage(stage_id: uuid.UUID, stages: StageServiceDep) -> StageStateRead:
    return stage_read(await stages.publish(stage_id))


@router.post(
    "/stages/{stage_id}/close",
    summary=(
        "公示期满结束阶段 · "
        "Close the stage after its notice period: results final, the next stage can start"
    ),
    response_model=StageStateRead,
    responses={**STAGE_404, 409: {"description": "Notice period running, or objections open"}},
)
async def close_stage(stage_id: uuid.UUID, stages: StageServiceDep) -> StageStateRead:
    return stage_read(await stages.close(stage_id))
