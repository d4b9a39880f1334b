"""Idempotency keys: replay, reuse with another body, and a replay while in flight."""

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from servicekit.idempotency import (
    Idempotency,
    IdempotencyInFlightError,
    IdempotencyKeyReusedError,
    request_hash,
)


async def test_first_answer_is_replayed_and_other_bodies_refused(
    kit_engine: AsyncEngine, idempotency_model: Any
) -> None:
    record = idempotency_model
    maker = async_sessionmaker(kit_engine, expire_on_commit=False)
    body = {"case_id": "c-1", "amount": "100.00"}
    async with maker() as session, session.begin():
        keys = Idempotency(session, record)
        assert await keys.begin("partner-1", "k-replay", request_hash(body)) is None
        await keys.finish("partner-1", "k-replay", request_hash(body), 201, {"id": "p-1"})
    async with maker() as session, session.begin():
        keys = Idempotency(session, record)
        answer = await keys.begin("partner-1", "k-replay", request_hash(body))
        assert answer is not None
        assert (answer.status_code, answer.body) == (201, {"id": "p-1"})
        with pytest.raises(IdempotencyKeyReusedError):
            await keys.begin("partner-1", "k-replay", request_hash({**body, "amount": "999.00"}))
    async with maker() as session, session.begin():
        # Keys are per caller: another partner may use the same string.
        assert await Idempotency(session, record).begin("partner-2", "k-replay", "h") is None


async def test_replay_while_first_is_running_is_409(
    kit_engine: AsyncEngine, idempotency_model: Any
) -> None:
    record = idempotency_model
    maker = async_sessionmaker(kit_engine, expire_on_commit=False)
    async with maker() as first, first.begin():
        assert await Idempotency(first, record).begin("p", "k-busy", "h") is None
        async with maker() as second, second.begin():
            with pytest.raises(IdempotencyInFlightError):
                await Idempotency(second, record).begin("p", "k-busy", "h")
