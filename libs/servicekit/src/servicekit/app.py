"""The common skeleton of a service app: lifespan resources, middleware, errors, health."""

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from servicekit import health
from servicekit.auth import TokenVerifier
from servicekit.boundary import bound_integer_parameters, refuse_nul
from servicekit.collector import tune_collector
from servicekit.db import create_engine, create_read_sessionmaker, create_sessionmaker
from servicekit.errors import install_database_handlers, install_problem_handlers
from servicekit.http import create_http_client
from servicekit.logging import configure_logging
from servicekit.methods import MethodGuard
from servicekit.middleware import RequestContextMiddleware
from servicekit.openapi import install_openapi, operation_id
from servicekit.reads import pooled_reads
from servicekit.routeindex import install_route_index
from servicekit.settings import ServiceSettings
from servicekit.telemetry import ScrapeReading, instrument_app, mount_metrics, read_db_pool

# A service's own start-up work (signing keys, upstream clients ...) runs inside the common one.
ExtraLifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]

# The `responses=` documentation of a route: status → description (and schema). The errors
# every route can answer are added to the document by servicekit.openapi.
Responses = dict[int | str, dict[str, Any]]


def create_service_app(
    settings: ServiceSettings,
    *,
    title: str,
    description: str,
    version: str,
    routers: Sequence[APIRouter],
    extra_lifespan: ExtraLifespan | None = None,
    metrics_readings: Sequence[ScrapeReading] = (),
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.service_name, settings.log_level)
        engine = create_engine(settings)
        app.state.settings = settings
        app.state.engine = engine
        app.state.sessionmaker = create_sessionmaker(engine)
        app.state.read_sessionmaker = create_read_sessionmaker(
            engine, transaction_pooler=settings.db_transaction_pooler
        )
        app.state.reads = pooled_reads(engine, transaction_pooler=settings.db_transaction_pooler)
        jwks_client = create_http_client()
        app.state.token_verifier = TokenVerifier(
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            jwks_url=settings.jwks_url,
            http_client=jwks_client,
        )
        try:
            with health.drain_on_sigterm(app, settings.shutdown_drain_seconds):
                if extra_lifespan is None:
                    tune_collector(settings)
                    yield
                else:
                    async with extra_lifespan(app):
                        tune_collector(settings)
                        yield
        finally:
            await jwks_client.aclose()
            await engine.dispose()

    app = FastAPI(
        title=title,
        description=description,
        version=version,
        lifespan=lifespan,
        # Runs first on every route, before a token or a session is looked at.
        dependencies=[Depends(refuse_nul)],
        generate_unique_id_function=operation_id,
    )
    install_problem_handlers(app)
    install_database_handlers(app)
    install_openapi(app)
    # Innermost, so CORS answers preflights before it sees an OPTIONS.
    app.add_middleware(MethodGuard, routes_of=app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["X-Request-ID", "ETag"],
        )
    app.add_middleware(RequestContextMiddleware, service=settings.service_name)
    instrument_app(app, settings)
    mount_metrics(app, settings.service_name, [read_db_pool, *metrics_readings])
    app.include_router(health.router)
    for router in routers:
        app.include_router(router)
    bound_integer_parameters(app)
    install_route_index(app)
    return app
