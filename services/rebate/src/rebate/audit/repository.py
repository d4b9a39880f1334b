"""Every query of the audit chain and its checkpoints."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.models import AuditCheckpoint, AuditEvent
from servicekit.bulk import copy_records

# One chain: appends are serialised by this transaction-scoped advisory lock.
_CHAIN_LOCK = 0x7265626174652D61  # "rebate-a"
# One checkpoint writer at a time across every process: the others skip their turn.
_CHECKPOINT_LOCK = 0x7265626174652D63  # "rebate-c"
_COLUMNS = ("id", "case_id", "kind", "actor", "at", "detail", "prev_hash", "hash")

# An event as it is written: id, case_id, kind, actor, at, detail (JSON text), prev_hash, hash.
EventRow = tuple[int, uuid.UUID | None, str, str, datetime, str, str, str]


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_chain(self) -> None:
        """Until the transaction ends, this caller alone appends."""
        await self.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHAIN_LOCK})

    async def try_checkpoint_turn(self) -> bool:
        """The checkpoint writer's turn until the transaction ends; False if another has it."""
        took = await self.session.scalar(
            text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": _CHECKPOINT_LOCK}
        )
        return bool(took)

    async def head(self) -> tuple[int, str] | None:
        """The last event's id and hash; None for an empty chain."""
        last = (
            await self.session.execute(
                select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
            )
        ).first()
        return (last[0], last[1]) if last else None

    async def add_events(self, rows: Sequence[EventRow]) -> None:
        # COPY: a run appends one event per case, the demo seed 180,000 in one go.
        await copy_records(self.session, "audit_event", _COLUMNS, rows, schema="rebate")

    async def for_case(self, case_id: uuid.UUID) -> list[AuditEvent]:
        query = select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
        return list(await self.session.scalars(query))

    async def events_after(self, prev_id: int, limit: int) -> list[AuditEvent]:
        query = (
            select(AuditEvent).where(AuditEvent.id > prev_id).order_by(AuditEvent.id).limit(limit)
        )
        return list(await self.session.scalars(query))

    def forget(self, events: Sequence[AuditEvent]) -> None:
        """Out of the session: a walk over the chain holds one batch at a time."""
        for event in events:
            self.session.expunge(event)

    async def hash_at(self, event_id: int) -> str | None:
        digest: str | None = await self.session.scalar(
            select(AuditEvent.hash).where(AuditEvent.id == event_id)
        )
        return digest

    async def latest_checkpoint(self) -> AuditCheckpoint | None:
        query = select(AuditCheckpoint).order_by(AuditCheckpoint.event_count.desc()).limit(1)
        checkpoint: AuditCheckpoint | None = await self.session.scalar(query)
        return checkpoint

    async def checkpoints(self, before_id: int | None, limit: int) -> list[AuditCheckpoint]:
        """Newest first."""
        query = select(AuditCheckpoint).order_by(AuditCheckpoint.id.desc()).limit(limit)
        if before_id is not None:
            query = query.where(AuditCheckpoint.id < before_id)
        return list(await self.session.scalars(query))

    async def checkpoints_from(self, event_count: int, limit: int) -> list[AuditCheckpoint]:
        """Checkpoints of `event_count` events or more, in event order."""
        query = (
            select(AuditCheckpoint)
            .where(AuditCheckpoint.event_count >= event_count)
            .order_by(AuditCheckpoint.event_count, AuditCheckpoint.id)
            .limit(limit)
        )
        return list(await self.session.scalars(query))

    async def add_checkpoint(self, checkpoint: AuditCheckpoint) -> None:
        self.session.add(checkpoint)
        await self.session.flush()
