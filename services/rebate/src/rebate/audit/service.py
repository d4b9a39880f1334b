"""The audit trail: an append-only hash chain over every step of every case and import."""

import hashlib
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.models import AuditCheckpoint, AuditEvent
from rebate.audit.repository import AuditRepository, EventRow

if TYPE_CHECKING:
    from rebate.audit.checkpoints import CheckpointSigner

GENESIS = "0" * 64


# What a verification can find wrong.
BROKEN_LINK = "broken-link"
DIFFERS_FROM_CHECKPOINT = "differs-from-checkpoint"
SHORTER_THAN_CHECKPOINT = "shorter-than-checkpoint"
BAD_SIGNATURE = "bad-checkpoint-signature"


@dataclass(frozen=True)
class Walk:
    checked: int
    last_id: int
    last_hash: str
    broken: AuditEvent | None = None
    problem: str | None = None


@dataclass(frozen=True)
class ChainReport:
    events_checked: int
    checkpoints_checked: int
    # Events covered by the newest checkpoint.
    anchored_events: int
    problem: str | None = None
    # The first event that breaks the chain or contradicts a checkpoint.
    broken: AuditEvent | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class Step:
    kind: str
    actor: str
    detail: dict[str, Any]
    case_id: uuid.UUID | None = None


def link_hash(prev_hash: str, event_id: int, step: Step, at: datetime) -> str:
    return _link(prev_hash, event_id, step, at.isoformat())


def _link(prev_hash: str, event_id: int, step: Step, at: str) -> str:
    body = orjson.dumps(
        {
            "id": event_id,
            "case_id": str(step.case_id) if step.case_id else None,
            "kind": step.kind,
            "actor": step.actor,
            "at": at,
            "detail": step.detail,
        },
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(prev_hash.encode() + body).hexdigest()


class AuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self.repo = AuditRepository(session)

    async def append(self, *steps: Step) -> None:
        if not steps:
            return
        await self.repo.lock_chain()
        prev_id, prev_hash = await self.repo.head() or (0, GENESIS)
        now = datetime.now(UTC)
        at = now.isoformat()
        rows: list[EventRow] = []
        for event_id, step in enumerate(steps, start=prev_id + 1):
            digest = _link(prev_hash, event_id, step, at)
            detail = orjson.dumps(step.detail).decode()
            rows.append(
                (event_id, step.case_id, step.kind, step.actor, now, detail, prev_hash, digest)
            )
            prev_hash = digest
        await self.repo.add_events(rows)

    async def for_case(self, case_id: uuid.UUID) -> list[AuditEvent]:
        return await self.repo.for_case(case_id)

    async def checkpoints(self, before_id: int | None, limit: int) -> list[AuditCheckpoint]:
        """Newest first."""
        return await self.repo.checkpoints(before_id, limit)

    async def walk(
        self,
        prev_id: int = 0,
        prev_hash: str = GENESIS,
        on_event: Callable[[AuditEvent], Awaitable[str | None]] | None = None,
        batch: int = 5000,
    ) -> Walk:
        """Recompute the links after event `prev_id` (whose hash is `prev_hash`) to the head;
        `on_event` may stop the walk at an event by naming a problem."""
        checked = 0
        while True:
            rows = await self.repo.events_after(prev_id, batch)
            for event in rows:
                step = Step(event.kind, event.actor, event.detail, event.case_id)
                expected = link_hash(prev_hash, event.id, step, event.at)
                if (
                    event.id != prev_id + 1
                    or event.prev_hash != prev_hash
                    or event.hash != expected
                ):
                    return Walk(checked, prev_id, prev_hash, event, BROKEN_LINK)
                problem = await on_event(event) if on_event else None
                if problem is not None:
                    return Walk(checked, prev_id, prev_hash, event, problem)
                prev_id, prev_hash = event.id, event.hash
                checked += 1
            # Only what this walk loaded: the caller's own objects stay in its session.
            self.repo.forget(rows)
            if len(rows) < batch:
                return Walk(checked, prev_id, prev_hash)

    async def verify(self, signer: "CheckpointSigner", batch: int = 5000) -> ChainReport:
        """Walk the whole chain and hold it against every checkpoint: a chain that verifies
        link by link but is shorter than a checkpoint, or differs at one, has been cut or
        rewritten."""
        checkpoints_checked = 0
        # Checkpoints ahead of the walk, in event order, fetched a page at a time.
        ahead: deque[AuditCheckpoint] = deque()
        exhausted = False

        async def against_checkpoints(event: AuditEvent) -> str | None:
            nonlocal checkpoints_checked, exhausted
            if not ahead and not exhausted:
                page = await self.repo.checkpoints_from(event.id, batch)
                ahead.extend(page)
                exhausted = len(page) < batch
            while ahead and ahead[0].event_count == event.id:
                checkpoint = ahead.popleft()
                if not signer.is_genuine(checkpoint):
                    return BAD_SIGNATURE
                if checkpoint.head_hash != event.hash:
                    return DIFFERS_FROM_CHECKPOINT
                checkpoints_checked += 1
            return None

        walk = await self.walk(on_event=against_checkpoints, batch=batch)
        newest = await self.repo.latest_checkpoint()
        anchored = newest.event_count if newest else 0
        report = ChainReport(walk.checked, checkpoints_checked, anchored, walk.problem, walk.broken)
        if walk.broken is None and newest is not None and newest.event_count > walk.last_id:
            problem = SHORTER_THAN_CHECKPOINT if signer.is_genuine(newest) else BAD_SIGNATURE
            return replace(report, problem=problem)
        return report
