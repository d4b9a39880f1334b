"""`python -m membership worker` serves Prometheus metrics on its own health port, with the
readings its web process serves (one code path): its connection pool, the outbox backlog and
dead letters, the imports in progress; and none to a request that came through a proxy."""

import uuid

from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from membership.events.models import OutboxMessage
from servicekit.outbox import DEAD, new_message
from servicekit.testing.workers import running_worker


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_the_worker_serves_its_pool_outbox_and_imports_on_its_health_port(
    engine: AsyncEngine, database_url: str
) -> None:
    # Committed, for the worker's own connections to see; removed after.
    key = f"worker-metrics-{uuid.uuid4()}"
    sessions = async_sessionmaker(engine)
    async with sessions() as session, session.begin():
        dead = new_message(OutboxMessage, "org.changed", {"org_id": "x"}, key=key)
        dead.status = DEAD
        session.add(dead)
    try:
        env = {"MEMBERSHIP_DATABASE_URL": database_url, "MEMBERSHIP_DB_POOL_SIZE": "3"}
        with running_worker("membership", "MEMBERSHIP_", env) as worker:
            scraped = worker.get("/metrics")
            proxied = worker.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    finally:
        async with sessions() as session, session.begin():
            await session.execute(delete(OutboxMessage).where(OutboxMessage.message_key == key))
    assert scraped.status_code == 200
    metrics = samples(scraped.text)
    service = frozenset({("service", "membership")})
    assert metrics[("db_pool_connections_max", service)] == 3
    assert ("db_pool_connections_in_use", service) in metrics
    assert metrics[("outbox_messages", service | {("state", "dead")})] >= 1
    assert ("outbox_oldest_pending_age_seconds", service) in metrics
    assert ("membership_imports_running", frozenset()) in metrics
    assert ("membership_import_rows", frozenset({("state", "processed")})) in metrics
    assert ("membership_import_oldest_running_seconds", frozenset()) in metrics
    assert not any(name == "metrics_scrape_errors_total" for name, _ in metrics)
    # Prometheus scrapes the pod; whatever came through the gateway or an ingress learns
    # nothing, as from a web process.
    assert proxied.status_code == 404
