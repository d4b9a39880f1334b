import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Response

from competition.dependencies import ScoringServiceDep
from competition.entries.models import Entry
from competition.scoring.models import ScoreSheet
from competition.scoring.schemas import (
    JudgeStageDetail,
    JudgeStageRead,
    ScoreChangeRead,
    SheetAuditRead,
    SheetIn,
    SheetRead,
)
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.concurrency import etag

router = APIRouter(prefix="/v1", dependencies=[authenticated])

IfMatch = Annotated[str | None, Header(description="ETag of the sheet you read")]
SEAT_404: Responses = {404: {"description": "Not on this stage's panel, or no such code assigned"}}


def _sheet(sheet: ScoreSheet, entry: Entry, response: Response) -> SheetRead:
    response.headers["ETag"] = etag(sheet.version)
    return SheetRead(
        stage_id=sheet.stage_id,
        entry_code=entry.code,
        marks=sheet.marks,
        total=sheet.total,
        status=sheet.status,
        submitted_at=sheet.submitted_at,
        updated_at=sheet.updated_at,
    )


@router.get(
    "/judging/stages",
    summary="我的评审阶段 · The stages whose panel you sit on, with your progress",
    tags=["judging"],
    response_model=list[JudgeStageRead],
)
async def my_stages(scoring: ScoringServiceDep) -> list[JudgeStageRead]:
    return await scoring.my_stages()


@router.get(
    "/judging/stages/{stage_id}",
    summary=(
        "评委所评阶段：评分细则与匿名作品 · "
        "A stage you judge: the rubric and your entries, by blind code"
    ),
    tags=["judging"],
    response_model=JudgeStageDetail,
    responses=SEAT_404,
)
async def judge_stage(stage_id: uuid.UUID, scoring: ScoringServiceDep) -> JudgeStageDetail:
    return await scoring.stage(stage_id)


@router.get(
    "/judging/stages/{stage_id}/sheets/{entry_code}",
    summary="我的评分表 · Your score sheet for an entry",
    tags=["judging"],
    response_model=SheetRead,
    responses=SEAT_404,
)
async def read_sheet(
    stage_id: uuid.UUID, entry_code: str, scoring: ScoringServiceDep, response: Response
) -> SheetRead:
    sheet, entry = await scoring.read_sheet(stage_id, entry_code)
    return _sheet(sheet, entry, response)


@router.put(
    "/judging/stages/{stage_id}/sheets/{entry_code}",
    summary=(
        "为作品评分（草稿或提交） · "
        "Mark an entry (draft or submit); changes need If-Match, submitted ones a reason"
    ),
    tags=["judging"],
    response_model=SheetRead,
    responses={
        **SEAT_404,
        409: {"description": "Scores are locked in this stage's state"},
        412: {"description": "The sheet changed since you read it"},
        428: {"description": "If-Match is required to change a sheet"},
    },
)
async def write_sheet(
    stage_id: uuid.UUID,
    entry_code: str,
    sheet_in: SheetIn,
    scoring: ScoringServiceDep,
    response: Response,
    if_match: IfMatch = None,
) -> SheetRead:
    sheet, entry = await scoring.write_sheet(stage_id, entry_code, sheet_in, if_match)
    return _sheet(sheet, entry, response)


@router.get(
    "/stages/{stage_id}/entries/{entry_id}/sheets",
    summary="作品的全部评分表 · Every judge's sheet for an entry (organisers)",
    tags=["scores"],
    response_model=list[SheetAuditRead],
    responses={404: {"description": "No such stage in your sight"}},
)
async def entry_sheets(
    stage_id: uuid.UUID, entry_id: uuid.UUID, scoring: ScoringServiceDep
) -> list[SheetAuditRead]:
    return await scoring.sheets_of(stage_id, entry_id)


@router.get(
    "/sheets/{sheet_id}/history",
    summary="评分表修改记录 · Every change of a sheet: before, after, who, when, why (organisers)",
    tags=["scores"],
    response_model=list[ScoreChangeRead],
    responses={404: {"description": "No such sheet in your sight"}},
)
async def sheet_history(sheet_id: uuid.UUID, scoring: ScoringServiceDep) -> list[ScoreChangeRead]:
    return [ScoreChangeRead.model_validate(c) for c in await scoring.history(sheet_id)]
