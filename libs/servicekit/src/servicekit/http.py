"""HTTP clients for calls between services: request id propagated, timeouts always set,
a service token obtained (and renewed) with the OAuth2 client-credentials grant, and, with a
`CallPolicy`, retries with backoff and jitter, a deadline per call and a circuit breaker."""

import asyncio
import logging
import math
import time
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass

import httpx
import stamina

from servicekit.context import REQUEST_ID_HEADER, current_request_id
from servicekit.settings import ServiceSettings

logger = logging.getLogger(__name__)

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
        try:
            body = response.json()
            token, expires_in = str(body["access_token"]), float(body.get("expires_in", 300))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            # A 200 that carries no token is a refusal all the same (a 503 to our caller).
            raise ServiceTokenError(
                f"token request for {self.client_id!r} answered 200 without a token"
            ) from exc
        self._token = token
        self._expires_at = time.monotonic() + expires_in

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


@dataclass(frozen=True)
class CallPolicy:
    """How a service calls another (settings `upstream_*`)."""

    # The whole call, every attempt and wait included: past it the caller answers 503.
    deadline_seconds: float = 10.0
    attempts: int = 3
    wait_initial_seconds: float = 0.1
    wait_max_seconds: float = 1.0
    wait_jitter_seconds: float = 0.1
    # This many failures in a row (refused, timed out, 502/503/504) open the circuit: calls
    # fail at once for `open_seconds`, then the next call is let through to try.
    failures_to_open: int = 5
    open_seconds: float = 10.0

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> "CallPolicy":
        return cls(
            deadline_seconds=settings.upstream_deadline_seconds,
            attempts=settings.upstream_attempts,
            failures_to_open=settings.upstream_failures_to_open,
            open_seconds=settings.upstream_open_seconds,
        )


class UpstreamUnavailableError(httpx.TransportError):
    """The upstream cannot answer now: the caller answers 503 with `Retry-After`."""

    def __init__(self, message: str, *, request: httpx.Request, retry_after: float) -> None:
        super().__init__(message, request=request)
        self.retry_after = max(1, math.ceil(retry_after))


class CircuitOpenError(UpstreamUnavailableError):
    """Refused without calling: the upstream failed repeatedly a moment ago."""


class DeadlineExceededError(UpstreamUnavailableError):
    pass


def retry_after(exc: BaseException | None, default: int = 5) -> dict[str, str]:
    """The `Retry-After` header for a 503 caused by `exc` (a failed call to another service)."""
    seconds = exc.retry_after if isinstance(exc, UpstreamUnavailableError) else default
    return {"Retry-After": str(seconds)}


class CircuitBreaker:
    def __init__(
        self, failures_to_open: int, open_seconds: float, clock: Callable[[], float]
    ) -> None:
        self.failures_to_open = failures_to_open
        self.open_seconds = open_seconds
        self.clock = clock
        self.failures = 0
        self.open_until = 0.0

    def check(self, request: httpx.Request) -> None:
        # After `open_seconds` calls go through again; the first failure opens it anew, as
        # the count of failures in a row is still past the threshold.
        remaining = self.open_until - self.clock()
        if remaining > 0:
            raise CircuitOpenError(
                f"{request.url.host} failed {self.failures} times in a row; not called",
                request=request,
                retry_after=remaining,
            )

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= self.failures_to_open:
            if self.open_until <= self.clock():
                logger.warning("circuit opened", extra={"upstream_failures": self.failures})
            self.open_until = self.clock() + self.open_seconds

    def succeeded(self) -> None:
        self.failures = 0
        self.open_until = 0.0


# Safe to send twice by their meaning (RFC 9110 §9.2.2); other methods only with an
# Idempotency-Key, or marked idempotent by the caller (a look-up sent as POST).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
IDEMPOTENT = {"idempotent": True}
# Answers that say "not now" rather than "no": worth another attempt, and a failure.
_UNAVAILABLE = frozenset({502, 503, 504})
# Failures before the request was sent: another attempt is safe for any request.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class _Unavailable(Exception):  # noqa: N818 (an answer, carried out of an attempt)
    def __init__(self, response: httpx.Response) -> None:
        self.response = response


class ResilientTransport(httpx.AsyncBaseTransport):
    """Wraps a transport with `policy`: one circuit per host, attempts with exponential backoff
    and jitter (stamina) for what may be sent again, all within the deadline."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        policy: CallPolicy,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.inner = inner
        self.policy = policy
        self.clock = clock
        self._circuits: dict[tuple[str, int | None], CircuitBreaker] = {}

    def _circuit(self, url: httpx.URL) -> CircuitBreaker:
        key = (url.host, url.port)
        circuit = self._circuits.get(key)
        if circuit is None:
            policy = self.policy
            circuit = CircuitBreaker(policy.failures_to_open, policy.open_seconds, self.clock)
            self._circuits[key] = circuit
        return circuit

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        circuit = self._circuit(request.url)
        circuit.check(request)
        policy = self.policy
        idempotent = (
            request.method in IDEMPOTENT_METHODS
            or "idempotency-key" in request.headers
            or bool(request.extensions.get("idempotent"))
        )
        # An answer of 502/503/504 on the last attempt is returned as it is, not raised.
        retry_on: tuple[type[Exception], ...] = (
            (httpx.TransportError, _Unavailable) if idempotent else _NOT_SENT
        )
        try:
            async with asyncio.timeout(policy.deadline_seconds):
                async for attempt in stamina.retry_context(
                    on=retry_on,
                    attempts=policy.attempts,
                    timeout=None,
                    wait_initial=policy.wait_initial_seconds,
                    wait_max=policy.wait_max_seconds,
                    wait_jitter=policy.wait_jitter_seconds,
                ):
                    with attempt:
                        last = attempt.num >= policy.attempts
                        return await self._attempt(request, circuit, idempotent and not last)
        except TimeoutError as exc:
            circuit.failed()
            raise DeadlineExceededError(
                f"no answer from {request.url.host} within {policy.deadline_seconds} s",
                request=request,
                retry_after=policy.open_seconds,
            ) from exc
        raise AssertionError("stamina ended without an attempt")  # pragma: no cover

    async def _attempt(
        self, request: httpx.Request, circuit: CircuitBreaker, may_retry: bool
    ) -> httpx.Response:
        circuit.check(request)
        try:
            response = await self.inner.handle_async_request(request)
        except httpx.TransportError:
            circuit.failed()
            raise
        if response.status_code not in _UNAVAILABLE:
            circuit.succeeded()
            return response
        circuit.failed()
        if may_retry:
            await response.aclose()
            raise _Unavailable(response)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def create_http_client(
    base_url: str = "",
    *,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    transport: httpx.AsyncBaseTransport | None = None,
    max_connections: int = 100,
    auth: httpx.Auth | None = None,
    policy: CallPolicy | None = None,
) -> httpx.AsyncClient:
    """`policy`: retries, deadline and circuit breaking for calls to other services; without
    one, each request is tried once (a partner's webhook, whose outbox has its own schedule)."""
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=20)
    if policy is not None:
        inner = transport or httpx.AsyncHTTPTransport(limits=limits)
        transport = ResilientTransport(inner, policy)
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=timeout,
        transport=transport,
        auth=auth,
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=20),
        event_hooks={"request": [_propagate_request_id]},
    )
