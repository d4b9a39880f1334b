"""Deleting rows that have served their purpose: idempotency records past the time a client
may still retry, delivered outbox messages, received webhook deliveries long past their replay
window. Each service lists its rules in `<service>.retention`, which a Kubernetes CronJob runs
(`python -m rebate.retention`).

Rows go in batches, each in a transaction of its own, so that a large backlog never holds
locks for long nor grows one huge transaction; a run stopped half-way leaves nothing half done.
"""

import asyncio
import json
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Table, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import DeclarativeBase

from servicekit.db import create_engine
from servicekit.settings import ServiceSettings

BATCH_SIZE = 5000

# A connection in a transaction that commits when the block ends.
Begin = Callable[[], AbstractAsyncContextManager[AsyncConnection]]


@dataclass(frozen=True)
class Rule:
    """Rows of `model`'s table whose timestamp `column` is older than `keep` and that satisfy
    `only` (an SQL condition on the table's own columns, written by the service, never by a
    user)."""

    model: type[DeclarativeBase]
    column: str
    keep: timedelta
    only: str = "true"

    @property
    def table(self) -> Table:
        return cast(Table, self.model.__table__)

    def batch(self) -> str:
        name = self.table.fullname
        # By ctid: one statement for any primary key; ANY(ARRAY(...)) plans as a TID scan.
        return (
            f"DELETE FROM {name} WHERE ctid = ANY(ARRAY("  # noqa: S608 - our own table names
            f"SELECT ctid FROM {name} WHERE {self.column} < :cutoff AND ({self.only})"
            " LIMIT :batch_size))"
        )


async def prune(
    begin: Begin, rules: Sequence[Rule], now: datetime, batch_size: int = BATCH_SIZE
) -> dict[str, int]:
    """Rows deleted per table."""
    deleted: dict[str, int] = {}
    for rule in rules:
        statement = text(rule.batch())
        params = {"cutoff": now - rule.keep, "batch_size": batch_size}
        total = 0
        while True:
            async with begin() as conn:
                count = (await conn.execute(statement, params)).rowcount
            total += count
            if count < batch_size:
                break
        deleted[rule.table.name] = total
    return deleted


def run(settings: ServiceSettings, rules: Sequence[Rule]) -> None:
    """A service's retention entry point: prune now, and print what went as one JSON line."""

    async def main() -> dict[str, int]:
        engine = create_engine(settings)
        try:
            return await prune(engine.begin, rules, datetime.now(UTC))
        finally:
            await engine.dispose()

    print(json.dumps({"service": settings.service_name, "deleted": asyncio.run(main())}))
