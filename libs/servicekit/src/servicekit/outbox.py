"""Transactional outbox: work for after the commit (webhooks, calls to other services) is
written in the same transaction as the change that causes it, then delivered by a relay with
retries on a backoff schedule, a dead-letter state, and replay.

A service declares its table with `class OutboxMessage(OutboxMessageMixin, Base)` and runs an
`OutboxRelay` in its lifespan with one handler per topic. A handler raises to ask for a retry,
or raises `RefusedForGood` when the receiver has refused the message and retrying cannot help:
that message is dead-lettered at once, for a person to look at and replay.
"""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import BigInteger, DateTime, Identity, Integer, String, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

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


class OutboxRelay:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        model: type[OutboxMessageMixin],
        handlers: Mapping[str, Handler],
        *,
        backoff: Sequence[int] = DEFAULT_BACKOFF,
        poll_seconds: float = 1.0,
        batch: int = 20,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.model = model
        self.handlers = handlers
        self.backoff = tuple(backoff)
        self.poll_seconds = poll_seconds
        self.batch = batch

    async def deliver_due(self) -> int:
        """Try every due message once; returns how many were tried."""
        model = self.model
        async with self.sessionmaker() as session, session.begin():
            # SKIP LOCKED: several replicas share the work without delivering twice.
            query = (
                select(model)
                .where(model.status == PENDING, model.next_attempt_at <= func.now())
                .order_by(model.id)
                .limit(self.batch)
                .with_for_update(skip_locked=True)
            )
            messages = list(await session.scalars(query))
            for message in messages:
                await self._attempt(message)
        return len(messages)

    async def _attempt(self, message: OutboxMessageMixin) -> None:
        message.attempts += 1
        handler = self.handlers.get(message.topic)
        try:
            if handler is None:
                raise LookupError(f"no handler for topic {message.topic!r}")
            await handler(message.payload, message.message_key)
        except Exception as exc:
            message.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if isinstance(exc, RefusedForGood) or message.attempts > len(self.backoff):
                message.status = DEAD
                logger.error("outbox message dead-lettered", extra={"key": message.message_key})
            else:
                delay = self.backoff[message.attempts - 1]
                message.next_attempt_at = datetime.now(UTC) + timedelta(seconds=delay)
                logger.warning(
                    "outbox delivery failed; will retry",
                    extra={"key": message.message_key, "attempt": message.attempts},
                )
            return
        message.status = DELIVERED
        message.delivered_at = datetime.now(UTC)
        message.last_error = None

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
