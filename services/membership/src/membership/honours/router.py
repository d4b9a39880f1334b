import uuid

from fastapi import APIRouter, Response, status

from membership.dependencies import HonourServiceDep
from membership.honours.schemas import HonourCreate, HonourRead
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1", tags=["honours"], dependencies=[authenticated])


@router.post(
    "/honours",
    summary=(
        "授予荣誉 · Grant an honour (a cadre, or the competition service); idempotent on source_ref"
    ),
    status_code=status.HTTP_201_CREATED,
    response_model=HonourRead,
    responses={
        200: {"description": "Granted before under this source_ref; nothing changed"},
        404: {"description": "No such member in your sub-tree"},
        409: {"description": "The source_ref was used for another honour"},
    },
)
async def grant_honour(
    honour_in: HonourCreate, honours: HonourServiceDep, response: Response
) -> HonourRead:
    honour, created = await honours.grant(honour_in)
    if not created:
        response.status_code = status.HTTP_200_OK
    return HonourRead.model_validate(honour)


@router.get(
    "/members/{member_id}/honours",
    summary="会员荣誉列表 · A member's honours, newest first",
    response_model=list[HonourRead],
    responses={404: {"description": "No such member in your sub-tree"}},
)
async def member_honours(member_id: uuid.UUID, honours: HonourServiceDep) -> list[HonourRead]:
    return [HonourRead.model_validate(h) for h in await honours.for_member(member_id)]
