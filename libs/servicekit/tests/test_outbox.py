"""The outbox relay delivers, retries on its schedule, dead-letters, and replays; relays in
several processes share one table without delivering a message twice."""

import asyncio
from typing import Any

import pytest
from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from servicekit.outbox import (
    DEAD,
    DELIVERED,
    PENDING,
    OutboxRelay,
    RefusedForGood,
    new_message,
    replay,
)


class Outbox:
    """The test table and helpers to enqueue and read it."""

    def __init__(self, sessions: async_sessionmaker[Any], model: Any) -> None:
        self.sessions = sessions
        self.model = model

    async def enqueue(self, topic: str, key: str) -> int:
        async with self.sessions() as session, session.begin():
            message = new_message(self.model, topic, {"amount": "2469.12"}, key)
            session.add(message)
            await session.flush()
            return int(message.id)

    async def read(self, message_id: int) -> Any:
        async with self.sessions() as session:
            return await session.get(self.model, message_id)

    def relay(self, handlers: dict[str, Any], **options: Any) -> OutboxRelay:
        return OutboxRelay(self.sessions, self.model, handlers, **options)


@pytest.fixture
async def outbox(kit_engine: AsyncEngine, outbox_model: Any) -> Outbox:
    sessions = async_sessionmaker(kit_engine, expire_on_commit=False)
    async with sessions() as session, session.begin():
        await session.execute(delete(outbox_model))
    return Outbox(sessions, outbox_model)


async def test_delivers_once_with_the_stable_key(outbox: Outbox) -> None:
    seen: list[tuple[dict[str, Any], str]] = []

    async def handler(payload: dict[str, Any], key: str) -> None:
        seen.append((payload, key))

    message_id = await outbox.enqueue("payout.instructed", "payout:1")
    relay = outbox.relay({"payout.instructed": handler})
    assert await relay.deliver_due() == 1
    assert await relay.deliver_due() == 0
    assert seen == [({"amount": "2469.12"}, "payout:1")]
    assert (await outbox.read(message_id)).status == DELIVERED


async def test_failures_retry_on_schedule_then_dead_letter_then_replay(outbox: Outbox) -> None:
    calls = 0

    async def failing(payload: dict[str, Any], key: str) -> None:
        nonlocal calls
        calls += 1
        raise ConnectionError("bank unreachable")

    message_id = await outbox.enqueue("payout.instructed", "payout:2")
    relay = outbox.relay({"payout.instructed": failing}, backoff=(0, 3600))
    await relay.deliver_due()
    first = await outbox.read(message_id)
    assert (first.status, first.attempts) == (PENDING, 1)
    assert "bank unreachable" in first.last_error
    await relay.deliver_due()  # the second attempt; the third waits an hour
    assert await relay.deliver_due() == 0
    assert (await outbox.read(message_id)).attempts == 2

    async with outbox.sessions() as session, session.begin():
        stored = await session.get(outbox.model, message_id)
        stored.next_attempt_at = stored.created_at
    await relay.deliver_due()
    dead = await outbox.read(message_id)
    assert (dead.status, dead.attempts, calls) == (DEAD, 3, 3)

    async with outbox.sessions() as session, session.begin():
        await replay(session, outbox.model, message_id)
    assert (await outbox.read(message_id)).status == PENDING


async def test_a_message_refused_for_good_is_dead_lettered_at_once(outbox: Outbox) -> None:
    async def refusing(payload: dict[str, Any], key: str) -> None:
        raise RefusedForGood("membership answered 404: no such member")

    message_id = await outbox.enqueue("honour.granted", "honour:1")
    await outbox.relay({"honour.granted": refusing}, backoff=(0, 0, 0)).deliver_due()
    dead = await outbox.read(message_id)
    assert (dead.status, dead.attempts) == (DEAD, 1)
    assert "no such member" in dead.last_error


async def test_unknown_topic_is_retried_not_lost(outbox: Outbox) -> None:
    message_id = await outbox.enqueue("nobody.listens", "x:1")
    await outbox.relay({}).deliver_due()
    message = await outbox.read(message_id)
    assert message.status == PENDING
    assert "no handler" in message.last_error


async def test_two_relays_over_one_table_deliver_each_message_once(outbox: Outbox) -> None:
    """Two relays (two worker processes) poll the same table at once, each delivering slowly
    outside any transaction: neither may send what the other has claimed."""
    sent: list[str] = []

    async def slow(payload: dict[str, Any], key: str) -> None:
        await asyncio.sleep(0.01)
        sent.append(key)

    for n in range(60):
        await outbox.enqueue("payout.instructed", f"payout:{n}")
    first, second = (
        outbox.relay({"payout.instructed": slow}, batch=7, owner=name) for name in ("a", "b")
    )

    async def drain(relay: OutboxRelay) -> int:
        total = 0
        while tried := await relay.deliver_due():
            total += tried
        return total

    counts = await asyncio.gather(drain(first), drain(second))
    assert sorted(sent) == sorted(f"payout:{n}" for n in range(60))
    assert sum(counts) == 60
    assert all(counts), counts  # both took part


async def test_a_claim_is_not_taken_while_its_lease_lasts_and_is_after(outbox: Outbox) -> None:
    """A relay that claimed a batch and died (never recorded an outcome): no other relay sends
    the message while the lease lasts; once it has run out, another sends it."""
    sent: list[str] = []

    async def handler(payload: dict[str, Any], key: str) -> None:
        sent.append(key)

    message_id = await outbox.enqueue("payout.instructed", "payout:dead")
    dead = outbox.relay({"payout.instructed": handler}, lease_seconds=0.5, owner="dead")
    assert [c.message_key for c in await dead.claim()] == ["payout:dead"]
    alive = outbox.relay({"payout.instructed": handler}, owner="alive")
    assert await alive.deliver_due() == 0
    await asyncio.sleep(0.6)
    assert await alive.deliver_due() == 1
    assert sent == ["payout:dead"]
    delivered = await outbox.read(message_id)
    assert (delivered.status, delivered.attempts, delivered.claimed_by) == (DELIVERED, 2, None)


async def test_a_relay_whose_lease_lapsed_does_not_overwrite_the_new_holder(
    outbox: Outbox,
) -> None:
    """The outcome is written by the claim's holder only: a relay that stalled past its
    lease finds the message another's and leaves it alone."""

    async def refusing(payload: dict[str, Any], key: str) -> None:
        raise RefusedForGood("would dead-letter")

    message_id = await outbox.enqueue("payout.instructed", "payout:stale")
    stale = outbox.relay({"payout.instructed": refusing}, lease_seconds=0.2, owner="stale")
    [claimed] = await stale.claim()
    await asyncio.sleep(0.3)
    fresh = outbox.relay({"payout.instructed": refusing}, owner="fresh")
    [_] = await fresh.claim()
    await stale._record(claimed, RefusedForGood("late"))
    message = await outbox.read(message_id)
    assert (message.status, message.claimed_by) == (PENDING, "fresh")


async def test_delivery_holds_no_transaction_open(outbox: Outbox, kit_engine: AsyncEngine) -> None:
    """While a receiver takes its time, the message row is not locked: another transaction
    can lock it at once."""
    await outbox.enqueue("payout.instructed", "payout:slow")
    locked_meanwhile: list[int] = []

    async def slow(payload: dict[str, Any], key: str) -> None:
        async with kit_engine.connect() as conn:
            await conn.execute(text("SET LOCAL lock_timeout = '200ms'"))
            rows = await conn.execute(text("SELECT id FROM kit.outbox_message FOR UPDATE NOWAIT"))
            locked_meanwhile.extend(r[0] for r in rows)

    await outbox.relay({"payout.instructed": slow}).deliver_due()
    assert len(locked_meanwhile) == 1
