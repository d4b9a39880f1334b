"""The gateway's liveness, and readiness meaning: every service behind it is ready."""

import asyncio
import logging
from typing import Any

import aiohttp
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from gateway.runtime import Runtime
from servicekit.errors import problem_response, wants_chinese

logger = logging.getLogger(__name__)


def health_router(runtime: Runtime) -> APIRouter:
    router = APIRouter(tags=["health"])
    timeout = aiohttp.ClientTimeout(total=runtime.settings.ready_timeout_seconds)

    async def service_state(base_url: str) -> str:
        try:
            async with runtime.session.get(f"{base_url}/readyz", timeout=timeout) as response:
                return "ready" if response.status == 200 else f"not ready ({response.status})"
        except TimeoutError:
            return "timed out"
        except aiohttp.ClientError:
            return "unreachable"

    @router.get("/healthz", summary="Liveness: the gateway answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary="Readiness: every service behind the gateway is ready",
        responses={503: {"description": "At least one service is not ready (problem+json)"}},
        response_model=None,
    )
    async def readyz(request: Request) -> dict[str, Any] | JSONResponse:
        upstreams = runtime.routes.upstreams
        states = await asyncio.gather(
            *(service_state(upstream.base_url) for upstream in upstreams.values())
        )
        services = dict(zip(upstreams, states, strict=True))
        not_ready = [name for name, state in services.items() if state != "ready"]
        if not not_ready:
            return {"status": "ready", "services": services}
        logger.warning("not ready", extra={"services": services})
        chinese = wants_chinese(request.headers.get("accept-language"))
        names = ", ".join(not_ready)
        return problem_response(
            503,
            chinese=chinese,
            code="not-ready",
            detail=f"以下服务未就绪：{names}" if chinese else f"Not ready: {names}",
            extra={"services": services},
        )

    return router
