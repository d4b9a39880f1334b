import uuid

from fastapi import APIRouter, status

from competition.appeals.schemas import (
    ObjectionCreate,
    ObjectionDecision,
    ObjectionRead,
    RescoreApply,
    RescoreOutcome,
    RescorePreview,
)
from competition.dependencies import AppealServiceDep
from servicekit.app import Responses
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1", tags=["objections and rescores"], dependencies=[authenticated])

STAGE_404: Responses = {404: {"description": "No such stage in your sight"}}
OBJECTION_404: Responses = {404: {"description": "No such objection in your sight"}}


@router.post(
    "/stages/{stage_id}/objections",
    summary="公示期内提出异议 · Lodge an objection while the stage's results are on public notice",
    status_code=status.HTTP_201_CREATED,
    response_model=ObjectionRead,
    responses={
        **STAGE_404,
        403: {"description": "Object for your own entry or your delegation's"},
        409: {"description": "Not within the notice period"},
    },
)
async def lodge_objection(
    stage_id: uuid.UUID, objection_in: ObjectionCreate, appeals: AppealServiceDep
) -> ObjectionRead:
    return ObjectionRead.model_validate(await appeals.lodge(stage_id, objection_in))


@router.get(
    "/stages/{stage_id}/objections",
    summary="阶段异议列表 · A stage's objections: all for organisers, your own otherwise",
    response_model=list[ObjectionRead],
    responses=STAGE_404,
)
async def list_objections(stage_id: uuid.UUID, appeals: AppealServiceDep) -> list[ObjectionRead]:
    return [ObjectionRead.model_validate(o) for o in await appeals.objections(stage_id)]


@router.get(
    "/objections/{objection_id}",
    summary="查看异议 · Read an objection",
    response_model=ObjectionRead,
    responses=OBJECTION_404,
)
async def read_objection(objection_id: uuid.UUID, appeals: AppealServiceDep) -> ObjectionRead:
    objection, _, _ = await appeals.objection(objection_id)
    return ObjectionRead.model_validate(objection)


@router.post(
    "/objections/{objection_id}/uphold",
    summary=(
        "支持异议并重新评分 · "
        "Uphold an objection: the stage goes to rescoring, its published results stand"
    ),
    response_model=ObjectionRead,
    responses={**OBJECTION_404, 409: {"description": "Already decided"}},
)
async def uphold_objection(
    objection_id: uuid.UUID, decision: ObjectionDecision, appeals: AppealServiceDep
) -> ObjectionRead:
    return ObjectionRead.model_validate(await appeals.decide(objection_id, True, decision.note))


@router.post(
    "/objections/{objection_id}/dismiss",
    summary="驳回异议 · Dismiss an objection, with the reasons",
    response_model=ObjectionRead,
    responses={**OBJECTION_404, 409: {"description": "Already decided"}},
)
async def dismiss_objection(
    objection_id: uuid.UUID, decision: ObjectionDecision, appeals: AppealServiceDep
) -> ObjectionRead:
    return ObjectionRead.model_validate(await appeals.decide(objection_id, False, decision.note))


@router.get(
    "/stages/{stage_id}/rescore/preview",
    summary="重新评分预览 · Every rank, score, advancement and prize the rescore would change",
    response_model=RescorePreview,
    responses={**STAGE_404, 409: {"description": "The stage is not being rescored"}},
)
async def preview_rescore(stage_id: uuid.UUID, appeals: AppealServiceDep) -> RescorePreview:
    return await appeals.preview(stage_id)


@router.post(
    "/stages/{stage_id}/rescore/apply",
    summary=(
        "执行重新评分并重新公示 · "
        "Apply the previewed rescore; the corrected results go on notice again"
    ),
    response_model=RescoreOutcome,
    responses={
        **STAGE_404,
        409: {"description": "Changed since the preview, sheets missing, or the wrong state"},
    },
)
async def apply_rescore(
    stage_id: uuid.UUID, rescore: RescoreApply, appeals: AppealServiceDep
) -> RescoreOutcome:
    return await appeals.apply(stage_id, rescore.fingerprint)
