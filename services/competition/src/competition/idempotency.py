"""Idempotency-Key on POSTs that create records, on competition's table (servicekit's rule:
a replay answers what the first request did, headers included; the same key with another body
is 422, while the first is in flight 409)."""

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from competition.models import IdempotencyRecord
from servicekit import idempotency


async def idempotent(
    session: AsyncSession,
    *,
    key: str | None,
    scope: str,
    request: BaseModel,
    run: Callable[[], Awaitable[BaseModel]],
    status_code: int,
    headers: Callable[[dict[str, Any]], dict[str, str]] | None = None,
) -> JSONResponse:
    return await idempotency.idempotent(
        session,
        IdempotencyRecord,
        key=key,
        scope=scope,
        request=request,
        run=run,
        status_code=status_code,
        headers=headers,
    )
