"""GET and HEAD read without BEGIN and COMMIT; a write in them is refused, while an unsafe
request keeps its one transaction."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from servicekit.db import (
    ReadOnlySessionError,
    SessionDep,
    create_read_sessionmaker,
    create_sessionmaker,
)
from servicekit.outbox import OutboxMessageMixin, new_message
from servicekit.reads import pooled_reads

TOPIC = "read-session-test"


@pytest.fixture
async def client(
    kit_engine: AsyncEngine, outbox_model: type[OutboxMessageMixin]
) -> AsyncIterator[httpx.AsyncClient]:
    model: Any = outbox_model
    app = FastAPI()
    app.state.sessionmaker = create_sessionmaker(kit_engine)
    app.state.read_sessionmaker = create_read_sessionmaker(kit_engine)

    @app.get("/snapshots")
    async def snapshots(session: SessionDep) -> dict[str, bool]:
        first = await session.scalar(text("SELECT now()"))
        await asyncio.sleep(0.01)
        second = await session.scalar(text("SELECT now()"))
        # now() is the start of the transaction: it moves only between transactions.
        return {"one_transaction": first == second}

    @app.api_route("/add", methods=["GET", "POST"])
    async def add(session: SessionDep) -> dict[str, int]:
        session.add(new_message(model, TOPIC, {}))
        await session.flush()
        return {"count": await count(session)}

    @app.get("/update")
    async def touch(session: SessionDep) -> None:
        await session.execute(update(model).values(attempts=99))

    async def count(session: SessionDep) -> int:
        query = select(func.count()).where(model.topic == TOPIC)
        return int(await session.scalar(query) or 0)

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kit.test") as http:
        yield http
    async with kit_engine.begin() as connection:
        await connection.execute(delete(model).where(model.topic == TOPIC))


async def test_a_get_runs_without_a_transaction_around_its_reads(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get("/snapshots")).json() == {"one_transaction": False}
    assert (await client.post("/snapshots")).status_code == 405


async def test_a_get_that_writes_is_refused_and_stores_nothing(
    client: httpx.AsyncClient, kit_engine: AsyncEngine, outbox_model: Any
) -> None:
    with pytest.raises(ReadOnlySessionError):
        await client.get("/add")
    with pytest.raises(ReadOnlySessionError):
        await client.get("/update")

    async with kit_engine.connect() as connection:
        query = select(func.count()).where(outbox_model.topic == TOPIC)
        assert await connection.scalar(query) == 0


async def test_a_post_keeps_its_one_transaction(client: httpx.AsyncClient) -> None:
    assert (await client.post("/add")).json() == {"count": 1}
    assert (await client.post("/add")).json() == {"count": 2}


@pytest.mark.parametrize("transaction_pooler", [False, True])
async def test_pooled_reads_keep_a_transaction_only_behind_a_transaction_pooler(
    kit_engine: AsyncEngine, transaction_pooler: bool
) -> None:
    reads = pooled_reads(kit_engine, transaction_pooler=transaction_pooler)
    async with reads() as connection:
        assert connection.is_in_transaction() is transaction_pooler
        assert await connection.fetchval("SELECT 1") == 1
