import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from membership.dependencies import LookupServiceDep, MemberServiceDep, PhoneOnRecordDep
from membership.members.models import MemberState
from membership.members.schemas import (
    Decision,
    MemberBatchLookup,
    MemberBatchResult,
    MemberHistory,
    MemberRead,
    MemberRegister,
    PhoneUpdate,
    ReasonRequired,
)
from membership.members.service import JoinOutcome
from membership.people.schemas import PersonLookup
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.pagination import CursorParam, LimitParam, Page, cursor_key, encode_cursor

router = APIRouter(prefix="/v1", tags=["members"], dependencies=[authenticated])

NOT_FOUND: Responses = {404: {"description": "No such member in your sub-tree"}}
CONFLICT: Responses = {409: {"description": "Not possible in the member's current state"}}


@router.post(
    "/members",
    summary=(
        "服务站登记 · Register a person at a service point (active member or service recipient)"
    ),
    status_code=status.HTTP_201_CREATED,
    response_model=MemberRead,
    responses={
        200: {"description": "Already registered here; nothing changed", "model": MemberRead},
        **NOT_FOUND,
        409: {"description": "Registered with another union (ask for a transfer)"},
    },
)
async def register_member(
    register: MemberRegister, members: MemberServiceDep, response: Response
) -> MemberRead:
    member, outcome = await members.register(register.person, register.org_id, register.state)
    if outcome is JoinOutcome.UNCHANGED:
        response.status_code = status.HTTP_200_OK
    response.headers["Location"] = f"/v1/members/{member.id}"
    return member


@router.get(
    "/members",
    summary="会员列表 · Members of an organisation's sub-tree; state=applied is the approval queue",
    response_model=Page[MemberRead],
    responses={404: {"description": "No such organisation in your sub-tree"}},
)
async def list_members(
    members: MemberServiceDep,
    org_id: uuid.UUID,
    state: Annotated[list[MemberState] | None, Query()] = None,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> Page[MemberRead]:
    after = cursor_key(cursor, str, uuid.UUID)
    rows = await members.list_in_subtree(org_id, state, after, limit + 1)
    next_cursor = (
        encode_cursor([rows[limit - 1].membership_no, str(rows[limit - 1].id)])
        if len(rows) > limit
        else None
    )
    return Page[MemberRead](items=rows[:limit], next_cursor=next_cursor)


@router.post(
    "/members/lookup",
    summary=(
        "按身份证号查找会员 · "
        "Find a member by resident ID number (sent in the body, never in the URL)"
    ),
    response_model=MemberRead,
    responses=NOT_FOUND,
)
async def lookup_member(lookup: PersonLookup, members: LookupServiceDep) -> MemberRead:
    return await members.by_id_number(lookup.id_number)


@router.post(
    "/members/batch-lookup",
    summary=(
        "按会员号批量查询会员（服务间调用） · "
        "Up to 1,000 members by membership number, for other services"
    ),
    response_model=MemberBatchResult,
)
async def batch_lookup(lookup: MemberBatchLookup, members: MemberServiceDep) -> MemberBatchResult:
    return await members.batch(lookup.membership_nos)


@router.get(
    "/members/{member_id}",
    summary="查看会籍 · Read a membership",
    response_model=MemberRead,
    responses=NOT_FOUND,
)
async def read_member(member_id: uuid.UUID, members: MemberServiceDep) -> MemberRead:
    return await members.read(member_id)


@router.get(
    "/members/{member_id}/history",
    summary="会员隶属及变更记录 · Dated affiliations and every recorded change, oldest first",
    response_model=MemberHistory,
    responses=NOT_FOUND,
)
async def member_history(member_id: uuid.UUID, members: MemberServiceDep) -> MemberHistory:
    return await members.history(member_id)


@router.put(
    "/members/{member_id}/phone",
    summary=(
        "登记手机号 · Set the phone on record, where sign-in codes go (after seeing the person)"
    ),
    response_model=MemberRead,
    responses=NOT_FOUND,
)
async def set_phone(
    member_id: uuid.UUID, phone_in: PhoneUpdate, phones: PhoneOnRecordDep
) -> MemberRead:
    return await phones.set(member_id, phone_in.phone)


@router.post(
    "/members/{member_id}/approve",
    summary="审批通过入会申请 · Approve a pending application",
    response_model=MemberRead,
    responses={**NOT_FOUND, **CONFLICT},
)
async def approve(
    member_id: uuid.UUID, members: MemberServiceDep, decision: Decision | None = None
) -> MemberRead:
    return await members.decide(member_id, True, decision.reason if decision else None)


@router.post(
    "/members/{member_id}/reject",
    summary="驳回入会申请 · Reject a pending application, with the reason",
    response_model=MemberRead,
    responses={**NOT_FOUND, **CONFLICT},
)
async def reject(
    member_id: uuid.UUID, decision: ReasonRequired, members: MemberServiceDep
) -> MemberRead:
    return await members.decide(member_id, False, decision.reason)


@router.post(
    "/members/{member_id}/suspend",
    summary="暂停会籍 · Suspend a membership",
    response_model=MemberRead,
    responses={**NOT_FOUND, **CONFLICT},
)
async def suspend(
    member_id: uuid.UUID, change: ReasonRequired, members: MemberServiceDep
) -> MemberRead:
    return await members.change_state(member_id, MemberState.SUSPENDED, "suspended", change.reason)


@router.post(
    "/members/{member_id}/reinstate",
    summary="恢复会籍 · Reinstate a suspended membership",
    response_model=MemberRead,
    responses={**NOT_FOUND, **CONFLICT},
)
async def reinstate(
    member_id: uuid.UUID, change: ReasonRequired, members: MemberServiceDep
) -> MemberRead:
    return await members.change_state(member_id, MemberState.ACTIVE, "reinstated", change.reason)


@router.post(
    "/members/{member_id}/withdraw",
    summary="登记退会 · Record that a member left the union",
    response_model=MemberRead,
    responses={**NOT_FOUND, **CONFLICT},
)
async def withdraw(
    member_id: uuid.UUID, change: ReasonRequired, members: MemberServiceDep
) -> MemberRead:
    return await members.change_state(member_id, MemberState.WITHDRAWN, "withdrawn", change.reason)
