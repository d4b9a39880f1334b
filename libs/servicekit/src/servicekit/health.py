"""Liveness and readiness endpoints shared by every service."""

import asyncio
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from servicekit.errors import problem_response, wants_chinese

logger = logging.getLogger(__name__)

READY_TIMEOUT_SECONDS = 2.0

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness: the process answers")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Readiness: the database answers",
    responses={503: {"description": "The database is unreachable"}},
    response_model=None,
)
async def readyz(request: Request) -> dict[str, Any] | JSONResponse:
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            async with request.app.state.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
    except Exception as exc:
        logger.warning("readiness check failed: %s", type(exc).__name__)
        chinese = wants_chinese(request.headers.get("accept-language"))
        return problem_response(
            503,
            chinese=chinese,
            code="not-ready",
            detail="数据库不可达" if chinese else "The database is unreachable",
        )
    return {"status": "ready", "database": "ok"}
