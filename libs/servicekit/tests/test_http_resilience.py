"""Calls between services: retried with backoff when that is safe, bounded by a deadline, and
refused at once while the upstream's circuit is open."""

import asyncio
import time
from collections.abc import Callable

import httpx
import pytest
from fastapi import FastAPI

from servicekit.errors import ServiceUnavailableError, install_problem_handlers
from servicekit.http import (
    IDEMPOTENT,
    CallPolicy,
    CircuitOpenError,
    DeadlineExceededError,
    ResilientTransport,
    create_http_client,
    retry_after,
)

FAST = CallPolicy(
    deadline_seconds=2.0,
    attempts=3,
    wait_initial_seconds=0.01,
    wait_max_seconds=0.02,
    wait_jitter_seconds=0.01,
    failures_to_open=5,
    open_seconds=30.0,
)
Handler = Callable[[httpx.Request], httpx.Response]


class Upstream:
    """At the HTTP boundary: answers from a script, one per call, and counts the calls."""

    def __init__(self, *answers: httpx.Response | type[Exception]) -> None:
        self.answers = list(answers)
        self.calls = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, type):
            raise answer("scripted failure", request=request)
        return answer


def client(upstream: Upstream, policy: CallPolicy = FAST) -> httpx.AsyncClient:
    return create_http_client(
        "http://membership.test", transport=httpx.MockTransport(upstream.handle), policy=policy
    )


async def test_flaky_upstream_answers_after_retries() -> None:
    upstream = Upstream(httpx.ConnectError, httpx.Response(503), httpx.Response(200, json={}))
    async with client(upstream) as http:
        response = await http.get("/v1/orgs/1")

    assert response.status_code == 200
    assert upstream.calls == 3


async def test_a_look_up_marked_idempotent_is_retried_like_a_get() -> None:
    upstream = Upstream(httpx.ReadError, httpx.Response(200, json={"found": []}))
    async with client(upstream) as http:
        response = await http.post("/v1/members/batch-lookup", json={}, extensions=IDEMPOTENT)

    assert response.status_code == 200
    assert upstream.calls == 2


@pytest.mark.parametrize("failure", [httpx.ReadError, httpx.ReadTimeout])
async def test_a_write_that_may_have_arrived_is_never_sent_twice(
    failure: type[Exception],
) -> None:
    upstream = Upstream(failure, httpx.Response(201))
    async with client(upstream) as http:
        with pytest.raises(httpx.TransportError):
            await http.post("/v1/honours", json={"member": "GH1"})

    assert upstream.calls == 1


async def test_a_write_answered_503_is_not_sent_again() -> None:
    upstream = Upstream(httpx.Response(503), httpx.Response(201))
    async with client(upstream) as http:
        response = await http.post("/v1/honours", json={"member": "GH1"})

    assert response.status_code == 503
    assert upstream.calls == 1


async def test_a_write_that_could_not_connect_is_sent_again() -> None:
    upstream = Upstream(httpx.ConnectError, httpx.Response(201))
    async with client(upstream) as http:
        response = await http.post("/v1/honours", json={"member": "GH1"})

    assert response.status_code == 201
    assert upstream.calls == 2


async def test_a_write_with_an_idempotency_key_is_retried() -> None:
    upstream = Upstream(httpx.ReadError, httpx.Response(201))
    async with client(upstream) as http:
        response = await http.post("/v1/payouts", json={}, headers={"Idempotency-Key": "k-1"})

    assert response.status_code == 201
    assert upstream.calls == 2


async def test_a_silent_upstream_fails_within_the_deadline() -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(60)
        return httpx.Response(200)

    policy = CallPolicy(deadline_seconds=0.3, wait_initial_seconds=0.01)
    transport = ResilientTransport(httpx.MockTransport(hang), policy)
    async with httpx.AsyncClient(transport=transport, base_url="http://membership.test") as http:
        started = time.monotonic()
        with pytest.raises(DeadlineExceededError) as caught:
            await http.get("/v1/orgs/1")

    assert time.monotonic() - started < 1.0
    assert retry_after(caught.value) == {"Retry-After": "10"}


async def test_a_dead_upstream_answers_503_within_the_deadline() -> None:
    # A port nobody listens on: every attempt is refused.
    policy = CallPolicy(deadline_seconds=1.0, wait_initial_seconds=0.01, wait_max_seconds=0.05)
    membership = create_http_client("http://127.0.0.1:9", policy=policy)
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/v1/needs-membership")
    async def needs_membership() -> dict[str, str]:
        try:
            await membership.get("/v1/orgs/1")
        except httpx.HTTPError as exc:
            raise ServiceUnavailableError("membership", headers=retry_after(exc)) from exc
        return {}

    transport = httpx.ASGITransport(app=app)
    async with (
        membership,
        httpx.AsyncClient(transport=transport, base_url="http://competition.test") as c,
    ):
        started = time.monotonic()
        response = await c.get("/v1/needs-membership")

    assert time.monotonic() - started < policy.deadline_seconds + 0.5
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "5"


async def test_after_repeated_failures_calls_fail_fast_without_touching_the_upstream() -> None:
    now = [1000.0]
    upstream = Upstream(httpx.Response(503))
    policy = CallPolicy(attempts=1, failures_to_open=3, open_seconds=20.0)
    transport = ResilientTransport(httpx.MockTransport(upstream.handle), policy, lambda: now[0])
    async with httpx.AsyncClient(transport=transport, base_url="http://membership.test") as http:
        for _ in range(3):
            assert (await http.get("/v1/orgs/1")).status_code == 503
        assert upstream.calls == 3

        for _ in range(10):
            with pytest.raises(CircuitOpenError) as caught:
                await http.get("/v1/orgs/1")
        assert upstream.calls == 3
        assert retry_after(caught.value) == {"Retry-After": "20"}
        # Other hosts have circuits of their own.
        assert (await http.get("http://rebate.test/v1/x")).status_code == 503

        now[0] += 20.0
        upstream.answers = [httpx.Response(200)]
        assert (await http.get("/v1/orgs/1")).status_code == 200
        assert (await http.get("/v1/orgs/1")).status_code == 200
        assert upstream.calls == 6


async def test_a_trial_call_that_fails_opens_the_circuit_again() -> None:
    now = [1000.0]
    upstream = Upstream(httpx.ConnectError)
    policy = CallPolicy(attempts=1, failures_to_open=2, open_seconds=5.0)
    transport = ResilientTransport(httpx.MockTransport(upstream.handle), policy, lambda: now[0])
    async with httpx.AsyncClient(transport=transport, base_url="http://membership.test") as http:
        for _ in range(2):
            with pytest.raises(httpx.ConnectError):
                await http.get("/")
        now[0] += 5.0
        with pytest.raises(httpx.ConnectError):
            await http.get("/")
        with pytest.raises(CircuitOpenError):
            await http.get("/")

    assert upstream.calls == 3
