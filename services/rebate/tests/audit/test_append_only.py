"""Defect 12: the audit chain, its checkpoints and the ledger are append-only, enforced by the
database. The service's role, set up as deployments set it up (it owns the schema and runs the
migrations), keeps INSERT and SELECT only; a trigger refuses UPDATE, DELETE and TRUNCATE from
anyone, superusers included."""

import secrets
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from rebate.audit.service import AuditLog, Step
from servicekit.testing.plugin import (
    ServiceUnderTest,
    run_alembic,
    upgrade_head,
    with_database,
    worker_id,
)

APPEND_ONLY = ("audit_event", "audit_checkpoint", "ledger_entry")
CHANGES = (
    "UPDATE rebate.{table} SET id = id",
    "DELETE FROM rebate.{table}",
    "TRUNCATE rebate.{table}",
)
LEDGER_ROW = (
    "INSERT INTO rebate.ledger_entry (txn_id, kind, account, uscc, period, debit, credit)"
    " VALUES ($1, 'test', 'test', '91350102MA0000001X', '2026-03', 1.00, 0)"
)


@pytest.mark.parametrize("statement", CHANGES)
@pytest.mark.parametrize("table", APPEND_ONLY)
async def test_no_one_changes_or_removes_rows_not_even_a_superuser(
    session: AsyncSession, table: str, statement: str
) -> None:
    await AuditLog(session).append(Step("test.step", "tester", {}))
    with pytest.raises(DBAPIError, match="append-only"):
        async with session.begin_nested():
            await session.execute(text(statement.format(table=table)))


@pytest.fixture(scope="module")
async def service_role_dsn(
    postgres_admin_url: str, service_under_test: ServiceUnderTest
) -> AsyncIterator[str]:
    """A database provisioned like deploy/local's: a login role owning schema `rebate`,
    which runs the migrations itself."""
    role, database = f"rebate_probe_{worker_id()}", f"test_rebate_role_{worker_id()}"
    password = secrets.token_urlsafe(16)
    admin = await asyncpg.connect(postgres_admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        await admin.execute(
            f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE'
            f" PASSWORD '{password}'"
        )
        await admin.execute(f'CREATE DATABASE "{database}"')
        conn = await asyncpg.connect(with_database(postgres_admin_url, database))
        try:
            await conn.execute(f'CREATE SCHEMA rebate AUTHORIZATION "{role}"')
        finally:
            await conn.close()
        dsn = make_url(postgres_admin_url).set(username=role, password=password, database=database)
        engine = create_async_engine(dsn.set(drivername="postgresql+asyncpg"))
        try:
            await run_alembic(engine, service_under_test.alembic_ini, upgrade_head)
        finally:
            await engine.dispose()
        yield dsn.render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        await admin.close()


async def test_the_service_role_may_insert_and_read_but_not_change_or_remove(
    service_role_dsn: str,
) -> None:
    conn = await asyncpg.connect(service_role_dsn)
    try:
        assert (
            await conn.fetchval("SELECT tableowner FROM pg_tables WHERE tablename = 'ledger_entry'")
            == conn.get_settings().session_authorization
        )
        await conn.execute(LEDGER_ROW, uuid.uuid4())
        await conn.execute(
            "INSERT INTO rebate.audit_event (id, kind, actor, at, detail, prev_hash, hash)"
            " VALUES (1, 'test', 'tester', $1, '{}', repeat('0', 64), repeat('1', 64))",
            datetime.now(UTC),
        )
        for table in APPEND_ONLY:
            await conn.fetch(f"SELECT * FROM rebate.{table}")  # noqa: S608
            for statement in CHANGES:
                with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied"):
                    await conn.execute(statement.format(table=table))
    finally:
        await conn.close()


async def test_the_service_role_still_changes_its_other_tables(service_role_dsn: str) -> None:
    conn = await asyncpg.connect(service_role_dsn)
    try:
        await conn.execute("UPDATE rebate.partner SET is_active = is_active")
        await conn.execute("DELETE FROM rebate.webhook_delivery")
    finally:
        await conn.close()
