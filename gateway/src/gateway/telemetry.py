"""The gateway's traces and metrics: spans and request labels per service for proxied paths,
aiohttp's client spans (which carry `traceparent` upstream), and no service's /metrics
through the entrance."""

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from opentelemetry.instrumentation.aiohttp_client import AioHttpClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import Span
from starlette.types import ASGIApp, Receive, Scope, Send

from servicekit.errors import problem_response, wants_chinese


def _service_of(path: str, services: frozenset[str]) -> str | None:
    name = path[1:].partition("/")[0]
    return name if name in services else None


def proxied_route(services: frozenset[str]) -> Callable[[Scope], str | None]:
    """A proxied request's label: its service, never the raw path (ids would make a series
    per object)."""

    def route_of(scope: Scope) -> str | None:
        service = _service_of(scope["path"], services)
        return None if service is None else f"/{service}/{{path}}"

    return route_of


def span_namer(services: frozenset[str]) -> Callable[[Span, dict[str, Any]], None]:
    route_of = proxied_route(services)

    def name_span(span: Span, scope: dict[str, Any]) -> None:
        route = route_of(scope)
        if route is not None and span.is_recording():
            span.update_name(f"{scope['method']} {route}")
            span.set_attribute("http.route", route)

    return name_span


def trace_upstream_calls(provider: TracerProvider) -> None:
    """A client span per upstream request, which also injects `traceparent` into it
    (replacing a client's own, now our span's parent). Sessions made after this are traced."""
    AioHttpClientInstrumentor().instrument(tracer_provider=provider)


# W3C trace context a caller may send. The gateway is the edge: a public caller must not pick
# trace ids (to pass as another's) nor mark its requests sampled (to flood the trace store).
_TRACE_CONTEXT = frozenset({b"traceparent", b"tracestate", b"baggage"})


class _UntrustedTraceContext:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and any(n in _TRACE_CONTEXT for n, _ in scope["headers"]):
            headers = [(n, v) for n, v in scope["headers"] if n not in _TRACE_CONTEXT]
            scope = {**scope, "headers": headers}
        await self.app(scope, receive, send)


def start_traces_here(app: FastAPI) -> None:
    """Drop the caller's trace context before anything reads it: outside even the server
    span that instrumentation puts around the whole stack, so each trace starts here, and
    nothing of the caller's reaches a service either."""
    build = app.build_middleware_stack

    def build_middleware_stack() -> ASGIApp:
        return _UntrustedTraceContext(build())

    app.build_middleware_stack = build_middleware_stack  # type: ignore[method-assign]


class MetricsShield:
    """`/{service}/metrics` is answered 404 here: a service's metrics are for the scraper that
    reaches the process itself, not for anyone at the entrance."""

    def __init__(self, app: ASGIApp, *, services: frozenset[str]) -> None:
        self.app = app
        self.paths = frozenset(f"/{service}/metrics" for service in services)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/") in self.paths:
            accept_language = None
            for name, value in scope["headers"]:
                if name == b"accept-language":
                    accept_language = value.decode("latin-1")
            response = problem_response(404, chinese=wants_chinese(accept_language))
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
