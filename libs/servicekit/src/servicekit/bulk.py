"""Set-based inserts: one `INSERT ... SELECT FROM unnest(arrays)` statement for many rows, or
a COPY of them.

One round trip and one plan per batch instead of one execution per row; measured in
bench/membership_bench.py against executemany.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.reads import driver_connection

# column name → (PostgreSQL element type, one value per row)
Columns = Mapping[str, tuple[str, Sequence[Any]]]


async def insert_unnest(
    session: AsyncSession, table: str, columns: Columns, suffix: str = ""
) -> None:
    """`table`, the column names, types and `suffix` are the caller's constants, never input."""
    names = ", ".join(columns)
    arrays = ", ".join(f"CAST(:{name} AS {pg_type}[])" for name, (pg_type, _) in columns.items())
    statement = text(f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}) {suffix}")  # noqa: S608
    await session.execute(statement, {name: list(values) for name, (_, values) in columns.items()})


async def copy_records(
    session: AsyncSession,
    table: str,
    columns: Sequence[str],
    records: Iterable[Sequence[Any]],
    schema: str,
) -> None:
    """COPY rows into `schema.table` on the session's connection, inside its transaction.
    Faster than `insert_unnest` on both sides (no arrays to build, check and unpack), but
    without RETURNING or ON CONFLICT: for rows already known to be new."""
    driver = await driver_connection(await session.connection())
    if not driver.is_in_transaction():
        # SQLAlchemy's asyncpg adapter sends BEGIN with its first statement, not before;
        # a COPY ahead of it would commit on its own.
        await session.execute(text("SELECT 1"))
    await driver.copy_records_to_table(
        table, schema_name=schema, columns=list(columns), records=records
    )
