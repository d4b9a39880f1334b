import enum
import uuid

from fastapi import APIRouter, status

from membership.dependencies import TransferServiceDep
from membership.members.models import TransferState
from membership.members.schemas import Decision, ReasonRequired
from membership.transfers.schemas import TransferCreate, TransferRead
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.pagination import LimitParam

router = APIRouter(prefix="/v1", tags=["transfers"], dependencies=[authenticated])

NOT_FOUND: Responses = {404: {"description": "No such transfer visible to you"}}
DECIDED: Responses = {409: {"description": "The transfer was decided already"}}


class Direction(enum.StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


@router.post(
    "/members/{member_id}/transfers",
    summary=(
        "申请转会 · "
        "Ask to move a membership to another union (by the member or a cadre of the old one)"
    ),
    status_code=status.HTTP_201_CREATED,
    response_model=TransferRead,
    responses={
        404: {"description": "No such member, or no such receiving organisation"},
        409: {"description": "The member is not active, already in that union, or it is closed"},
        422: {"description": "The receiving organisation is not a grassroots union"},
    },
)
async def request_transfer(
    member_id: uuid.UUID, transfer_in: TransferCreate, transfers: TransferServiceDep
) -> TransferRead:
    return await transfers.request(member_id, transfer_in)


@router.get(
    "/transfers",
    summary="转会列表 · Transfers into (incoming) or out of (outgoing) an organisation's sub-tree",
    response_model=list[TransferRead],
    responses={404: {"description": "No such organisation in your sub-tree"}},
)
async def list_transfers(
    org_id: uuid.UUID,
    transfers: TransferServiceDep,
    direction: Direction = Direction.INCOMING,
    state: TransferState | None = TransferState.PENDING,
    limit: LimitParam = 50,
) -> list[TransferRead]:
    return await transfers.list_for_org(org_id, direction is Direction.INCOMING, state, limit)


@router.get(
    "/transfers/{transfer_id}",
    summary="查看转会 · Read a transfer",
    response_model=TransferRead,
    responses=NOT_FOUND,
)
async def read_transfer(transfer_id: uuid.UUID, transfers: TransferServiceDep) -> TransferRead:
    return await transfers.read(transfer_id)


@router.post(
    "/transfers/{transfer_id}/approve",
    summary="批准转会（转入工会） · Approve a transfer (a cadre of the receiving union)",
    response_model=TransferRead,
    responses={
        **NOT_FOUND,
        409: {"description": "The transfer was decided already, or the union has closed"},
    },
)
async def approve_transfer(
    transfer_id: uuid.UUID, transfers: TransferServiceDep, decision: Decision | None = None
) -> TransferRead:
    reason = decision.reason if decision else None
    return await transfers.decide(transfer_id, True, reason)


@router.post(
    "/transfers/{transfer_id}/reject",
    summary="驳回转会 · Reject a transfer, with the reason (a cadre of the receiving union)",
    response_model=TransferRead,
    responses={**NOT_FOUND, **DECIDED},
)
async def reject_transfer(
    transfer_id: uuid.UUID, decision: ReasonRequired, transfers: TransferServiceDep
) -> TransferRead:
    return await transfers.decide(transfer_id, False, decision.reason)


@router.post(
    "/transfers/{transfer_id}/cancel",
    summary="撤回转会申请 · Withdraw a pending transfer (the member or a cadre of the old union)",
    response_model=TransferRead,
    responses={**NOT_FOUND, **DECIDED},
)
async def cancel_transfer(
    transfer_id: uuid.UUID, transfers: TransferServiceDep, decision: Decision | None = None
) -> TransferRead:
    reason = decision.reason if decision else None
    return await transfers.cancel(transfer_id, reason)
