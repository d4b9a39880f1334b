"""Liveness and readiness endpoints shared by every service, and the graceful stop of a web
process: on SIGTERM, /readyz answers 503 for a drain period before the server stops."""

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from servicekit.errors import problem_response, wants_chinese

logger = logging.getLogger(__name__)

READY_TIMEOUT_SECONDS = 2.0

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="存活检查 · Liveness: the process answers")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="就绪检查 · Readiness: the database answers",
    responses={503: {"description": "The database is unreachable"}},
    response_model=None,
)
async def readyz(request: Request) -> dict[str, Any] | JSONResponse:
    stopping = draining_problem(request)
    if stopping is not None:
        return stopping
    chinese = wants_chinese(request.headers.get("accept-language"))
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            async with request.app.state.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
    except Exception as exc:
        logger.warning("readiness check failed: %s", type(exc).__name__)
        return problem_response(
            503,
            chinese=chinese,
            code="not-ready",
            detail="数据库不可达" if chinese else "The database is unreachable",
        )
    return {"status": "ready", "database": "ok"}


def draining_problem(request: Request) -> JSONResponse | None:
    """The 503 of a process that was told to stop (`drain_on_sigterm`), for its /readyz."""
    if not getattr(request.app.state, "draining", False):
        return None
    chinese = wants_chinese(request.headers.get("accept-language"))
    return problem_response(
        503, chinese=chinese, code="not-ready", detail="正在停止" if chinese else "Shutting down"
    )


@contextlib.contextmanager
def drain_on_sigterm(app: FastAPI, seconds: float) -> Iterator[None]:
    """While the app runs under uvicorn: the first SIGTERM makes /readyz answer 503 at once
    and reaches uvicorn only `seconds` later. Meanwhile the load balancer sees the process
    unready and sends it no new requests, while it still serves them; then uvicorn stops
    accepting and lets the requests in flight complete. Without a drain, a request routed
    just before the endpoint was removed would find the port closed.

    Installed over uvicorn's own handler (which it set before the app started); SIGINT
    (Ctrl-C) still stops at once."""
    app.state.draining = False
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    loop = asyncio.get_running_loop()
    server_handler = signal.getsignal(signal.SIGTERM)

    def forward() -> None:
        if callable(server_handler):
            server_handler(signal.SIGTERM, None)

    def drain(signum: int, frame: FrameType | None) -> None:
        if app.state.draining:
            return
        app.state.draining = True
        logger.info("SIGTERM: not ready; stopping in %.1f s", seconds)
        loop.call_soon_threadsafe(loop.call_later, seconds, forward)

    signal.signal(signal.SIGTERM, drain)
    try:
        yield
    finally:
        if signal.getsignal(signal.SIGTERM) is drain:
            signal.signal(signal.SIGTERM, server_handler)
