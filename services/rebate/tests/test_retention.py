"""Retention deletes what has served its purpose and nothing that still matters: pending and
dead messages, recent records, and every table outside its rules stay."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from rebate.models import IdempotencyRecord, OutboxMessage, Partner, WebhookDelivery
from rebate.retention import RULES
from servicekit.outbox import DEAD, DELIVERED, PENDING
from servicekit.retention import Begin, prune

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def _savepoints(conn: AsyncConnection) -> Begin:
    # Each batch a savepoint of the test's transaction, which is rolled back afterwards.
    @asynccontextmanager
    async def begin() -> AsyncIterator[AsyncConnection]:
        async with conn.begin_nested():
            yield conn

    return begin


async def _seed(conn: AsyncConnection) -> None:
    old, recent = NOW - timedelta(days=40), NOW - timedelta(days=1)
    await conn.execute(
        insert(IdempotencyRecord),
        [
            {
                "scope": "s",
                "key": key,
                "request_hash": "h",
                "status_code": 201,
                "body": {},
                "created_at": at,
            }
            for key, at in (("old", old), ("recent", recent))
        ],
    )
    messages = [
        ("delivered-old", DELIVERED, old),
        ("delivered-recent", DELIVERED, recent),
        # Never delivered: whatever their age, still work (or an operator's) to do.
        ("pending-old", PENDING, None),
        ("dead-old", DEAD, None),
    ]
    await conn.execute(
        insert(OutboxMessage),
        [
            {
                "topic": "t",
                "message_key": key,
                "payload": {},
                "status": status,
                "attempts": 1,
                "created_at": old,
                "next_attempt_at": old,
                "delivered_at": delivered,
            }
            for key, status, delivered in messages
        ],
    )
    partner = uuid.uuid4()
    await conn.execute(
        insert(Partner).values(id=partner, name="税务局", kind="tax", region_prefixes=["35"])
    )
    await conn.execute(
        insert(WebhookDelivery),
        [
            {
                "partner_id": partner,
                "webhook_id": webhook_id,
                "event_type": "fee.recorded",
                "received_at": at,
                "body_sha256": "0" * 64,
            }
            for webhook_id, at in (("msg_old", old), ("msg_recent", recent))
        ],
    )


async def test_prune_keeps_what_still_matters(db_connection: AsyncConnection) -> None:
    await _seed(db_connection)

    deleted = await prune(_savepoints(db_connection), RULES, NOW, batch_size=1)

    assert deleted == {"idempotency_record": 1, "outbox_message": 1, "webhook_delivery": 1}
    keys = set(await db_connection.scalars(select(OutboxMessage.message_key)))
    assert keys == {"delivered-recent", "pending-old", "dead-old"}
    assert set(await db_connection.scalars(select(IdempotencyRecord.key))) == {"recent"}
    assert set(await db_connection.scalars(select(WebhookDelivery.webhook_id))) == {"msg_recent"}
    assert await db_connection.scalar(select(func.count()).select_from(Partner)) == 1
    # Again: nothing more to do.
    assert set((await prune(_savepoints(db_connection), RULES, NOW)).values()) == {0}
