"""The gateway's metrics: its own /metrics labels proxied requests by service, never by raw
path, and no service's /metrics is reachable through it."""

import uuid

import httpx
from prometheus_client.parser import text_string_to_metric_families

from .conftest import Services


def _request_counts(text: str) -> dict[tuple[str, str, str], float]:
    return {
        (s.labels["method"], s.labels["route"], s.labels["status"]): s.value
        for family in text_string_to_metric_families(text)
        if family.name == "http_requests"
        for s in family.samples
        if s.name == "http_requests_total" and s.labels["service"] == "gateway"
    }


async def test_a_service_metrics_are_not_reachable_through_the_gateway(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    for path in ("/membership/metrics", "/rebate/metrics/", "/competition/%6Detrics"):
        for headers in ({}, auth):
            response = await gateway.get(path, headers=headers)
            assert response.status_code == 404, path
            assert response.headers["content-type"] == "application/problem+json"
            assert "http_requests" not in response.text
    assert not services.membership.received_on("/metrics")
    assert not services.rebate.received_on("/metrics/")


async def test_proxied_requests_are_counted_by_service_not_by_path(
    gateway: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    before = _request_counts((await gateway.get("/metrics")).text)
    org_ids = [uuid.uuid4().hex for _ in range(3)]
    for org_id in org_ids:
        assert (await gateway.get(f"/membership/v1/orgs/{org_id}", headers=auth)).is_success
    # Invented methods share one label, so a client cannot grow the series without bound.
    await gateway.request("BREW", "/rebate/v1/pots", headers=auth)

    scrape = await gateway.get("/metrics")
    assert scrape.status_code == 200
    assert scrape.headers["content-type"].startswith("text/plain")
    after = _request_counts(scrape.text)
    key = ("GET", "/membership/{path}", "200")
    assert after[key] - before.get(key, 0) == 3
    assert any(key[:2] == ("other", "/rebate/{path}") for key in after)
    assert not any(org_id in route for _, route, _ in after for org_id in org_ids)
    assert "BREW" not in scrape.text


async def test_the_gateway_metrics_are_refused_to_a_request_from_a_balancer(
    gateway: httpx.AsyncClient,
) -> None:
    # Behind the Gateway API route (or any balancer), the public reaches the gateway with
    # X-Forwarded-For set; only a scraper at the pod itself reads the gateway's metrics.
    response = await gateway.get("/metrics", headers={"X-Forwarded-For": "198.51.100.9"})
    assert response.status_code == 404
    assert "http_requests" not in response.text


async def test_a_caller_cannot_choose_the_trace_its_request_joins(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    path = f"/v1/orgs/{uuid.uuid4().hex}"
    forged = {
        "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "tracestate": "congo=t61rcWkgMzE",
        "baggage": "user=admin",
    }
    response = await gateway.get(f"/membership{path}", headers={**auth, **forged})
    assert response.status_code == 200
    [received] = services.membership.received_on(path)
    assert not set(forged) & set(received.headers)
