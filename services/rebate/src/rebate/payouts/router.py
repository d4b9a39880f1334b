import hashlib
import uuid
from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Query, Request
from pydantic import ValidationError

from rebate.dependencies import (
    AdminPrincipal,
    CaseServiceDep,
    OutboxAdminDep,
    PartnerServiceDep,
    PayoutServiceDep,
)
from rebate.partners.models import PartnerKind
from rebate.payouts.errors import InvalidCallbackError
from rebate.payouts.schemas import BankCallback, CallbackResult, OutboxMessageRead, PayoutRead
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.openapi import raw_json_body
from servicekit.pagination import CursorParam, LimitParam, Page, cursor_key, encode_cursor

router = APIRouter(prefix="/v1/cases", tags=["payouts"], dependencies=[authenticated])
# Signed by the bank, verified here: no access token at all.
webhook_router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
outbox_router = APIRouter(prefix="/v1/outbox", tags=["outbox"], dependencies=[authenticated])

SIGNATURE_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")
CASE_NOT_FOUND: Responses = {404: {"description": "No such case visible to you"}}


@webhook_router.post(
    "/bank/{partner_id}",
    summary=(
        "银行对付款指令的回执 · "
        "A bank's answer to a payout instruction (Standard Webhooks signature, no token)"
    ),
    openapi_extra=raw_json_body("BankCallback"),
    response_model=CallbackResult,
    responses={
        401: {"description": "The signature does not verify; nothing changed"},
        422: {"description": "Not a payout callback"},
        503: {"description": "The next destination cannot be resolved now; send it again"},
    },
)
async def receive_bank_callback(
    partner_id: uuid.UUID,
    request: Request,
    partners: PartnerServiceDep,
    payouts: PayoutServiceDep,
) -> CallbackResult:
    body = await request.body()
    headers = {name: request.headers.get(name, "") for name in SIGNATURE_HEADERS}
    partner, webhook_id = await partners.verify(
        partner_id, PartnerKind.BANK, headers, body, settling=True
    )
    try:
        callback = BankCallback.model_validate(orjson.loads(body))
    except (orjson.JSONDecodeError, ValidationError) as exc:
        raise InvalidCallbackError(
            'The body must be {"type": "payout.paid"|"payout.failed", "timestamp": ..., '
            f'"data": {{"idempotency_key": ...}}}}: {str(exc).splitlines()[0]}'
        ) from None
    return await payouts.receive(partner.id, webhook_id, hashlib.sha256(body).hexdigest(), callback)


@router.get(
    "/{case_id}/payouts",
    summary="案件的付款记录（账号脱敏） · A case's payouts, oldest first; account numbers masked",
    response_model=list[PayoutRead],
    responses=CASE_NOT_FOUND,
)
async def list_case_payouts(
    case_id: uuid.UUID, cases: CaseServiceDep, payouts: PayoutServiceDep
) -> list[PayoutRead]:
    # At most one payout per destination and approval: a short list, not paginated.
    case = await cases.visible(case_id)
    return [PayoutRead.model_validate(p) for p in await payouts.payouts(case)]


@router.post(
    "/{case_id}/payouts",
    summary=(
        "下达付款指令 · "
        "Instruct an approved case that waits for a bank partner or membership (admin)"
    ),
    response_model=list[PayoutRead],
    responses={
        **CASE_NOT_FOUND,
        409: {
            "description": "The case is not approved and waiting, or the bank its policy's "
            "rule names is inactive (named-bank-inactive)"
        },
    },
)
async def instruct_waiting_case(
    case_id: uuid.UUID, admin: AdminPrincipal, cases: CaseServiceDep, payouts: PayoutServiceDep
) -> list[PayoutRead]:
    case = await cases.visible(case_id, lock=True)
    await payouts.retry(case, admin.subject)
    return [PayoutRead.model_validate(p) for p in await payouts.payouts(case)]


@outbox_router.get(
    "",
    summary="出站投递列表 · Outbound deliveries by state: pending, delivered or dead (admin)",
    response_model=Page[OutboxMessageRead],
)
async def list_outbox(
    _admin: AdminPrincipal,
    outbox: OutboxAdminDep,
    status: Annotated[Literal["pending", "delivered", "dead"] | None, Query()] = None,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> Page[OutboxMessageRead]:
    key = cursor_key(cursor, int)
    after = key[0] if key else None
    rows = await outbox.listing(status, after, limit + 1)
    items = [OutboxMessageRead.model_validate(m) for m in rows[:limit]]
    next_cursor = encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None
    return Page[OutboxMessageRead](items=items, next_cursor=next_cursor)


@outbox_router.post(
    "/{message_id}/replay",
    summary=(
        "重新投递消息 · "
        "Send a dead (or delivered) message again, now, with a fresh retry schedule (admin)"
    ),
    response_model=OutboxMessageRead,
    responses={404: {"description": "No such message"}},
)
async def replay_outbox_message(
    message_id: int, admin: AdminPrincipal, outbox: OutboxAdminDep
) -> OutboxMessageRead:
    message = await outbox.replay(message_id, admin.subject)
    return OutboxMessageRead.model_validate(message)
