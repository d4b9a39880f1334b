"""Deliveries that fail are retried on the backoff schedule, dead-lettered after the last try,
listed for operators and replayed by them."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.models import AuditEvent
from rebate.models import OutboxMessage
from servicekit.outbox import DEAD, DELIVERED, PENDING


async def the_message(session: AsyncSession) -> OutboxMessage:
    message = await session.scalar(select(OutboxMessage).execution_options(populate_existing=True))
    assert message is not None
    return message


async def test_failed_deliveries_retry_then_dead_letter_then_replay(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    deliver: Any,
    partners_fake: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()
    schedule = app.state.settings.delivery_backoff_seconds
    partners_fake.status_code = 503

    await deliver()
    message = await the_message(session)
    assert (message.status, message.attempts) == (PENDING, 1)
    assert message.last_error is not None
    assert "503" in message.last_error
    wait = message.next_attempt_at - datetime.now(UTC)
    assert timedelta(seconds=schedule[0] - 5) < wait <= timedelta(seconds=schedule[0])

    for _ in schedule:
        await deliver()
    message = await the_message(session)
    assert (message.status, message.attempts) == (DEAD, len(schedule) + 1)
    assert len(partners_fake.deliveries) == len(schedule) + 1
    outcomes = await session.scalars(
        select(AuditEvent.detail["outcome"].astext).where(
            AuditEvent.case_id == case.id, AuditEvent.kind == "payout.delivery"
        )
    )
    assert set(outcomes) == {"answered 503"}

    dead = await client.get("/v1/outbox", params={"status": "dead"}, headers=auth("admin"))
    assert [m["message_key"] for m in dead.json()["items"]] == [message.message_key]
    assert dead.json()["items"][0]["payload"].keys() == {"payout_id"}
    assert (await client.get("/v1/outbox", headers=auth("cadre"))).status_code == 403

    replayed = await client.post(f"/v1/outbox/{message.id}/replay", headers=auth("admin"))
    assert replayed.status_code == 200, replayed.text
    assert (replayed.json()["status"], replayed.json()["attempts"]) == (PENDING, 0)
    partners_fake.status_code = 200
    assert await deliver() == 1
    assert (await the_message(session)).status == DELIVERED
    delivered = await client.get(
        "/v1/outbox", params={"status": "delivered"}, headers=auth("admin")
    )
    assert [m["id"] for m in delivered.json()["items"]] == [message.id]
    keys = {r.headers["webhook-id"] for r in partners_fake.deliveries}
    assert keys == {message.message_key}


async def test_a_replayed_instruction_for_a_settled_payout_is_not_sent_again(
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    bank_callback: Any,
    deliver: Any,
    partners_fake: Any,
    session: AsyncSession,
) -> None:
    await make_case()
    await deliver()
    message = await the_message(session)
    await bank_callback("payout.paid", message.message_key)
    replayed = await client.post(f"/v1/outbox/{message.id}/replay", headers=auth("admin"))
    assert replayed.status_code == 200
    partners_fake.deliveries.clear()
    await deliver()
    assert [str(r.url) for r in partners_fake.deliveries] == ["https://tax.example/hooks"]


async def test_outbox_listing_pages_and_unknown_messages(
    client: httpx.AsyncClient, auth: Any, bank: Any, make_case: Any
) -> None:
    for serial in (1, 2, 3):
        await make_case(serial)
    first = await client.get("/v1/outbox", params={"limit": 2}, headers=auth("admin"))
    page = first.json()
    assert len(page["items"]) == 2
    assert page["next_cursor"]
    rest = await client.get(
        "/v1/outbox", params={"limit": 2, "cursor": page["next_cursor"]}, headers=auth("admin")
    )
    assert len(rest.json()["items"]) == 1
    assert rest.json()["next_cursor"] is None
    missing = await client.post("/v1/outbox/999999/replay", headers=auth("admin"))
    assert missing.status_code == 404
