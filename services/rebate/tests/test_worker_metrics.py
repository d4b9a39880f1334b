"""`python -m rebate worker` serves Prometheus metrics on its own health port, with the
readings its web process serves (one code path): its connection pool, the outbox of payout
instructions and notices, the runs in flight and their progress."""

from prometheus_client.parser import text_string_to_metric_families

from servicekit.testing.workers import running_worker


def test_the_worker_serves_its_pool_outbox_and_runs_on_its_health_port(database_url: str) -> None:
    env = {"REBATE_DATABASE_URL": database_url, "REBATE_DB_POOL_SIZE": "4"}
    with running_worker("rebate", "REBATE_", env) as worker:
        scraped = worker.get("/metrics")
        proxied = worker.get("/metrics", headers={"Forwarded": "for=203.0.113.9"})
    assert scraped.status_code == 200
    metrics = {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(scraped.text)
        for sample in family.samples
    }
    service = frozenset({("service", "rebate")})
    assert metrics[("db_pool_connections_max", service)] == 4
    for state in ("pending", "dead"):
        assert ("outbox_messages", service | {("state", state)}) in metrics
    for state in ("queued", "running"):
        assert ("rebate_runs", frozenset({("state", state)})) in metrics
    for state in ("total", "done"):
        assert ("rebate_run_enterprises", frozenset({("state", state)})) in metrics
    assert ("rebate_run_oldest_in_flight_seconds", frozenset()) in metrics
    assert ("rebate_runs_lease_expired", frozenset()) in metrics
    assert not any(name == "metrics_scrape_errors_total" for name, _ in metrics)
    assert proxied.status_code == 404
