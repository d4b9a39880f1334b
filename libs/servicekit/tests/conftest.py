import uuid
from collections.abc import AsyncIterator
from datetime import datetime

import asyncpg
import pytest
from sqlalchemy import DateTime, String, Uuid, func
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


class Job(KitBase):
    """A queue of long work, as a rebate run or a member import is (servicekit.worker)."""

    __tablename__ = "job"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


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


@pytest.fixture
def job_model() -> type[Job]:
    return Job
