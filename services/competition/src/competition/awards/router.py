import uuid

from fastapi import APIRouter

from competition.awards.schemas import AwardRead, FinalisationRead, HonourGrantRead
from competition.dependencies import AwardServiceDep
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1", tags=["awards and honours"], dependencies=[authenticated])


@router.post(
    "/competitions/{competition_id}/finalise",
    summary=(
        "竞赛结项并授予荣誉 · "
        "Finalise: prizes of the closed finals become awards, honours go to membership"
    ),
    response_model=FinalisationRead,
    responses={
        404: {"description": "No such competition in your sight"},
        409: {"description": "A final is not closed yet, or already finalised"},
    },
)
async def finalise(competition_id: uuid.UUID, awards: AwardServiceDep) -> FinalisationRead:
    return await awards.finalise(competition_id)


@router.get(
    "/competitions/{competition_id}/awards",
    summary=(
        "奖项、荣誉及发送情况 · Awards, the honours they brought and their delivery (organisers)"
    ),
    response_model=list[AwardRead],
    responses={404: {"description": "No such competition in your sight"}},
)
async def list_awards(
    competition_id: uuid.UUID, awards: AwardServiceDep, event_id: uuid.UUID | None = None
) -> list[AwardRead]:
    return await awards.awards(competition_id, event_id)


@router.post(
    "/honour-grants/{grant_id}/retry",
    summary="重新发送荣誉 · Send a dead-lettered honour to membership again",
    response_model=HonourGrantRead,
    responses={
        404: {"description": "No such honour grant in your sight"},
        409: {"description": "A demo honour, never sent"},
    },
)
async def retry_grant(grant_id: uuid.UUID, awards: AwardServiceDep) -> HonourGrantRead:
    return await awards.retry(grant_id)
