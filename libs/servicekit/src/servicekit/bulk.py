"""Set-based inserts: one `INSERT ... SELECT FROM unnest(arrays)` statement for many rows.

One round trip and one plan per batch instead of one execution per row; measured in
bench/membership_bench.py against executemany.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

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
