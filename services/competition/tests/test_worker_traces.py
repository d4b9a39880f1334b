"""`python -m competition worker`, traced: with an OTLP endpoint set, a delivery of its outbox
is one trace exported to the collector, holding the worker's SQL and its call to membership,
which carries the trace on (`traceparent`); polling exports nothing."""

import asyncio
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from competition.awards.delivery import HONOUR_TOPIC
from competition.models import OutboxMessage
from servicekit.outbox import new_message
from servicekit.testing.workers import running_worker


@dataclass
class Received:
    """What the collector and membership were sent."""

    spans: list[tuple[str, str, bytes, str]] = field(default_factory=list)
    traceparents: list[str] = field(default_factory=list)
    called: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def collector() -> Iterator[tuple[str, Received]]:
    """An OTLP/HTTP collector (`/v1/traces`) and, at any other path, a membership that is
    down (503), on one port."""
    received = Received()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path == "/v1/traces":
                export = ExportTraceServiceRequest.FromString(body)
                for resource in export.resource_spans:
                    names = {a.key: a.value.string_value for a in resource.resource.attributes}
                    for scope in resource.scope_spans:
                        for span in scope.spans:
                            received.spans.append(
                                (names["service.name"], span.name, span.trace_id, span.kind)
                            )
                self.send_response(200)
            else:
                received.traceparents.append(self.headers.get("traceparent", ""))
                received.called.set()
                self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


async def test_a_delivery_is_one_exported_trace_carried_on_to_membership(
    engine: AsyncEngine, database_url: str, collector: tuple[str, Received]
) -> None:
    address, received = collector
    sessions = async_sessionmaker(engine)
    key = f"worker-traces-{uuid.uuid4()}"
    async with sessions() as session, session.begin():
        session.add(new_message(OutboxMessage, HONOUR_TOPIC, {"grant_id": key}, key=key))
    env = {
        "COMPETITION_DATABASE_URL": database_url,
        "COMPETITION_MEMBERSHIP_URL": address,
        "COMPETITION_UPSTREAM_ATTEMPTS": "1",
        "COMPETITION_WORKER_POLL_SECONDS": "0.1",
        "OTEL_EXPORTER_OTLP_ENDPOINT": address,
    }
    try:
        with running_worker("competition", "COMPETITION_", env):
            await asyncio.to_thread(received.called.wait, 20)
            await asyncio.sleep(1)  # idle polls, which must export nothing
        # Stopped: the worker has flushed its spans on the way out.
    finally:
        async with sessions() as session, session.begin():
            await session.execute(delete(OutboxMessage).where(OutboxMessage.message_key == key))

    assert received.traceparents, "the worker never called membership"
    services = {service for service, *_ in received.spans}
    assert services == {"competition-worker"}
    deliveries = [s for s in received.spans if s[1] == f"deliver {HONOUR_TOPIC}"]
    assert deliveries, [s[1] for s in received.spans]
    traces = {trace_id for _, _, trace_id, _ in deliveries}
    # Every span is part of a delivery's trace: no trace of a poll, a probe or a scrape.
    assert {trace_id for _, _, trace_id, _ in received.spans} == traces
    names = {name for _, name, _, _ in received.spans}
    assert any(name.startswith(("SELECT", "UPDATE")) for name in names), names
    assert any(name.startswith("POST") for name in names), names
    # Membership was called within the delivery's trace.
    called = {bytes.fromhex(parent.split("-")[1]) for parent in received.traceparents}
    assert called <= traces
