"""Traces and metrics of a process.

Traces: OpenTelemetry with W3C `traceparent`, spans for the app's requests, asyncpg queries and
httpx calls (the gateway adds aiohttp's), and a span per piece of a worker's work. They are on
only when the process's settings name an OTLP endpoint (the `otel_*` fields of
ServiceSettings, under the standard variable names `OTEL_EXPORTER_OTLP_ENDPOINT` ...,
`OTEL_SDK_DISABLED=true` to force off); otherwise nothing is instrumented and a request pays
no more than reading an empty span from the context.

Metrics: Prometheus on the process's own `/metrics` (`mount_metrics`). Request counts and
durations come from RequestContextMiddleware; gauges that need a query are read when scraped,
at most once per `SCRAPE_CACHE_SECONDS`; domain counters move when their transaction commits
(`on_commit`).
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.context import _SUPPRESS_INSTRUMENTATION_KEY
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import (
    ALWAYS_OFF,
    ALWAYS_ON,
    DEFAULT_OFF,
    DEFAULT_ON,
    ParentBasedTraceIdRatio,
    Sampler,
    TraceIdRatioBased,
)
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import Table, event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from servicekit.settings import ServiceSettings

if TYPE_CHECKING:  # the outbox's relay makes spans with this module
    from servicekit.outbox import OutboxMessageMixin

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------- traces

# Probes and scrapes would be most of the spans and tell nothing.
UNTRACED_PATHS = "/healthz,/readyz,/metrics"

_provider: TracerProvider | None = None


def otlp_configured(settings: ServiceSettings) -> bool:
    if settings.otel_sdk_disabled:
        return False
    return bool(settings.otel_exporter_otlp_endpoint or settings.otel_exporter_otlp_traces_endpoint)


def traces_endpoint(settings: ServiceSettings) -> str | None:
    """Where spans go, as the OTLP exporter specification puts it: the traces endpoint as it
    is, else the general one with `/v1/traces`."""
    if settings.otel_exporter_otlp_traces_endpoint:
        return settings.otel_exporter_otlp_traces_endpoint
    if settings.otel_exporter_otlp_endpoint:
        return settings.otel_exporter_otlp_endpoint.rstrip("/") + "/v1/traces"
    return None


def sampler(settings: ServiceSettings) -> Sampler:
    ratio = settings.otel_traces_sampler_arg
    return {
        "always_on": ALWAYS_ON,
        "always_off": ALWAYS_OFF,
        "parentbased_always_on": DEFAULT_ON,
        "parentbased_always_off": DEFAULT_OFF,
        "traceidratio": TraceIdRatioBased(ratio),
        "parentbased_traceidratio": ParentBasedTraceIdRatio(ratio),
    }[settings.otel_traces_sampler]


def tracer_provider(
    settings: ServiceSettings, process_name: str | None = None
) -> TracerProvider | None:
    """The process's tracer provider: made at the first call when `settings` name an OTLP
    endpoint, else the one a test installed with `use_tracer_provider`, else None (tracing
    off). Its `service.name` is `OTEL_SERVICE_NAME`, else `process_name`, else the service's."""
    if _provider is None and otlp_configured(settings):
        # Imported here: the exporter's protobuf modules are loaded only where they are used.
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        name = settings.otel_service_name or process_name or settings.service_name
        # Resource.create adds what the SDK reads itself: OTEL_RESOURCE_ATTRIBUTES.
        provider = TracerProvider(
            sampler=sampler(settings), resource=Resource.create({SERVICE_NAME: name})
        )
        exporter = OTLPSpanExporter(endpoint=traces_endpoint(settings))
        provider.add_span_processor(BatchSpanProcessor(exporter))
        use_tracer_provider(provider)
    return _provider


def use_tracer_provider(provider: TracerProvider) -> None:
    """Trace the whole process through `provider`: asyncpg and httpx are patched once, here.

    Not made OpenTelemetry's global provider: what is traced is what is instrumented here,
    explicitly (FastAPI's own telemetry, which turns on for a global provider, would add
    spans per dependency and serialisation to every request)."""
    global _provider
    if _provider is provider:
        return
    _provider = provider
    AsyncPGInstrumentor().instrument(tracer_provider=provider)  # type: ignore[no-untyped-call]
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)


ServerRequestHook = Callable[[trace.Span, dict[str, Any]], None]


def instrument_app(
    app: Starlette,
    settings: ServiceSettings,
    *,
    server_request_hook: ServerRequestHook | None = None,
) -> TracerProvider | None:
    """A server span around each request (outside every middleware, so the access log and a
    500 problem carry its trace id), continuing the caller's `traceparent`. Before the app
    serves anything: the span is part of the middleware stack Starlette builds at start."""
    provider = tracer_provider(settings)
    if provider is not None:
        FastAPIInstrumentor.instrument_app(
            app,  # type: ignore[arg-type]  # a Starlette app is instrumented alike
            tracer_provider=provider,
            excluded_urls=UNTRACED_PATHS,
            # Spans per ASGI message would triple the cost and say nothing the server span
            # does not.
            exclude_spans=["receive", "send"],
            server_request_hook=server_request_hook,
        )
    return provider


@contextlib.contextmanager
def untraced() -> Iterator[None]:
    """No spans in here but a `work_span`'s: a worker polls its tables every second, and a
    trace per poll would bury the traces of the work itself."""
    token = otel_context.attach(otel_context.set_value(_SUPPRESS_INSTRUMENTATION_KEY, True))
    try:
        yield
    finally:
        otel_context.detach(token)


@contextlib.contextmanager
def work_span(name: str, attributes: Mapping[str, str | int]) -> Iterator[trace.Span]:
    """A span around one piece of a worker's work (a run, an import, a delivery), with the
    asyncpg and httpx spans of that work inside it, even under `untraced`. A new trace: the
    work's rows do not keep the trace context of the request that queued them."""
    provider = _provider
    if provider is None:
        yield trace.INVALID_SPAN
        return
    token = otel_context.attach(otel_context.set_value(_SUPPRESS_INSTRUMENTATION_KEY, False))
    try:
        tracer = provider.get_tracer(__name__)
        with tracer.start_as_current_span(
            name, kind=trace.SpanKind.CONSUMER, attributes=dict(attributes)
        ) as span:
            yield span
    finally:
        otel_context.detach(token)


def current_trace_id() -> str | None:
    """The W3C trace id of the request being served (32 hex digits), if it is traced."""
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None


# --------------------------------------------------------------------------------- metrics

REQUESTS = Counter(
    "http_requests",
    "HTTP requests answered, by route template and status",
    ["service", "method", "route", "status"],
)
REQUEST_SECONDS = Histogram(
    "http_request_duration_seconds",
    "Time to answer an HTTP request, by route template",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
DB_POOL_IN_USE = Gauge(
    "db_pool_connections_in_use", "Database connections lent to requests or tasks", ["service"]
)
DB_POOL_IDLE = Gauge("db_pool_connections_idle", "Open database connections not lent", ["service"])
DB_POOL_MAX = Gauge(
    "db_pool_connections_max", "Connections the pool may hold (size and overflow)", ["service"]
)
OUTBOX_MESSAGES = Gauge(
    "outbox_messages",
    "Outbox messages waiting to be delivered (pending) or given up on (dead)",
    ["service", "state"],
)
OUTBOX_OLDEST_PENDING = Gauge(
    "outbox_oldest_pending_age_seconds",
    "Age of the oldest outbox message still waiting to be delivered (0: none)",
    ["service"],
)
SCRAPE_ERRORS = Counter(
    "metrics_scrape_errors",
    "Scrape-time readings that failed (their gauges keep the last value)",
    ["service", "reading"],
)

UNMATCHED_ROUTE = "unmatched"
# A client may send any method name; a label per invented one would grow without bound.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def route_template(scope: Scope) -> str | None:
    """The template of the route that answered (`/v1/orgs/{org_id}`), never the raw path:
    Starlette's router records the route it matched in the request's scope."""
    return getattr(scope.get("route"), "path", None)


class RequestMetrics:
    """Counts and times requests; label children are kept, so a request does two dict
    look-ups and two increments."""

    def __init__(self, service: str) -> None:
        self.service = service
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            label = method if method in _METHODS else "other"
            children = (
                REQUESTS.labels(self.service, label, route, str(status)),
                REQUEST_SECONDS.labels(self.service, label, route),
            )
            self._children[key] = children
        children[0].inc()
        children[1].observe(seconds)


# A reading taken when /metrics is scraped: it sets gauges from the app's state or database.
ScrapeReading = Callable[[Starlette], Awaitable[None]]

SCRAPE_CACHE_SECONDS = 10.0
SCRAPE_TIMEOUT_SECONDS = 2.0
# Anything a proxy adds: the gateway, an ingress or a balancer in front. Prometheus scrapes
# the process directly; a request that came through a proxy is not a scrape and learns nothing.
_FORWARDED = frozenset({b"forwarded", b"x-forwarded-for", b"x-forwarded-prefix"})


class _CachedReading:
    """At most one run per `seconds`, one at a time: Prometheus pairs scraping the same
    process must not double the queries."""

    def __init__(self, reading: ScrapeReading, seconds: float) -> None:
        self.reading = reading
        self.name = getattr(reading, "__name__", "reading")
        self.seconds = seconds
        self._done_at = -float("inf")
        self._lock = asyncio.Lock()

    async def refresh(self, app: Starlette, service: str) -> None:
        async with self._lock:
            if time.monotonic() - self._done_at < self.seconds:
                return
            try:
                async with asyncio.timeout(SCRAPE_TIMEOUT_SECONDS):
                    await self.reading(app)
            except Exception as exc:
                SCRAPE_ERRORS.labels(service, self.name).inc()
                logger.warning("metrics reading %s failed: %s", self.name, type(exc).__name__)
            # A failed reading waits its turn too: a database in trouble is not asked more.
            self._done_at = time.monotonic()


def mount_metrics(
    app: Starlette,
    service: str,
    readings: Sequence[ScrapeReading] = (),
    *,
    cache_seconds: float = SCRAPE_CACHE_SECONDS,
) -> None:
    """`GET /metrics` on `app` in Prometheus' text format, with `readings` refreshed first.
    A request that came through a proxy is answered 404, as an unknown path.

    Any Starlette app will do (a worker's health server too). A reading gets the app: those
    here read `app.state.settings` (`service_name`, pool sizes), `app.state.engine`
    (`read_db_pool`) and `app.state.reads` (`outbox_reading`)."""
    cached = [_CachedReading(reading, cache_seconds) for reading in readings]

    async def metrics(request: Request) -> Response:
        if any(name in _FORWARDED for name, _ in request.scope["headers"]):
            raise HTTPException(404)
        for reading in cached:
            await reading.refresh(request.app, service)
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    app.add_route("/metrics", metrics, methods=["GET"], include_in_schema=False)


async def read_db_pool(app: Starlette) -> None:
    """The pool of the app's engine (SQLAlchemy's QueuePool), read without a query."""
    pool: Any = app.state.engine.pool
    settings = app.state.settings
    service = settings.service_name
    DB_POOL_IN_USE.labels(service).set(pool.checkedout())
    DB_POOL_IDLE.labels(service).set(pool.checkedin())
    DB_POOL_MAX.labels(service).set(settings.db_pool_size + settings.db_max_overflow)


def table_name(model: type[Any]) -> str:
    """The schema-qualified table of a mapped class, for a scrape-time query."""
    table: Table = model.__table__
    return table.fullname


def outbox_reading(model: "type[OutboxMessageMixin]") -> ScrapeReading:
    """Backlog and dead letters of a service's outbox table (servicekit.outbox), one indexed
    query over the undelivered rows."""
    # The table name comes from the service's model, never from a request.
    table = table_name(model)
    query = (
        "SELECT count(*) FILTER (WHERE status = 'pending'), "  # noqa: S608
        "count(*) FILTER (WHERE status = 'dead'), "
        "coalesce(extract(epoch FROM now() - min(created_at) FILTER "
        "(WHERE status = 'pending')), 0)::float8 "
        f"FROM {table} WHERE status IN ('pending', 'dead')"
    )

    async def read_outbox(app: Starlette) -> None:
        service = app.state.settings.service_name
        async with app.state.reads() as connection:
            pending, dead, oldest = await connection.fetchrow(query)
        OUTBOX_MESSAGES.labels(service, "pending").set(pending)
        OUTBOX_MESSAGES.labels(service, "dead").set(dead)
        OUTBOX_OLDEST_PENDING.labels(service).set(oldest)

    return read_outbox


# Domain counters must count what was stored: an action registered here runs after the
# session's transaction commits, and is dropped if it rolls back.
_ON_COMMIT = "servicekit.telemetry.on_commit"


def on_commit(session: AsyncSession, action: Callable[[], None]) -> None:
    session.info.setdefault(_ON_COMMIT, []).append(action)


@event.listens_for(Session, "after_commit")
def _run_on_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: the request's transaction may still roll back
    for action in session.info.pop(_ON_COMMIT, ()):
        action()


@event.listens_for(Session, "after_soft_rollback")
def _drop_on_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    # A savepoint rolled back leaves the request's transaction, and what it counted, alive.
    if not previous_transaction.nested:
        session.info.pop(_ON_COMMIT, None)
