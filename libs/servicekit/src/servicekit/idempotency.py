"""Idempotency-Key for unsafe POSTs: a replay returns the first answer, the same key with
another body is 422, a replay while the first is still running is 409.

The stored answer is written in the same transaction as the work it answers for, so a key
is never recorded for work that rolled back, and work is never committed without its key.
A service declares its table with `class IdempotencyRecord(IdempotencyRecordMixin, Base)`.
"""

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import DateTime, Integer, String, func, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.errors import ConflictError, DomainError

MAX_KEY_LENGTH = 100


class IdempotencyRecordMixin:
    scope: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[Any] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class IdempotencyKeyReusedError(DomainError):
    status = 422
    code = "idempotency-key-reused"
    title_en = "Idempotency key reused"
    title_zh = "幂等键已用于其他请求"


class IdempotencyInFlightError(ConflictError):
    code = "idempotency-in-flight"
    title_en = "Request still in progress"
    title_zh = "相同请求正在处理中"


class InvalidIdempotencyKeyError(DomainError):
    status = 400
    code = "invalid-idempotency-key"
    title_en = "Invalid Idempotency-Key"
    title_zh = "幂等键无效"


@dataclass
class StoredAnswer:
    status_code: int
    body: Any


def request_hash(body: Any) -> str:
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


class Idempotency:
    def __init__(self, session: AsyncSession, model: type[IdempotencyRecordMixin]) -> None:
        self.session = session
        self.model = model

    async def begin(self, scope: str, key: str, fingerprint: str) -> StoredAnswer | None:
        """The first answer for (scope, key), or None when this request is the first."""
        if not key or len(key) > MAX_KEY_LENGTH:
            raise InvalidIdempotencyKeyError(f"Use a key of 1 to {MAX_KEY_LENGTH} characters")
        # A transaction-scoped advisory lock marks the key as in flight until commit.
        locked = await self.session.scalar(
            text("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))"),
            {"k": f"{len(scope)}:{scope}{key}"},
        )
        if not locked:
            raise IdempotencyInFlightError("A request with this Idempotency-Key is still running")
        record = await self.session.scalar(
            select(self.model).where(self.model.scope == scope, self.model.key == key)
        )
        if record is None:
            return None
        if record.request_hash != fingerprint:
            raise IdempotencyKeyReusedError("This Idempotency-Key was used for another request")
        return StoredAnswer(record.status_code, record.body)

    async def finish(
        self, scope: str, key: str, fingerprint: str, status_code: int, body: Any
    ) -> None:
        record = self.model()
        record.scope, record.key, record.request_hash = scope, key, fingerprint
        record.status_code, record.body = status_code, body
        self.session.add(record)
        await self.session.flush()


async def idempotent(
    session: AsyncSession,
    model: type[IdempotencyRecordMixin],
    *,
    key: str | None,
    scope: str,
    request: BaseModel,
    run: Callable[[], Awaitable[BaseModel]],
    status_code: int,
    headers: Callable[[dict[str, Any]], dict[str, str]] | None = None,
) -> JSONResponse:
    """Run `run` once per (scope, key) and answer what it answered, also to a replay, with
    `headers` made from the JSON body so that a replay carries them too."""

    def answer(body: dict[str, Any], status: int, *extra: tuple[str, str]) -> JSONResponse:
        return JSONResponse(
            body, status, headers={**(headers(body) if headers else {}), **dict(extra)}
        )

    if key is None:
        return answer((await run()).model_dump(mode="json"), status_code)
    keys = Idempotency(session, model)
    fingerprint = request_hash(request.model_dump(mode="json"))
    stored = await keys.begin(scope, key, fingerprint)
    if stored is not None:
        return answer(stored.body, stored.status_code, ("Idempotent-Replayed", "true"))
    body = (await run()).model_dump(mode="json")
    await keys.finish(scope, key, fingerprint, status_code, body)
    return answer(body, status_code)
