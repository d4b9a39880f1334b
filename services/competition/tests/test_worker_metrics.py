"""`python -m competition worker` serves Prometheus metrics on its own health port, with the
readings its web process serves (one code path): its connection pool and the outbox of
honours on their way to membership."""

from prometheus_client.parser import text_string_to_metric_families

from servicekit.testing.workers import running_worker


def test_the_worker_serves_its_pool_and_outbox_on_its_health_port(database_url: str) -> None:
    env = {"COMPETITION_DATABASE_URL": database_url, "COMPETITION_DB_POOL_SIZE": "2"}
    with running_worker("competition", "COMPETITION_", env) as worker:
        scraped = worker.get("/metrics")
        proxied = worker.get("/metrics", headers={"X-Forwarded-Prefix": "/competition"})
    assert scraped.status_code == 200
    metrics = {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(scraped.text)
        for sample in family.samples
    }
    service = frozenset({("service", "competition")})
    assert metrics[("db_pool_connections_max", service)] == 2
    for state in ("pending", "dead"):
        assert ("outbox_messages", service | {("state", state)}) in metrics
    assert ("outbox_oldest_pending_age_seconds", service) in metrics
    assert not any(name == "metrics_scrape_errors_total" for name, _ in metrics)
    assert proxied.status_code == 404
