"""A member's own view, through their member account."""

from fastapi import APIRouter, status

from membership.cards.schemas import CardToken
from membership.dependencies import (
    CardServiceDep,
    HonourServiceDep,
    MemberServiceDep,
    TransferServiceDep,
)
from membership.honours.schemas import HonourRead
from membership.members.schemas import MemberHistory, MemberRead
from membership.transfers.schemas import TransferCreate, TransferRead
from servicekit.app import Responses
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1/me", tags=["me"], dependencies=[authenticated])

NO_MEMBERSHIP: Responses = {404: {"description": "This account has no membership record"}}


@router.get(
    "", summary="我的会籍 · My membership", response_model=MemberRead, responses=NO_MEMBERSHIP
)
async def my_membership(members: MemberServiceDep) -> MemberRead:
    return await members.read(await members.own_member_id())


@router.get(
    "/history",
    summary="我的隶属及变更 · My affiliations and changes",
    response_model=MemberHistory,
    responses=NO_MEMBERSHIP,
)
async def my_history(members: MemberServiceDep) -> MemberHistory:
    return await members.history(await members.own_member_id())


@router.post(
    "/card-token",
    summary="电子会员证二维码令牌 · A short-lived token for my e-member card's QR code",
    response_model=CardToken,
    responses={**NO_MEMBERSHIP, 409: {"description": "Not an active member"}},
)
async def my_card_token(members: MemberServiceDep, cards: CardServiceDep) -> CardToken:
    member = await members.repo.get(await members.own_member_id())
    assert member is not None
    return cards.issue(member)


@router.get(
    "/honours",
    summary="我的荣誉 · My honours",
    response_model=list[HonourRead],
    responses=NO_MEMBERSHIP,
)
async def my_honours(members: MemberServiceDep, honours: HonourServiceDep) -> list[HonourRead]:
    rows = await honours.for_member(await members.own_member_id())
    return [HonourRead.model_validate(h) for h in rows]


@router.post(
    "/transfers",
    summary="申请本人转会 · Ask to move my membership to another union",
    status_code=status.HTTP_201_CREATED,
    response_model=TransferRead,
    responses={**NO_MEMBERSHIP, 409: {"description": "Not active, or already in that union"}},
)
async def request_my_transfer(
    transfer_in: TransferCreate, members: MemberServiceDep, transfers: TransferServiceDep
) -> TransferRead:
    transfer = await transfers.request(await members.own_member_id(), transfer_in)
    return TransferRead.model_validate(transfer)
