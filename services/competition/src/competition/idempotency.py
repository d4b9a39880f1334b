"""Idempotency-Key on POSTs that create records: a replay answers what the first request
did; the same key with another body is 422, while the first is in flight 409."""

from collections.abc import Awaitable, Callable

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
    headers: Callable[[BaseModel], dict[str, str]] | None = None,
) -> JSONResponse:
    if key is None:
        result = await run()
        return JSONResponse(
            result.model_dump(mode="json"),
            status_code,
            headers=headers(result) if headers else None,
        )
    keys = Idempotency(session, IdempotencyRecord)
    fingerprint = request_hash(request.model_dump(mode="json"))
    stored = await keys.begin(scope, key, fingerprint)
    if stored is not None:
        return JSONResponse(
            stored.body, stored.status_code, headers={"Idempotent-Replayed": "true"}
        )
    result = await run()
    body = result.model_dump(mode="json")
    await keys.finish(scope, key, fingerprint, status_code, body)
    return JSONResponse(body, status_code, headers=headers(result) if headers else None)
