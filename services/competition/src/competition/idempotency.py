"""Idempotency-Key on POSTs that create records: a replay answers what the first request
did, headers included; the same key with another body is 422, while the first is in flight
409."""

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from competition.models import IdempotencyRecord
from servicekit.idempotency import Idempotency, request_hash


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
    """`headers` are made from the JSON body, so that a replay carries them too."""

    def answer(body: dict[str, Any], status: int, *extra: tuple[str, str]) -> JSONResponse:
        return JSONResponse(
            body, status, headers={**(headers(body) if headers else {}), **dict(extra)}
        )

    if key is None:
        return answer((await run()).model_dump(mode="json"), status_code)
    keys = Idempotency(session, IdempotencyRecord)
    fingerprint = request_hash(request.model_dump(mode="json"))
    stored = await keys.begin(scope, key, fingerprint)
    if stored is not None:
        return answer(stored.body, stored.status_code, ("Idempotent-Replayed", "true"))
    body = (await run()).model_dump(mode="json")
    await keys.finish(scope, key, fingerprint, status_code, body)
    return answer(body, status_code)
