"""Transactional outbox: work for after the commit (webhooks, calls to other services) is
written in the same transaction as the change that causes it, then delivered by a relay with
retries on a backoff schedule, a dead-letter state, and replay.

A service declares its table with `class OutboxMessage(OutboxMessageMixin, Base)` and runs an
`OutboxRelay` in its worker process (`python -m <service> worker`) with one handler per topic.
A handler raises to ask for a retry, or raises `RefusedForGood` when the receiver has refused
the message and retrying cannot help: that message is dead-lettered at once, for a person to
look at and replay.
"""

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from opentelemetry.trace import StatusCode
from sqlalchemy import BigInteger, DateTime, Identity, Integer, String, func, or_, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.telemetry import work_span

logger = logging.getLogger(__name__)

PENDING = "pending"
DELIVERED = "delivered"
DEAD = "dead"
# Seconds to wait before each retry; after the last one the message is dead-lettered.
DEFAULT_BACKOFF = (10, 30, 120, 600, 1800, 3600)

Handler = Callable[[dict[str, Any], str], Awaitable[None]]


class RefusedForGood(Exception):  # noqa: N818 (an outcome, not a fault of ours)
    """The receiver refused the message itself (unknown member, invalid content): no
    retry on the schedule would change its answer."""


class OutboxMessageMixin:
    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    topic: Mapped[str] = mapped_column(String(64))
    # Stable per message: receivers de-duplicate on it (webhook-id, idempotency key).
    message_key: Mapped[str] = mapped_column(String(100), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16), default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Which relay holds the message while it delivers it, and until when (OutboxRelay).
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


M = TypeVar("M", bound=OutboxMessageMixin)


def new_message(model: type[M], topic: str, payload: dict[str, Any], key: str | None = None) -> M:
    message = model()
    message.topic = topic
    message.message_key = key or f"{topic}:{uuid.uuid4().hex}"
    message.payload = payload
    message.status = PENDING
    message.attempts = 0
    message.next_attempt_at = datetime.now(UTC)
    return message


@dataclass(frozen=True)
class Claimed:
    id: int
    topic: str
    message_key: str
    payload: dict[str, Any]
    attempts: int


class OutboxRelay:
    """Delivers in three steps, so that no row is locked and no transaction open while a
    receiver takes its time: claim a batch (a short transaction marks it claimed by this
    relay until a lease runs out), deliver each message outside any transaction, record each
    outcome in a short transaction of its own. Relays in several processes share the table:
    a claimed message is not claimed again while its lease lasts, and an outcome is recorded
    only by the claim's holder. A relay that dies leaves its claim to run out; the message is
    then claimed again and sent again under the same key, on which receivers de-duplicate.
    The holder renews its claim while it delivers, so a slow batch keeps its lease."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        model: type[OutboxMessageMixin],
        handlers: Mapping[str, Handler],
        *,
        backoff: Sequence[int] = DEFAULT_BACKOFF,
        poll_seconds: float = 1.0,
        batch: int = 20,
        lease_seconds: float = 60.0,
        owner: str | None = None,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.model = model
        self.handlers = handlers
        self.backoff = tuple(backoff)
        self.poll_seconds = poll_seconds
        self.batch = batch
        self.lease_seconds = lease_seconds
        self.owner = owner or f"relay:{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

    async def claim(self) -> list[Claimed]:
        """Due messages not under another's live claim, now claimed by this relay. The
        attempt is counted here: a message whose sender dies every time still runs out of
        attempts."""
        model = self.model
        due = (
            select(model.id)
            .where(
                model.status == PENDING,
                model.next_attempt_at <= func.now(),
                or_(model.claimed_until.is_(None), model.claimed_until < func.now()),
            )
            .order_by(model.id)
            .limit(self.batch)
            .with_for_update(skip_locked=True)
        )
        statement = (
            update(model)
            .where(model.id.in_(due.scalar_subquery()))
            .values(
                claimed_by=self.owner,
                claimed_until=func.now() + timedelta(seconds=self.lease_seconds),
                attempts=model.attempts + 1,
            )
            .returning(model.id, model.topic, model.message_key, model.payload, model.attempts)
        )
        async with self.sessionmaker() as session, session.begin():
            rows = (await session.execute(statement)).all()
        return sorted((Claimed(*row) for row in rows), key=lambda c: c.id)

    async def deliver_due(self) -> int:
        """Claim due messages and try each once; returns how many were tried."""
        claimed = await self.claim()
        if not claimed:
            return 0
        renewing = asyncio.create_task(self._renew([c.id for c in claimed]))
        try:
            for message in claimed:
                attributes = {"messaging.operation.type": "process", "outbox.topic": message.topic}
                with work_span(f"deliver {message.topic}", attributes) as span:
                    failure = await self._send(message)
                    if failure is not None:  # its text is in the row's last_error
                        span.set_status(StatusCode.ERROR, type(failure).__name__)
                    await self._record(message, failure)
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
        return len(claimed)

    async def _renew(self, ids: list[int]) -> None:
        model = self.model
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            async with self.sessionmaker() as session, session.begin():
                await session.execute(
                    update(model)
                    .where(model.id.in_(ids), model.claimed_by == self.owner)
                    .values(claimed_until=func.now() + timedelta(seconds=self.lease_seconds))
                )

    async def _send(self, message: Claimed) -> Exception | None:
        handler = self.handlers.get(message.topic)
        try:
            if handler is None:
                raise LookupError(f"no handler for topic {message.topic!r}")
            await handler(message.payload, message.message_key)
        except Exception as exc:
            return exc
        return None

    async def _record(self, message: Claimed, failure: Exception | None) -> None:
        """The outcome, written only while the claim is still this relay's: a relay that
        lost its lease leaves the message to its new holder."""
        values: dict[str, Any] = {"claimed_by": None, "claimed_until": None}
        if failure is None:
            values |= {"status": DELIVERED, "delivered_at": func.now(), "last_error": None}
        else:
            values["last_error"] = f"{type(failure).__name__}: {failure}"[:500]
            if isinstance(failure, RefusedForGood) or message.attempts > len(self.backoff):
                values["status"] = DEAD
                logger.error("outbox message dead-lettered", extra={"key": message.message_key})
            else:
                delay = self.backoff[message.attempts - 1]
                values["next_attempt_at"] = datetime.now(UTC) + timedelta(seconds=delay)
                logger.warning(
                    "outbox delivery failed; will retry",
                    extra={"key": message.message_key, "attempt": message.attempts},
                )
        model = self.model
        async with self.sessionmaker() as session, session.begin():
            recorded = await session.execute(
                update(model)
                .where(model.id == message.id, model.claimed_by == self.owner)
                .values(values)
            )
        if not recorded.rowcount:  # type: ignore[attr-defined]
            logger.warning("outbox claim lapsed", extra={"key": message.message_key})

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                tried = await self.deliver_due()
            except Exception:
                logger.exception("outbox relay pass failed")
                tried = 0
            if tried == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.poll_seconds)


async def replay(session: AsyncSession, model: type[OutboxMessageMixin], message_id: int) -> Any:
    """Put a dead (or delivered) message back in the queue, due now."""
    message = await session.get(model, message_id)
    if message is not None:
        message.status = PENDING
        message.attempts = 0
        message.next_attempt_at = datetime.now(UTC)
        message.last_error = None
        await session.flush()
    return message
