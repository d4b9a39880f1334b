"""The gateway's liveness and readiness: its own, not its services'.

A service that is down answers 503 on its own routes (the proxy's refusal); the gateway stays
ready for the others. Each service's readiness is at `/{service}/readyz`. A gateway told to
stop (SIGTERM) is unready while it drains, as a service is (servicekit.health).
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from servicekit.health import draining_problem


def health_router() -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", summary="存活检查（网关） · Liveness: the gateway answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary=(
            "就绪检查（网关） · Readiness: the gateway can proxy (each service: /{service}/readyz)"
        ),
        responses={503: {"description": "The gateway is stopping"}},
        response_model=None,
    )
    async def readyz(request: Request) -> dict[str, Any] | JSONResponse:
        # It holds no database and no state: serving requests at all is being ready, until
        # it is told to stop. Asking every service here made one service down take the whole
        # entrance out of rotation.
        return draining_problem(request) or {"status": "ready"}

    return router
