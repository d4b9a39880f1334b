"""Several replicas per service: balanced, and a failed replica passed over without losing
a request that may be sent again."""

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from gateway.routing import Upstream
from gateway.tests.conftest import FakeService, GatewayFactory, Services


@pytest.fixture
async def second_rebate() -> AsyncIterator[FakeService]:
    """Another replica of rebate, on a port of its own."""
    fake = FakeService("rebate-2")
    runner = web.AppRunner(fake.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    fake.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        yield fake
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("balancing", ["round_robin", "least_outstanding"])
async def test_requests_are_spread_over_the_replicas(
    gateway_factory: GatewayFactory,
    services: Services,
    second_rebate: FakeService,
    auth: dict[str, str],
    balancing: str,
) -> None:
    services.rebate.received.clear()
    replicas = [services.rebate.url, second_rebate.url]
    async with gateway_factory(rebate_url=replicas, balancing=balancing) as gateway:
        for _ in range(10):
            assert (await gateway.get("/rebate/v1/spread", headers=auth)).status_code == 200

    assert len(services.rebate.received_on("/v1/spread")) == 5
    assert len(second_rebate.received_on("/v1/spread")) == 5


async def test_a_replica_refusing_connections_loses_no_request(
    gateway_factory: GatewayFactory, services: Services, auth: dict[str, str]
) -> None:
    services.rebate.received.clear()
    replicas = [services.dead_url, services.rebate.url]
    async with gateway_factory(rebate_url=replicas) as gateway:
        for _ in range(4):
            read = await gateway.get("/rebate/v1/things", headers=auth)
            assert read.status_code == 200
            # Never connected, so it never arrived: even a plain POST goes to the next one.
            write = await gateway.post("/rebate/v1/things", headers=auth, json={})
            assert write.status_code == 200
            assert write.headers["location"] == "/rebate/v1/things/42"

    assert len(services.rebate.received_on("/v1/things")) == 8


async def test_a_write_cut_off_mid_request_is_not_sent_twice(
    gateway_factory: GatewayFactory,
    services: Services,
    second_rebate: FakeService,
    auth: dict[str, str],
) -> None:
    services.rebate.received.clear()
    replicas = [services.rebate.url, second_rebate.url]
    async with gateway_factory(rebate_url=replicas) as gateway:
        response = await gateway.post("/rebate/v1/hangup", headers=auth)

    # The replica may have done the work before the connection broke: a second replica
    # doing it again could pay twice.
    assert response.status_code == 502
    received = services.rebate.received_on("/v1/hangup") + second_rebate.received_on("/v1/hangup")
    assert len(received) == 1


@pytest.mark.parametrize(
    ("method", "headers"), [("GET", {}), ("POST", {"Idempotency-Key": "pay-7f3a"})]
)
async def test_an_idempotent_request_cut_off_goes_to_another_replica(
    gateway_factory: GatewayFactory,
    services: Services,
    second_rebate: FakeService,
    auth: dict[str, str],
    method: str,
    headers: dict[str, str],
) -> None:
    services.rebate.received.clear()
    replicas = [services.rebate.url, second_rebate.url]
    async with gateway_factory(rebate_url=replicas) as gateway:
        response = await gateway.request(method, "/rebate/v1/hangup", headers=auth | headers)

    # Both replicas hang up in this test, so both were tried, and the answer is still a 502.
    # (aiohttp itself sends a GET once more on a reused connection that broke.)
    assert response.status_code == 502
    assert services.rebate.received_on("/v1/hangup")
    assert second_rebate.received_on("/v1/hangup")


def test_a_refusing_replica_rests_then_is_tried_again(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr("gateway.routing.time.monotonic", lambda: now[0])
    upstream = Upstream("rebate", ["http://a", "http://b"], cooldown=5.0)
    a, b = upstream.replicas

    upstream.refused(a)
    assert [upstream.candidates()[0] for _ in range(4)] == [b, b, b, b]
    # Still tried last: with every replica resting, a request is not refused unheard.
    assert upstream.candidates()[-1] is a

    now[0] += 5.0
    assert {upstream.candidates()[0].base_url for _ in range(2)} == {"http://a", "http://b"}


def test_least_outstanding_prefers_the_idle_replica() -> None:
    upstream = Upstream("rebate", ["http://a", "http://b", "http://c"])
    a, b, c = upstream.replicas
    a.outstanding, b.outstanding, c.outstanding = 3, 0, 1

    assert [upstream.candidates()[0] for _ in range(3)] == [b, b, b]
