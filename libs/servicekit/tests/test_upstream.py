"""A service's client of another service (servicekit.upstream): whatever keeps the upstream
from answering, the caller answers a 503 problem with Retry-After, never a 500; a 404 is "no
such object" only where the caller says so."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from servicekit.errors import ServiceUnavailableError, install_problem_handlers
from servicekit.upstream import ServiceClient, create_service_http_client

TOKEN_URL = "http://registry.test/v1/auth/token"


class RegistryUnavailableError(ServiceUnavailableError):
    code = "registry-unavailable"
    title_en = "Registry unavailable"
    title_zh = "登记服务暂不可用"


class RegistryClient(ServiceClient):
    upstream = "registry"
    unavailable = RegistryUnavailableError


class Registry:
    """At the HTTP boundary: issues tokens (or refuses them) and answers look-ups from a script."""

    def __init__(
        self,
        answer: httpx.Response | type[Exception],
        *,
        tokens: bool = True,
        token_answer: httpx.Response | None = None,
    ) -> None:
        self.answer = answer
        self.tokens = tokens
        self.token_answer = token_answer
        self.token_requests = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/auth/token":
            self.token_requests += 1
            if not self.tokens:
                return httpx.Response(401, json={"detail": "invalid client"})
            if self.token_answer is not None:
                return self.token_answer
            return httpx.Response(200, json={"access_token": "t", "expires_in": 900})
        assert request.headers["authorization"] == "Bearer t"
        if isinstance(self.answer, httpx.Response):
            return self.answer
        raise self.answer("registry is down", request=request)


def client_of(registry: Registry) -> RegistryClient:
    http = create_service_http_client(
        "http://registry.test",
        token_url=TOKEN_URL,
        client_id="caller",
        client_secret="secret",
        transport=httpx.MockTransport(registry.handle),
    )
    return RegistryClient(http)


async def test_a_2xx_answer_is_its_json_body() -> None:
    registry = client_of(Registry(httpx.Response(200, json={"id": 1})))
    assert await registry.call("GET", "/v1/things/1") == {"id": 1}
    assert await registry.call_or_none("GET", "/v1/things/1") == {"id": 1}


async def test_404_is_none_where_the_caller_expects_absence_and_unavailable_elsewhere() -> None:
    registry = client_of(Registry(httpx.Response(404)))
    assert await registry.call_or_none("GET", "/v1/things/1") is None
    with pytest.raises(RegistryUnavailableError) as caught:
        await registry.call("GET", "/v1/things")
    assert caught.value.detail == "registry answered 404 to /v1/things"


@pytest.mark.parametrize("status", [400, 401, 403, 409, 500, 502, 503, 504, 302])
async def test_every_other_status_is_unavailable_with_retry_after(status: int) -> None:
    registry = client_of(Registry(httpx.Response(status)))
    for call in (registry.call, registry.call_or_none):
        with pytest.raises(RegistryUnavailableError) as caught:
            await call("GET", "/v1/things/1")
        assert caught.value.status == 503
        assert caught.value.headers == {"Retry-After": "5"}
        assert caught.value.detail == f"registry answered {status} to /v1/things/1"


async def test_a_refused_service_token_is_unavailable_not_an_exception_of_its_own() -> None:
    # No token at all: the token endpoint refuses the first request for one.
    never = Registry(httpx.Response(200, json={}), tokens=False)
    with pytest.raises(RegistryUnavailableError) as caught:
        await client_of(never).call_or_none("GET", "/v1/things/1")
    assert caught.value.detail == "registry refused this service's token"
    assert never.token_requests == 1


@pytest.mark.parametrize(
    "token_answer",
    [
        httpx.Response(200, text="<html>maintenance</html>"),
        httpx.Response(200, json={}),
        httpx.Response(200, json=["t"]),
        httpx.Response(200, json={"access_token": "t", "expires_in": "soon"}),
    ],
    ids=["not-json", "no-token", "not-an-object", "bad-expiry"],
)
async def test_a_200_from_the_token_endpoint_without_a_token_is_unavailable(
    token_answer: httpx.Response,
) -> None:
    garbled = Registry(httpx.Response(200, json={}), token_answer=token_answer)
    with pytest.raises(RegistryUnavailableError) as caught:
        await client_of(garbled).call_or_none("GET", "/v1/things/1")
    assert caught.value.detail == "registry refused this service's token"


async def test_a_401_then_a_refused_new_token_is_unavailable() -> None:
    # The call is answered 401 (a rotated key, a revoked client): a new token is asked for once
    # and refused.
    registry = Registry(httpx.Response(401))
    client = client_of(registry)
    with pytest.raises(RegistryUnavailableError):
        await client.call("GET", "/v1/things/1")
    assert registry.token_requests == 2
    registry.tokens = False
    with pytest.raises(RegistryUnavailableError) as caught:
        await client.call("GET", "/v1/things/1")
    assert caught.value.detail == "registry refused this service's token"


@pytest.mark.parametrize(
    "error", [httpx.ConnectError, httpx.ReadTimeout, httpx.RemoteProtocolError]
)
async def test_no_answer_at_all_is_unavailable(error: type[Exception]) -> None:
    with pytest.raises(RegistryUnavailableError) as caught:
        await client_of(Registry(error)).exchange("GET", "/v1/things/1")
    assert caught.value.detail == "registry did not answer"
    assert caught.value.headers == {"Retry-After": "5"}


async def test_a_body_that_is_not_json_is_unavailable() -> None:
    registry = client_of(Registry(httpx.Response(200, content=b"<html>proxy error</html>")))
    with pytest.raises(RegistryUnavailableError):
        await registry.call("GET", "/v1/things/1")


async def test_exchange_hands_every_answer_to_the_caller() -> None:
    registry = client_of(Registry(httpx.Response(409, json={"detail": "exists"})))
    response = await registry.exchange("POST", "/v1/things", json={"name": "x"})
    assert response.status_code == 409
    assert registry.refusal(response).detail == "registry answered 409 to /v1/things"


@pytest.mark.parametrize(
    "registry",
    [
        Registry(httpx.Response(403)),
        Registry(httpx.Response(200, json={}), tokens=False),
        Registry(httpx.ConnectError),
    ],
    ids=["403", "token-refused", "unreachable"],
)
async def test_through_a_route_the_caller_answers_a_503_problem(registry: Registry) -> None:
    upstream = client_of(registry)
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/v1/needs-registry")
    async def needs_registry() -> Any:
        return await upstream.call_or_none("GET", "/v1/things/1")

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://caller.test") as c:
        response = await c.get("/v1/needs-registry")
    await upstream.aclose()
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "5"
    problem = response.json()
    assert problem["type"] == "urn:gonghui:problem:registry-unavailable"
    assert problem["status"] == 503
