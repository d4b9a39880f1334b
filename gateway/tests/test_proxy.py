import gzip
import uuid
from collections.abc import AsyncIterator

import httpx
import orjson

from .conftest import MAX_BODY_BYTES, GatewayFactory, Services

PROBLEM = "application/problem+json"


def _unique(prefix: str) -> str:
    return f"{prefix}/{uuid.uuid4().hex}"


async def test_request_reaches_service_with_prefix_stripped(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    path = _unique("/v1/orgs")
    response = await gateway.post(
        f"/membership{path}?name=%E5%B7%A5%E4%BC%9A&page=2&status=201",
        content=b'{"name": "grassroots union"}',
        headers={**auth, "Content-Type": "application/json", "X-Custom": "kept"},
    )

    assert response.status_code == 201
    assert response.json()["service"] == "membership"
    [received] = services.membership.received_on(path)
    assert received.method == "POST"
    assert received.query == "name=%E5%B7%A5%E4%BC%9A&page=2&status=201"
    assert received.body == b'{"name": "grassroots union"}'
    assert received.headers["content-type"] == "application/json"
    assert received.headers["content-length"] == str(len(received.body))
    assert received.headers["x-custom"] == "kept"
    assert received.headers["authorization"] == auth["Authorization"]


async def test_each_prefix_reaches_its_own_service(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    for name in ("membership", "rebate", "competition"):
        response = await gateway.get(f"/{name}/v1/things", headers=auth)
        assert response.json()["service"] == name
        assert response.json()["path"] == "/v1/things"


async def test_methods_without_body_and_put_patch_delete_pass_through(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    for method in ("GET", "PUT", "PATCH", "DELETE", "OPTIONS"):
        path = _unique("/v1/records")
        response = await gateway.request(method, f"/rebate{path}", headers=auth)
        assert response.status_code == 200, method
        [received] = services.rebate.received_on(path)
        assert received.method == method
        assert received.body == b""


async def test_head_answers_headers_without_a_body(
    gateway: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await gateway.head("/rebate/v1/things", headers=auth)

    assert response.status_code == 200
    assert response.headers["x-upstream"] == "rebate"
    assert response.content == b""


async def test_empty_post_is_sent_with_zero_length(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    path = _unique("/v1/actions")
    response = await gateway.post(f"/rebate{path}", headers=auth)

    assert response.status_code == 200
    [received] = services.rebate.received_on(path)
    assert received.headers["content-length"] == "0"


async def test_encoded_slash_in_path_is_forwarded_as_sent(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    token = uuid.uuid4().hex
    await gateway.get(f"/competition/v1/files/a%2F{token}", headers=auth)

    [received] = [r for r in services.competition.received if token in r.raw_path]
    assert received.raw_path == f"/v1/files/a%2F{token}"


async def test_status_headers_and_cookies_come_back(
    gateway: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await gateway.get("/rebate/v1/things?status=409", headers=auth)

    assert response.status_code == 409
    assert response.headers["x-upstream"] == "rebate"
    assert response.headers.get_list("set-cookie") == ["a=1; Path=/", "b=2; Path=/"]
    assert "transfer-encoding" not in response.headers


async def test_location_is_rewritten_under_the_service_prefix(
    gateway: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await gateway.post("/membership/v1/things?status=201", headers=auth)

    assert response.headers["location"] == "/membership/v1/things/42"


async def test_large_streamed_answer_arrives_whole(
    gateway: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await gateway.get("/rebate/v1/large", headers=auth)

    assert response.status_code == 200
    assert len(response.content) == 64 * 16384
    assert response.content[:3] == b"AAA"
    assert response.content[-1:] == bytes([65 + 63 % 26])


async def test_compressed_answer_passes_through_undecoded(
    gateway: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    async with gateway.stream("GET", "/rebate/v1/gzip", headers=auth) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])

    assert response.headers["content-encoding"] == "gzip"
    assert gzip.decompress(raw) == b'{"packed": true}'


async def test_given_request_id_is_forwarded_and_echoed(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    path = _unique("/v1/orgs")
    response = await gateway.get(
        f"/membership{path}", headers={**auth, "X-Request-ID": "trace-abc.123"}
    )

    assert response.headers["x-request-id"] == "trace-abc.123"
    [received] = services.membership.received_on(path)
    assert received.headers["x-request-id"] == "trace-abc.123"


async def test_request_id_is_generated_when_missing_or_malformed(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    for given in ({}, {"X-Request-ID": "bad id\twith spaces"}):
        path = _unique("/v1/orgs")
        response = await gateway.get(f"/membership{path}", headers={**auth, **given})

        generated = response.headers["x-request-id"]
        assert len(generated) == 32
        [received] = services.membership.received_on(path)
        assert received.headers["x-request-id"] == generated


async def test_forwarded_headers_state_the_client_and_replace_its_own(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    path = _unique("/v1/orgs")
    await gateway.get(
        f"/membership{path}",
        headers={
            **auth,
            "X-Forwarded-For": "10.0.0.1",
            "Connection": "x-drop-me",
            "X-Drop-Me": "1",
        },
    )

    [received] = services.membership.received_on(path)
    assert received.headers["x-forwarded-for"] == "203.0.113.7"
    assert received.headers["x-forwarded-proto"] == "http"
    assert received.headers["x-forwarded-host"] == "gateway.test"
    assert received.headers["x-forwarded-prefix"] == "/membership"
    assert "x-drop-me" not in received.headers
    assert received.headers["host"] == services.membership.url.removeprefix("http://")


async def test_slow_service_gives_504_problem(
    gateway: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await gateway.get("/rebate/v1/slow", headers=auth)

    assert response.status_code == 504
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == "urn:gonghui:problem:upstream-timeout"
    assert body["request_id"] == response.headers["x-request-id"]


async def test_unreachable_service_gives_503_problem_with_retry_after(
    gateway_factory: GatewayFactory, services: Services, auth: dict[str, str]
) -> None:
    async with gateway_factory(competition_url=services.dead_url) as gateway:
        response = await gateway.get("/competition/v1/things", headers=auth)

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == "urn:gonghui:problem:upstream-unreachable"
    assert "Traceback" not in response.text


async def test_service_hanging_up_without_answer_gives_502_problem(
    gateway: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await gateway.post("/rebate/v1/hangup", headers=auth)

    assert response.status_code == 502
    assert response.json()["type"] == "urn:gonghui:problem:bad-gateway"


async def test_body_over_limit_by_content_length_is_413_and_never_sent(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    path = _unique("/v1/imports")
    response = await gateway.post(
        f"/membership{path}", content=b"x" * (MAX_BODY_BYTES + 1), headers=auth
    )

    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == "urn:gonghui:problem:body-too-large"
    assert services.membership.received_on(path) == []


async def _chunks(total: int, size: int = 100) -> AsyncIterator[bytes]:
    for start in range(0, total, size):
        yield b"y" * min(size, total - start)


async def test_chunked_body_over_limit_is_413_and_never_sent(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    path = _unique("/v1/imports")
    response = await gateway.post(
        f"/membership{path}", content=_chunks(MAX_BODY_BYTES + 1), headers=auth
    )

    assert response.status_code == 413
    assert services.membership.received_on(path) == []


async def test_chunked_body_within_limit_arrives_with_its_length(
    gateway: httpx.AsyncClient, services: Services, auth: dict[str, str]
) -> None:
    path = _unique("/v1/imports")
    response = await gateway.post(
        f"/membership{path}", content=_chunks(MAX_BODY_BYTES), headers=auth
    )

    assert response.status_code == 200
    [received] = services.membership.received_on(path)
    assert received.body == b"y" * MAX_BODY_BYTES
    assert received.headers["content-length"] == str(MAX_BODY_BYTES)
    assert "transfer-encoding" not in received.headers


async def test_dot_segments_are_refused(gateway: httpx.AsyncClient, services: Services) -> None:
    # A public prefix followed by `..` must not reach a private route without a token.
    response = await gateway.get("/membership/v1/join/%2E%2E/accounts/me")

    assert response.status_code == 400
    assert response.json()["type"] == "urn:gonghui:problem:invalid-path"
    assert services.membership.received_on("/v1/accounts/me") == []


async def test_upstream_problem_passes_through_unchanged(
    gateway: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await gateway.get("/competition/v1/things?status=422", headers=auth)

    assert response.status_code == 422
    assert orjson.loads(response.content)["service"] == "competition"
