"""Single-statement reads outside a transaction, for read paths hot enough that a session's
BEGIN and COMMIT (two more round trips) and its statement building show up in the profile.

`app.state.reads()` lends the driver (asyncpg) connection of a pooled connection, with no
transaction opened. The test plugin replaces it with the test's own connection, so such reads
see the test's data inside its rolled-back transaction, as sessions do.
"""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TYPE_CHECKING, TypeAlias, cast

import asyncpg
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.util import greenlet_spawn

if TYPE_CHECKING:  # asyncpg's classes are generic only in its stubs
    DriverConnection: TypeAlias = asyncpg.Connection[asyncpg.Record]
else:
    DriverConnection = asyncpg.Connection
Reads = Callable[[], AbstractAsyncContextManager[DriverConnection]]


async def driver_connection(connection: AsyncConnection) -> DriverConnection:
    raw = await connection.get_raw_connection()
    return cast(DriverConnection, raw.driver_connection)


def pooled_reads(engine: AsyncEngine, *, transaction_pooler: bool = False) -> Reads:
    """Behind a transaction-mode pooler the reads keep a transaction, as read sessions do
    (servicekit.db): outside one, PgBouncer may hand a statement's prepare and its execute
    to different server connections."""

    @asynccontextmanager
    async def borrow() -> AsyncIterator[DriverConnection]:
        # The pool's connection without a SQLAlchemy Connection around it: one greenlet hop
        # out and one back, where `engine.connect()` took three and built a Connection per
        # read (a tenth of a one-row read's CPU, bench/RESULTS.md "Cost per request").
        raw = await engine.raw_connection()
        try:
            driver = cast(DriverConnection, raw.driver_connection)
            if not transaction_pooler:
                yield driver
                return
            async with driver.transaction():
                yield driver
        finally:
            # Returned to the pool without a round trip: the adapter rolls back only a
            # transaction it started, and none was.
            await greenlet_spawn(raw.close)

    return borrow


def connection_reads(connection: AsyncConnection) -> Reads:
    """Every read on one connection (tests: the connection of the outer transaction)."""

    @asynccontextmanager
    async def borrow() -> AsyncIterator[DriverConnection]:
        yield await driver_connection(connection)

    return borrow
