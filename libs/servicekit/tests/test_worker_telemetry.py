"""A worker's traces and metrics: one trace per piece of work (a leased item, an outbox
delivery) holding that work's queries, none for polling, probes or scrapes; and /metrics on
its health port with its pool and the service's readings."""

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from servicekit import telemetry
from servicekit.outbox import OutboxRelay, new_message
from servicekit.settings import ServiceSettings
from servicekit.testing.workers import free_port
from servicekit.worker import LeasedQueue, Worker

JOBS = LeasedQueue(
    table="kit.job",
    waiting="status = 'queued'",
    working="status = 'running'",
    claimed="status = 'running'",
    order_by="created_at",
)


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(telemetry, "_provider", None)
    telemetry.use_tracer_provider(provider)
    try:
        yield exporter
    finally:
        AsyncPGInstrumentor().uninstrument()
        HTTPXClientInstrumentor().uninstrument()


async def test_each_piece_of_work_is_one_trace_with_its_queries_and_polls_make_none(
    kit_engine: AsyncEngine, job_model: Any, outbox_model: Any, spans: InMemorySpanExporter
) -> None:
    sessions = async_sessionmaker(kit_engine, expire_on_commit=False)
    async with sessions() as session, session.begin():
        await session.execute(delete(job_model))
        await session.execute(delete(outbox_model))
        job_id = uuid.uuid4()
        await session.execute(
            text("INSERT INTO kit.job (id, status) VALUES (:id, 'queued')"), {"id": job_id}
        )
        session.add(new_message(outbox_model, "kit.refused", {"n": 1}))
    worked, delivered = asyncio.Event(), asyncio.Event()

    async def execute(item: uuid.UUID) -> None:
        async with sessions() as session, session.begin():
            await session.execute(
                text("UPDATE kit.job SET status = 'done' WHERE id = :id"), {"id": item}
            )
        worked.set()

    async def refuse(payload: dict[str, Any], key: str) -> None:
        async with sessions() as session:
            await session.execute(text("SELECT 1"))
        delivered.set()
        raise RuntimeError("the receiver answered 500")

    relay = OutboxRelay(sessions, outbox_model, {"kit.refused": refuse}, poll_seconds=0.05)
    port = free_port()
    worker = Worker(
        "kit worker",
        kit_engine,
        [JOBS.loop(sessions, "kit", 30, 0.05, execute), relay.run],
        settings=ServiceSettings(service_name="kit"),
        health_port=port,
    )
    spans.clear()  # the test's own setup
    running = asyncio.create_task(worker.run())
    # The probe and the scrape, as the kubelet and Prometheus send them: no trace context.
    with telemetry.untraced():
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            await asyncio.wait_for(asyncio.gather(worked.wait(), delivered.wait()), 10)
            await asyncio.sleep(0.3)  # polls of two idle loops, some of them
            for _ in range(50):
                try:
                    ready = await client.get("/readyz")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            scraped = await client.get("/metrics")
            worker.stop.set()
            await asyncio.wait_for(running, 10)

    assert ready.status_code == 200
    assert scraped.status_code == 200
    assert 'db_pool_connections_in_use{service="kit"}' in scraped.text
    finished = spans.get_finished_spans()
    roots = [s for s in finished if s.parent is None]
    assert sorted(s.name for s in roots) == ["deliver kit.refused", "work kit.job"]
    [work] = [s for s in roots if s.name == "work kit.job"]
    [delivery] = [s for s in roots if s.name == "deliver kit.refused"]
    assert work.kind is SpanKind.CONSUMER
    assert work.attributes is not None
    assert work.attributes["work.item_id"] == str(job_id)
    assert delivery.status.status_code is StatusCode.ERROR
    # Every query made for a piece of work is in its trace, beneath it.
    queries = [s for s in finished if s.kind is SpanKind.CLIENT]
    work_trace = [s for s in queries if s.context.trace_id == work.context.trace_id]
    delivery_trace = [s for s in queries if s.context.trace_id == delivery.context.trace_id]
    assert any(s.name == "UPDATE" for s in work_trace)
    assert delivery_trace  # the handler's SELECT and the outcome's UPDATE
    assert len(work_trace) + len(delivery_trace) == len(queries)
