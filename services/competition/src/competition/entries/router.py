import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, status
from fastapi.responses import JSONResponse

from competition.dependencies import EntryServiceDep
from competition.entries.models import Entry, EntryStatus
from competition.entries.schemas import (
    BatchApproval,
    BatchApprovalResult,
    BatchResult,
    EntryRead,
    MemberBatchCreate,
    MemberEntryCreate,
    Reason,
    ReasonRequired,
    StudentEntryCreate,
    TeamEntryCreate,
)
from competition.entries.service import EntryService
from competition.idempotency import idempotent
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.pagination import CursorParam, LimitParam, Page, cursor_key, encode_cursor

router = APIRouter(prefix="/v1", tags=["entries"], dependencies=[authenticated])

IdempotencyKey = Annotated[
    str | None, Header(description="Optional; a retry with the same key answers the first result")
]
REGISTRATION: Responses = {
    404: {"description": "No such event, member or delegation in your sight"},
    409: {"description": "Registration is closed, or already entered"},
    422: {"description": "Not eligible for this event or group"},
}
ENTRY_404: Responses = {404: {"description": "No such entry in your sight"}}
STATE_409: Responses = {409: {"description": "Not possible in the entry's current state"}}


def _location(entry: dict[str, Any]) -> dict[str, str]:
    return {"Location": f"/v1/entries/{entry['id']}"}


async def _one(entries: EntryService, entry: Entry) -> EntryRead:
    return (await entries.reads([entry]))[0]


@router.post(
    "/events/{event_id}/entries",
    summary=(
        "会员报名个人项目 · "
        "Enter a union member in an individual event (themselves, delegation, organisers)"
    ),
    status_code=status.HTTP_201_CREATED,
    response_model=EntryRead,
    responses=REGISTRATION,
)
async def enter_member(
    event_id: uuid.UUID,
    entry_in: MemberEntryCreate,
    entries: EntryServiceDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def run() -> EntryRead:
        return await _one(entries, await entries.register_member(event_id, entry_in))

    return await idempotent(
        entries.repo.session,
        key=idempotency_key,
        scope=f"{entries.access.actor}:entries:{event_id}",
        request=entry_in,
        run=run,
        status_code=status.HTTP_201_CREATED,
        headers=_location,
    )


@router.post(
    "/events/{event_id}/entries/batch",
    summary="批量报名 · Enter up to 1,000 members at once; each refused number says why",
    status_code=status.HTTP_201_CREATED,
    response_model=BatchResult,
    responses=REGISTRATION,
)
async def enter_members(
    event_id: uuid.UUID,
    batch: MemberBatchCreate,
    entries: EntryServiceDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def run() -> BatchResult:
        created, refused = await entries.register_members(event_id, batch)
        return BatchResult(entered=await entries.reads(created), refused=refused)

    return await idempotent(
        entries.repo.session,
        key=idempotency_key,
        scope=f"{entries.access.actor}:entries-batch:{event_id}",
        request=batch,
        run=run,
        status_code=status.HTTP_201_CREATED,
    )


@router.post(
    "/events/{event_id}/student-entries",
    summary="学生报名 · Enter a student (not a union member) with their school (organisers)",
    status_code=status.HTTP_201_CREATED,
    response_model=EntryRead,
    responses=REGISTRATION,
)
async def enter_student(
    event_id: uuid.UUID,
    entry_in: StudentEntryCreate,
    entries: EntryServiceDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def run() -> EntryRead:
        return await _one(entries, await entries.register_student(event_id, entry_in))

    return await idempotent(
        entries.repo.session,
        key=idempotency_key,
        scope=f"{entries.access.actor}:student-entries:{event_id}",
        request=entry_in,
        run=run,
        status_code=status.HTTP_201_CREATED,
        headers=_location,
    )


@router.post(
    "/events/{event_id}/team-entries",
    summary=(
        "代表队报名团体项目 · Enter a team sent by an organisation (a delegation) in a team event"
    ),
    status_code=status.HTTP_201_CREATED,
    response_model=EntryRead,
    responses=REGISTRATION,
)
async def enter_team(
    event_id: uuid.UUID,
    entry_in: TeamEntryCreate,
    entries: EntryServiceDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def run() -> EntryRead:
        return await _one(entries, await entries.register_team(event_id, entry_in))

    return await idempotent(
        entries.repo.session,
        key=idempotency_key,
        scope=f"{entries.access.actor}:team-entries:{event_id}",
        request=entry_in,
        run=run,
        status_code=status.HTTP_201_CREATED,
        headers=_location,
    )


@router.get(
    "/competitions/{competition_id}/entries",
    summary="报名列表 · Entries by code: all for organisers, a delegation's own for its cadres",
    response_model=Page[EntryRead],
    responses={404: {"description": "No such competition in your sight"}},
)
async def list_entries(
    competition_id: uuid.UUID,
    entries: EntryServiceDep,
    event_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
    state: EntryStatus | None = None,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> Page[EntryRead]:
    after = cursor_key(cursor, str, uuid.UUID)
    rows = await entries.page(competition_id, event_id, group_id, state, after, limit + 1)
    last = rows[limit - 1] if len(rows) > limit else None
    next_cursor = encode_cursor([last.code, str(last.id)]) if last else None
    return Page[EntryRead](items=await entries.reads(rows[:limit]), next_cursor=next_cursor)


@router.get(
    "/entries/{entry_id}",
    summary="查看报名 · Read an entry",
    response_model=EntryRead,
    responses=ENTRY_404,
)
async def read_entry(entry_id: uuid.UUID, entries: EntryServiceDep) -> EntryRead:
    return await _one(entries, await entries.read(entry_id))


@router.post(
    "/entries/{entry_id}/approve",
    summary=(
        "审核通过报名 · Approve a pending entry (organisers, before the event's first stage starts)"
    ),
    response_model=EntryRead,
    responses={**ENTRY_404, **STATE_409},
)
async def approve_entry(
    entry_id: uuid.UUID, entries: EntryServiceDep, decision: Reason | None = None
) -> EntryRead:
    entry = await entries.approve(entry_id, decision.reason if decision else None)
    return await _one(entries, entry)


@router.post(
    "/competitions/{competition_id}/entries/approve",
    summary="批量审核通过报名 · Approve many pending entries at once (organisers)",
    response_model=BatchApprovalResult,
    responses={404: {"description": "No such competition in your sight"}},
)
async def approve_entries(
    competition_id: uuid.UUID, approval: BatchApproval, entries: EntryServiceDep
) -> BatchApprovalResult:
    approved, unchanged = await entries.approve_many(
        competition_id, approval.entry_ids, approval.reason
    )
    return BatchApprovalResult(approved=approved, unchanged=unchanged)


@router.post(
    "/entries/{entry_id}/reject",
    summary="驳回报名 · Reject a pending entry, with the reason",
    response_model=EntryRead,
    responses={**ENTRY_404, **STATE_409},
)
async def reject_entry(
    entry_id: uuid.UUID, decision: ReasonRequired, entries: EntryServiceDep
) -> EntryRead:
    return await _one(entries, await entries.reject(entry_id, decision.reason))


@router.post(
    "/entries/{entry_id}/withdraw",
    summary="撤回报名 · Withdraw an entry (the entrant, their delegation or the organisers)",
    response_model=EntryRead,
    responses={**ENTRY_404, **STATE_409},
)
async def withdraw_entry(
    entry_id: uuid.UUID, decision: ReasonRequired, entries: EntryServiceDep
) -> EntryRead:
    return await _one(entries, await entries.withdraw(entry_id, decision.reason))


@router.get(
    "/me/entries",
    summary="会员本人的参赛记录 · A member's own entries, newest first",
    response_model=list[EntryRead],
)
async def my_entries(entries: EntryServiceDep) -> list[EntryRead]:
    return await entries.reads(await entries.mine())
