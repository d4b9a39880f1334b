"""Telemetry of membership: one request followed from the gateway to membership's database in
one trace, with its id in the problem body and the log line; /metrics by route template,
domain counters that move only with what commits, and no metrics for a proxied request."""

import asyncio
import io
import json
import logging
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from opentelemetry.instrumentation.aiohttp_client import AioHttpClientInstrumentor
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.background import BackgroundTask

from gateway.main import create_app as create_gateway
from gateway.settings import GatewaySettings
from membership.events.models import OutboxMessage
from servicekit import telemetry
from servicekit.outbox import DEAD, new_message

AuthHeaders = Any
FORGED_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemorySpanExporter]:
    """Tracing on for this test only, into memory; the process is left as it was."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(telemetry, "_provider", None)
    # Instrumenting an app also traces every BackgroundTask of the process: undone after.
    monkeypatch.setattr(BackgroundTask, "__call__", BackgroundTask.__call__)
    telemetry.use_tracer_provider(provider)
    try:
        yield exporter
    finally:
        AsyncPGInstrumentor().uninstrument()
        HTTPXClientInstrumentor().uninstrument()
        AioHttpClientInstrumentor().uninstrument()


@asynccontextmanager
async def served(app: FastAPI) -> AsyncIterator[str]:
    """The app (lifespan already running) on a real port, for a real aiohttp client."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, lifespan="off", log_config=None, access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
        sock.close()


def _by_kind(spans: list[ReadableSpan], kind: SpanKind, scope: str) -> list[ReadableSpan]:
    return [
        s
        for s in spans
        if s.kind is kind and s.instrumentation_scope and scope in s.instrumentation_scope.name
    ]


async def test_one_request_is_one_trace_from_the_gateway_to_the_database(
    spans: InMemorySpanExporter, app: FastAPI, auth: AuthHeaders
) -> None:
    # `spans` comes first: tracing is on before the app is built.
    missing_org = uuid.uuid4()
    root = logging.getLogger()
    async with served(app) as membership_url:
        gateway = create_gateway(GatewaySettings(membership_url=membership_url))
        async with LifespanManager(gateway) as manager:
            log = io.StringIO()
            # Both lifespans configured logging; the last handler is the one in force.
            handler = root.handlers[0]
            assert isinstance(handler, logging.StreamHandler)
            stream = handler.setStream(log)
            try:
                transport = httpx.ASGITransport(app=manager.app)
                async with httpx.AsyncClient(
                    transport=transport, base_url="http://gateway.test"
                ) as client:
                    response = await client.get(
                        f"/membership/v1/orgs/{missing_org}",
                        # A caller's own trace context is not continued at the edge.
                        headers={**auth("admin"), "traceparent": FORGED_TRACEPARENT},
                    )
            finally:
                handler.setStream(stream)

    assert response.status_code == 404
    trace_id = response.json()["trace_id"]
    assert len(trace_id) == 32
    assert trace_id != FORGED_TRACEPARENT.split("-")[1]

    finished = [s for s in spans.get_finished_spans() if s.context is not None]
    in_trace = [s for s in finished if format(s.context.trace_id, "032x") == trace_id]
    [gateway_span] = [
        s for s in _by_kind(in_trace, SpanKind.SERVER, "fastapi") if s.name.startswith("GET /m")
    ]
    assert gateway_span.name == "GET /membership/{path}"
    [upstream_call] = _by_kind(in_trace, SpanKind.CLIENT, "aiohttp")
    # The gateway's first token check fetched membership's keys over httpx, in this trace.
    [keys_call] = _by_kind(in_trace, SpanKind.CLIENT, "httpx")
    assert keys_call.parent is not None
    assert keys_call.parent.span_id == gateway_span.context.span_id
    [handler_span] = [
        s
        for s in _by_kind(in_trace, SpanKind.SERVER, "fastapi")
        if s.name == "GET /v1/orgs/{org_id}"
    ]
    queries = _by_kind(in_trace, SpanKind.CLIENT, "asyncpg")
    assert queries
    # The chain: gateway → its call upstream → (traceparent) → membership → its queries.
    assert upstream_call.parent is not None
    assert gateway_span.context is not None
    assert upstream_call.parent.span_id == gateway_span.context.span_id
    assert handler_span.parent is not None
    assert upstream_call.context is not None
    assert handler_span.parent.span_id == upstream_call.context.span_id
    span_ids = {s.context.span_id for s in in_trace if s.context is not None}
    assert all(q.parent is not None and q.parent.span_id in span_ids for q in queries)
    # No statement carries a value a caller sent.
    assert not any(str(missing_org) in str(dict(q.attributes or {})) for q in queries)

    access = [
        json.loads(line)
        for line in log.getvalue().splitlines()
        if line.startswith("{") and '"servicekit.access"' in line
    ]
    [handled] = [a for a in access if a["path"] == f"/v1/orgs/{missing_org}"]
    [proxied] = [a for a in access if a["path"] == f"/membership/v1/orgs/{missing_org}"]
    assert handled["trace_id"] == proxied["trace_id"] == trace_id


async def test_untraced_requests_carry_no_trace_id(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.get(f"/v1/orgs/{uuid.uuid4()}", headers=auth("admin"))
    assert response.status_code == 404
    assert "trace_id" not in response.json()


def _samples(text: str, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    return {
        tuple(sorted(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == name
    }


async def test_requests_are_counted_by_route_template_never_by_raw_path(
    client: httpx.AsyncClient, auth: Any
) -> None:
    org_ids = [str(uuid.uuid4()) for _ in range(3)]
    for org_id in org_ids:
        await client.get(f"/v1/orgs/{org_id}", headers=auth("admin"))
    await client.get(f"/v1/no-such-route/{org_ids[0]}")

    scrape = await client.get("/metrics")
    assert scrape.status_code == 200
    counts = _samples(scrape.text, "http_requests_total")
    key = (
        ("method", "GET"),
        ("route", "/v1/orgs/{org_id}"),
        ("service", "membership"),
        ("status", "404"),
    )
    assert counts[key] >= 3
    assert any(dict(k)["route"] == "unmatched" for k in counts)
    assert not any(org_id in scrape.text for org_id in org_ids)
    durations = _samples(scrape.text, "http_request_duration_seconds_count")
    assert durations[(("method", "GET"), ("route", "/v1/orgs/{org_id}"), ("service", "membership"))]
    assert _samples(scrape.text, "db_pool_connections_max")[(("service", "membership"),)] > 0


async def test_join_and_approval_move_their_counters_and_a_stranger_moves_nothing(
    client: httpx.AsyncClient, auth: Any, tree: Any, person: Any
) -> None:
    def cadre(org_id: str) -> dict[str, str]:
        headers: dict[str, str] = auth(
            "cadre", org_scope=(org_id,), permissions=("manage_members", "review_joins")
        )
        return headers

    def joins() -> float:
        return REGISTRY.get_sample_value("membership_joins_total", {"channel": "qr_code"}) or 0.0

    def approvals() -> float:
        return REGISTRY.get_sample_value("membership_approvals_total") or 0.0

    joins_before, approvals_before = joins(), approvals()
    invitation = await client.post(
        f"/v1/orgs/{tree.shangcheng_union}/invitations", json={}, headers=cadre(tree.shangcheng)
    )
    code = invitation.json()["code"]
    assert (await client.post(f"/v1/join/{code}", json=person(31))).status_code == 202
    # The same person again changes nothing, and counts nothing.
    assert (await client.post(f"/v1/join/{code}", json=person(31))).status_code == 202
    assert joins() == joins_before + 1
    assert approvals() == approvals_before

    queue = await client.get(
        "/v1/members",
        params={"org_id": tree.shangcheng, "state": "applied"},
        headers=cadre(tree.shangcheng),
    )
    [member] = queue.json()["items"]
    # A cadre of the next county cannot approve, and no approval is counted.
    stranger = await client.post(f"/v1/members/{member['id']}/approve", headers=cadre(tree.gongshu))
    assert stranger.status_code == 404
    assert approvals() == approvals_before
    approved = await client.post(
        f"/v1/members/{member['id']}/approve", headers=cadre(tree.shangcheng)
    )
    assert approved.status_code == 200
    assert approvals() == approvals_before + 1

    scrape = (await client.get("/metrics")).text
    assert _samples(scrape, "membership_joins_total")[(("channel", "qr_code"),)] == joins()
    assert _samples(scrape, "membership_approvals_total")[()] == approvals()


async def test_counted_work_that_rolls_back_is_not_counted(session: AsyncSession) -> None:
    counted: list[str] = []
    await session.execute(text("SELECT 1"))  # work begun, as a counter follows a write
    telemetry.on_commit(session, lambda: counted.append("rolled back"))
    await session.rollback()
    await session.commit()
    assert counted == []
    await session.execute(text("SELECT 1"))
    telemetry.on_commit(session, lambda: counted.append("committed"))
    # A savepoint released inside the transaction is not its commit.
    async with session.begin_nested():
        await session.execute(text("SELECT 1"))
    assert counted == []
    await session.commit()
    assert counted == ["committed"]


async def test_dead_letters_are_read_from_the_outbox_when_scraped(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    dead = new_message(OutboxMessage, "org.changed", {"org_id": "x"})
    dead.status = DEAD
    session.add_all([dead, new_message(OutboxMessage, "org.changed", {"org_id": "y"})])
    await session.commit()

    def failed_readings() -> float:
        return sum(
            REGISTRY.get_sample_value(
                "metrics_scrape_errors_total", {"service": "membership", "reading": reading}
            )
            or 0.0
            for reading in ("read_outbox", "read_imports", "read_db_pool")
        )

    failed_before = failed_readings()
    scrape = (await client.get("/metrics")).text
    assert failed_readings() == failed_before
    outbox = _samples(scrape, "outbox_messages")
    assert outbox[(("service", "membership"), ("state", "dead"))] == 1
    assert outbox[(("service", "membership"), ("state", "pending"))] == 1
    assert "membership_imports_running" in scrape


@pytest.mark.parametrize(
    "header", ["X-Forwarded-For", "X-Forwarded-Prefix", "Forwarded"], ids=str.lower
)
async def test_metrics_are_refused_to_a_request_that_came_through_a_proxy(
    client: httpx.AsyncClient, header: str
) -> None:
    response = await client.get("/metrics", headers={header: "for=198.51.100.9"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "http_requests" not in response.text


async def test_an_honour_is_counted_once_however_often_the_award_is_sent(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    def granted() -> float:
        labels = {"kind": "may_day_labour_medal", "level": "provincial"}
        return REGISTRY.get_sample_value("membership_honours_granted_total", labels) or 0.0

    before = granted()
    member = await enrol(tree.gongshu_union, 52)
    body = {
        "membership_no": member["membership_no"],
        "kind": "may_day_labour_medal",
        "level": "provincial",
        "title": "浙江省五一劳动奖章",
        "awarded_on": "2026-04-28",
        "granting_org_id": tree.province,
        "source_ref": "competition:award:telemetry",
    }
    service = auth("service", subject="client:competition", permissions=("grant_honours",))
    assert (await client.post("/v1/honours", json=body, headers=service)).status_code == 201
    assert (await client.post("/v1/honours", json=body, headers=service)).status_code == 200
    # A county cadre cannot grant a provincial honour, and nothing is counted for trying.
    county = auth("cadre", org_scope=(tree.gongshu,), permissions=("grant_honours",))
    refused = await client.post(
        "/v1/honours",
        json={**body, "source_ref": None, "granting_org_id": tree.gongshu},
        headers=county,
    )
    assert refused.status_code == 422
    assert granted() == before + 1
