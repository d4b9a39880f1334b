"""The gateway app: `uvicorn gateway.main:create_app --factory --no-access-log`."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from gateway.cors import ProblemCORSMiddleware
from gateway.docs import ASSETS_PATH, GATEWAY_OPENAPI_URL, docs_router, swagger_assets
from gateway.health import health_router
from gateway.proxy import ProxyMiddleware
from gateway.runtime import Runtime
from gateway.settings import GatewaySettings
from gateway.telemetry import (
    MetricsShield,
    proxied_route,
    span_namer,
    start_traces_here,
    trace_upstream_calls,
)
from servicekit.context import REQUEST_ID_HEADER
from servicekit.errors import install_problem_handlers
from servicekit.health import drain_on_sigterm
from servicekit.logging import configure_logging
from servicekit.middleware import RequestContextMiddleware
from servicekit.telemetry import instrument_app, mount_metrics

VERSION = "0.1.0"


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()
    runtime = Runtime(settings)
    services = frozenset(settings.upstream_urls())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.service_name, settings.log_level)
        # On SIGTERM: unready for the drain period, then uvicorn stops accepting and lets
        # the requests in flight complete, as every service does.
        with drain_on_sigterm(app, settings.shutdown_drain_seconds):
            async with runtime:
                yield

    app = FastAPI(
        title="gonghui gateway",
        description=(
            "One entrance to membership, rebate and competition: `/{service}/...` reaches the "
            "service's own path. Each service's API is listed in the portal at /docs."
        ),
        version=VERSION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=GATEWAY_OPENAPI_URL,
    )
    install_problem_handlers(app)
    app.include_router(health_router())
    app.include_router(docs_router(runtime))
    app.mount(ASSETS_PATH, swagger_assets(), name="docs-assets")

    # Added innermost first: the request context wraps CORS, which wraps the proxy, so preflights
    # are answered at the edge and every answer, proxied or not, carries the request id.
    app.add_middleware(ProxyMiddleware, runtime=runtime)
    if settings.cors_origins:
        app.add_middleware(
            ProblemCORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=[REQUEST_ID_HEADER, "ETag", "Location"],
        )
    app.add_middleware(MetricsShield, services=services)
    app.add_middleware(
        RequestContextMiddleware, service=settings.service_name, route_of=proxied_route(services)
    )
    provider = instrument_app(app, settings, server_request_hook=span_namer(services))
    if provider is not None:
        trace_upstream_calls(provider)
    start_traces_here(app)
    mount_metrics(app, settings.service_name)
    return app
