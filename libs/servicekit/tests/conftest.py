from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from servicekit.db import service_metadata
from servicekit.idempotency import IdempotencyRecordMixin
from servicekit.outbox import OutboxMessageMixin
from servicekit.testing.plugin import to_asyncpg_url, with_database, worker_id


class KitBase(DeclarativeBase):
    metadata = service_metadata("kit")


class OutboxMessage(OutboxMessageMixin, KitBase):
    __tablename__ = "outbox_message"


class IdempotencyRecord(IdempotencyRecordMixin, KitBase):
    __tablename__ = "idempotency_record"


@pytest.fixture(scope="session")
async def kit_engine(postgres_admin_url: str) -> AsyncIterator[AsyncEngine]:
    """A database with the plumbing tables, for servicekit's own tests."""
    name = f"test_servicekit_{worker_id()}"
    admin = await asyncpg.connect(postgres_admin_url)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    conn = await asyncpg.connect(with_database(postgres_admin_url, name))
    await conn.execute("CREATE SCHEMA kit")
    await conn.close()
    engine = create_async_engine(to_asyncpg_url(postgres_admin_url, name))
    async with engine.begin() as connection:
        await connection.run_sync(KitBase.metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture
def outbox_model() -> type[OutboxMessage]:
    return OutboxMessage


@pytest.fixture
def idempotency_model() -> type[IdempotencyRecord]:
    return IdempotencyRecord
