from typing import Annotated, Literal

from fastapi import APIRouter, Query

from membership.dependencies import AdminPrincipal
from membership.events.admin import OutboxAdmin
from membership.events.schemas import OutboxMessageRead
from servicekit.auth import authenticated
from servicekit.db import SessionDep
from servicekit.pagination import CursorParam, LimitParam, Page, cursor_key, encode_cursor

router = APIRouter(prefix="/v1/outbox", tags=["outbox"], dependencies=[authenticated])


@router.get(
    "",
    summary=(
        "组织事件投递列表 · "
        "Organisation events to subscribers by state: pending, delivered or dead (admin)"
    ),
    response_model=Page[OutboxMessageRead],
)
async def list_outbox(
    _admin: AdminPrincipal,
    session: SessionDep,
    status: Annotated[Literal["pending", "delivered", "dead"] | None, Query()] = None,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> Page[OutboxMessageRead]:
    key = cursor_key(cursor, int)
    rows = await OutboxAdmin(session).listing(status, key[0] if key else None, limit + 1)
    items = [OutboxMessageRead.model_validate(m) for m in rows[:limit]]
    next_cursor = encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None
    return Page[OutboxMessageRead](items=items, next_cursor=next_cursor)


@router.post(
    "/{message_id}/replay",
    summary=(
        "重新投递组织事件 · "
        "Send a dead (or delivered) event again, now, with a fresh retry schedule (admin)"
    ),
    response_model=OutboxMessageRead,
    responses={404: {"description": "No such message"}},
)
async def replay_outbox_message(
    message_id: int, admin: AdminPrincipal, session: SessionDep
) -> OutboxMessageRead:
    message = await OutboxAdmin(session).replay(message_id, admin.subject)
    return OutboxMessageRead.model_validate(message)
