"""The gateway's liveness and readiness: its own, not its services'.

A service that is down answers 503 on its own routes (the proxy's refusal); the gateway stays
ready for the others. Each service's readiness is at `/{service}/readyz`.
"""

from fastapi import APIRouter


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
    )
    async def readyz() -> dict[str, str]:
        # It holds no database and no state: serving requests at all is being ready. Asking
        # every service here made one service down take the whole entrance out of rotation.
        return {"status": "ready"}

    return router
