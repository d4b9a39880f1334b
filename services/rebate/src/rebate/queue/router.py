import uuid

from fastapi import APIRouter

from rebate.dependencies import QueueServiceDep
from rebate.queue.schemas import DismissIn, RematchIn
from rebate.runs.models import ExceptionReason
from rebate.runs.schemas import ExceptionRead
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.pagination import LimitParam

router = APIRouter(prefix="/v1/exceptions", tags=["queue"], dependencies=[authenticated])

ACTION: Responses = {
    403: {"description": "Not an admin or a rebate reviewer"},
    404: {"description": "No such entry in your sub-tree"},
    409: {"description": "The entry is closed, or not one that is matched again"},
}


@router.get(
    "",
    summary=(
        "待处理队列 · "
        "The queue: records that could not become part of a case, and bank answers that "
        "contradict what we know, with the reason; your sub-tree's (admins: all)"
    ),
    response_model=list[ExceptionRead],
)
async def list_exceptions(
    queue: QueueServiceDep,
    run_id: uuid.UUID | None = None,
    reason: ExceptionReason | None = None,
    include_resolved: bool = False,
    limit: LimitParam = 50,
) -> list[ExceptionRead]:
    rows = await queue.listing(run_id, reason, include_resolved, limit)
    return [ExceptionRead.model_validate(e) for e in rows]


@router.post(
    "/{entry_id}/rematch",
    summary=(
        "重新匹配企业待处理记录 · "
        "Match the enterprise's queued records again (after the register or the records "
        "were fixed): into a case, or kept with the new reason"
    ),
    response_model=ExceptionRead,
    responses={**ACTION, 503: {"description": "Membership cannot answer now"}},
)
async def rematch_exception(
    entry_id: uuid.UUID,
    rematch: RematchIn,
    queue: QueueServiceDep,
) -> ExceptionRead:
    return ExceptionRead.model_validate(await queue.rematch(entry_id, rematch.note))


@router.post(
    "/{entry_id}/dismiss",
    summary="关闭待处理记录 · Close an entry with the reason nothing more is owed on it",
    response_model=ExceptionRead,
    responses=ACTION,
)
async def dismiss_exception(
    entry_id: uuid.UUID,
    dismiss: DismissIn,
    queue: QueueServiceDep,
) -> ExceptionRead:
    return ExceptionRead.model_validate(await queue.dismiss(entry_id, dismiss.reason))
