"""HTTP clients for calls between services: request id propagated, timeouts always set,
and a service token obtained (and renewed) with the OAuth2 client-credentials grant."""

import asyncio
import time
from collections.abc import AsyncGenerator

import httpx

from servicekit.context import REQUEST_ID_HEADER, current_request_id

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)


async def _propagate_request_id(request: httpx.Request) -> None:
    request_id = current_request_id()
    if request_id and REQUEST_ID_HEADER not in request.headers:
        request.headers[REQUEST_ID_HEADER] = request_id


# A token is renewed this long before it expires, so no call goes out with a dying token.
RENEW_BEFORE_SECONDS = 60


class ServiceTokenError(Exception):
    pass


class ClientCredentialsAuth(httpx.Auth):
    """Bearer token from `token_url` (client_credentials), cached until near expiry and
    fetched again once if a call is answered 401 (keys rotated, token revoked)."""

    def __init__(self, token_url: str, client_id: str, client_secret: str) -> None:
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = asyncio.Lock()

    def _token_request(self) -> httpx.Request:
        return httpx.Request(
            "POST",
            self.token_url,
            data={
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            },
        )

    async def _remember(self, response: httpx.Response) -> None:
        # A custom async flow is handed the response unread (requires_response_body only
        # applies to httpx's own flow), so read the body before parsing it.
        await response.aread()
        if response.status_code != 200:
            raise ServiceTokenError(
                f"token request for {self.client_id!r} answered {response.status_code}"
            )
        body = response.json()
        self._token = str(body["access_token"])
        self._expires_at = time.monotonic() + float(body.get("expires_in", 300))

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        async with self._lock:
            if self._token is None or time.monotonic() > self._expires_at - RENEW_BEFORE_SECONDS:
                await self._remember((yield self._token_request()))
        request.headers["Authorization"] = f"Bearer {self._token}"
        response = yield request
        if response.status_code == 401:
            async with self._lock:
                await self._remember((yield self._token_request()))
            request.headers["Authorization"] = f"Bearer {self._token}"
            yield request


def create_http_client(
    base_url: str = "",
    *,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    transport: httpx.AsyncBaseTransport | None = None,
    max_connections: int = 100,
    auth: httpx.Auth | None = None,
) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=timeout,
        transport=transport,
        auth=auth,
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=20),
        event_hooks={"request": [_propagate_request_id]},
    )
