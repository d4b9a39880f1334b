"""Real upstream HTTP servers on free ports, test tokens, and the gateway in front of them."""

import sys

# In importlib mode pytest names this file `gateway.tests.conftest` and registers the folder
# `gateway/` as a namespace package called `gateway`, hiding the installed package of that name.
# Dropping the stand-in lets `gateway.main` below resolve to the real package.
if getattr(sys.modules.get("gateway"), "__file__", "") is None:
    del sys.modules["gateway"]

import asyncio
import gzip
import socket
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
import pytest
from aiohttp import web
from asgi_lifespan import LifespanManager
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gateway.main import create_app
from gateway.settings import GatewaySettings

KEY_ID = "test-key-1"
ALLOWED_ORIGIN = "https://console.gonghui.example"
MAX_BODY_BYTES = 1024
SLOW_TIMEOUT_SECONDS = 0.3


@dataclass
class Received:
    method: str
    path: str
    raw_path: str
    query: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeService:
    """A service stand-in that echoes what it received and keeps a record of it."""

    name: str
    jwks: dict[str, Any] | None = None
    ready: bool = True
    received: list[Received] = field(default_factory=list)
    url: str = ""

    def received_on(self, path: str) -> list[Received]:
        return [r for r in self.received if r.path == path]

    def app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/readyz", self.readyz)
        app.router.add_get("/openapi.json", self.openapi)
        app.router.add_get("/.well-known/jwks.json", self.serve_jwks)
        app.router.add_route("*", "/{tail:.*}", self.echo)
        return app

    async def readyz(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ready"}, status=200 if self.ready else 503)

    async def openapi(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "openapi": "3.1.0",
                "info": {"title": f"gonghui {self.name}", "version": "0.1.0"},
                "paths": {"/v1/things": {"get": {"summary": "List things"}}},
            }
        )

    async def serve_jwks(self, request: web.Request) -> web.Response:
        if self.jwks is None:
            raise web.HTTPNotFound
        return web.json_response(self.jwks)

    async def echo(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.received.append(
            Received(
                method=request.method,
                path=request.path,
                raw_path=request.raw_path.partition("?")[0],
                query=request.rel_url.raw_query_string,
                headers={k.lower(): v for k, v in request.headers.items()},
                body=body,
            )
        )
        if request.path.startswith("/v1/slow"):
            await asyncio.sleep(SLOW_TIMEOUT_SECONDS * 5)
        if request.path == "/v1/hangup":
            assert request.transport is not None
            request.transport.close()
            raise asyncio.CancelledError
        if request.path == "/v1/large":
            return await self._stream_large(request)
        if request.path == "/v1/gzip":
            return web.Response(
                body=gzip.compress(b'{"packed": true}'),
                headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
            )
        status = int(request.query.get("status", "200"))
        response = web.json_response(
            {
                "service": self.name,
                "method": request.method,
                "path": request.path,
                "query": request.query_string,
                "body_length": len(body),
            },
            status=status,
            headers={"X-Upstream": self.name, "Location": "/v1/things/42"},
        )
        response.set_cookie("a", "1")
        response.set_cookie("b", "2")
        return response

    @staticmethod
    async def _stream_large(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        for i in range(64):
            await response.write(bytes([65 + i % 26]) * 16384)
        await response.write_eof()
        return response


@dataclass
class Signer:
    private_key: Ed25519PrivateKey

    def token(self, *, lifetime: float = 300, **overrides: Any) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": "gonghui-membership",
            "aud": "gonghui",
            "sub": "account-1",
            "iat": now,
            "exp": now + lifetime,
            "roles": ["member"],
        }
        claims.update(overrides)
        return jwt.encode(claims, self.private_key, algorithm="EdDSA", headers={"kid": KEY_ID})

    def jwks(self) -> dict[str, Any]:
        jwk = jwt.algorithms.OKPAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": KEY_ID, "alg": "EdDSA", "use": "sig"}]}


@dataclass
class Services:
    membership: FakeService
    rebate: FakeService
    competition: FakeService
    dead_url: str

    def settings(self, **overrides: Any) -> GatewaySettings:
        values: dict[str, Any] = {
            "membership_url": self.membership.url,
            "rebate_url": self.rebate.url,
            "competition_url": self.competition.url,
            "max_body_bytes": MAX_BODY_BYTES,
            "route_timeouts": {"/rebate/v1/slow*": SLOW_TIMEOUT_SECONDS},
            "cors_origins": [ALLOWED_ORIGIN],
        }
        values.update(overrides)
        return GatewaySettings(**values)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture(scope="session")
def signer() -> Signer:
    return Signer(Ed25519PrivateKey.generate())


@pytest.fixture(scope="session")
async def services(signer: Signer) -> AsyncIterator[Services]:
    fakes = [
        FakeService("membership", jwks=signer.jwks()),
        FakeService("rebate"),
        FakeService("competition"),
    ]
    runners = []
    for fake in fakes:
        runner = web.AppRunner(fake.app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        fake.url = f"http://127.0.0.1:{port}"
        runners.append(runner)
    try:
        yield Services(*fakes, dead_url=f"http://127.0.0.1:{_closed_port()}")
    finally:
        for runner in runners:
            await runner.cleanup()


GatewayFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture(scope="session")
def gateway_factory(services: Services) -> GatewayFactory:
    @asynccontextmanager
    async def open_gateway(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(services.settings(**overrides))
        async with LifespanManager(app) as manager:
            transport = httpx.ASGITransport(app=manager.app, client=("203.0.113.7", 50000))
            async with httpx.AsyncClient(
                transport=transport, base_url="http://gateway.test"
            ) as client:
                yield client

    return open_gateway


@pytest.fixture(scope="session")
async def gateway(gateway_factory: GatewayFactory) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_factory() as client:
        yield client


@pytest.fixture(scope="session")
def auth(signer: Signer) -> dict[str, str]:
    return {"Authorization": f"Bearer {signer.token()}"}
