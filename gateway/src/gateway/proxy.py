"""The hot path: proxied requests are handled here in raw ASGI, before FastAPI's routing.

Paths under a service's name go to that service; anything else falls through to the FastAPI
app (docs, health, and a 404 problem for unknown paths).
"""

import logging

import aiohttp
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.problems import (
    BAD_GATEWAY,
    BODY_TOO_LARGE,
    INVALID_LENGTH,
    INVALID_PATH,
    UPSTREAM_TIMEOUT,
    UPSTREAM_UNREACHABLE,
    Refusal,
    refuse,
    refuse_for,
)
from gateway.routing import Replica, Route, Upstream, has_dot_segment
from gateway.runtime import Runtime
from servicekit.context import REQUEST_ID_HEADER, request_id_var
from servicekit.errors import DomainError

logger = logging.getLogger(__name__)

# Hop-by-hop headers (RFC 9110 §7.6.1), framing headers the client library sets again for the
# body it sends, and the headers the gateway sets itself (a client's copies would be forged).
_DROP_FROM_REQUEST = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authorization",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
        b"expect",
        b"host",
        b"content-length",
        REQUEST_ID_HEADER.lower().encode(),
        b"forwarded",
        b"x-forwarded-for",
        b"x-forwarded-proto",
        b"x-forwarded-host",
        b"x-forwarded-prefix",
    }
)
# The ASGI server frames the answer and adds its own Date and Server; the request id is added
# by the request-context middleware.
_DROP_FROM_RESPONSE = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-connection",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
        b"date",
        b"server",
        REQUEST_ID_HEADER.lower().encode(),
    }
)
# Sent again to another replica after any failure before the answer; other requests only
# after a failure to connect, when the service cannot have seen them. A request with an
# Idempotency-Key is idempotent by that key (the service answers a replay with the first answer).
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Failures to connect: the request never left the gateway.
_NOT_CONNECTED = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)
# Answers of known length up to this size are read whole before the status goes out: one body
# message, and an upstream failure while reading can still become a 502/504 problem.
_READ_WHOLE_BYTES = 256 * 1024


class _BodyTooLargeError(Exception):
    pass


class ProxyMiddleware:
    def __init__(self, app: ASGIApp, *, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime
        self.max_body_bytes = runtime.settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            route = self.runtime.routes.resolve(
                scope["path"], scope.get("raw_path"), scope["query_string"]
            )
            if route is not None:
                await self._proxy(scope, receive, send, route)
                return
        await self.app(scope, receive, send)

    async def _proxy(self, scope: Scope, receive: Receive, send: Send, route: Route) -> None:
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        authorization: str | None = None
        content_length: bytes | None = None
        host: bytes | None = None
        drop = _DROP_FROM_REQUEST
        for name, value in headers:
            if name == b"authorization":
                authorization = value.decode("latin-1")
            elif name == b"content-length":
                content_length = value
            elif name == b"host":
                host = value
            elif name == b"connection":
                # Headers the client named in Connection are hop-by-hop as well.
                drop = drop | {token.strip().lower() for token in value.split(b",")}

        path: str = scope["path"]
        # Refused on the path and the declared length before authentication and before the
        # body is read.
        refusal = self._refusal(path, content_length)
        if refusal is not None:
            await refuse(scope, receive, send, refusal)
            return
        try:
            await self.runtime.auth.check(path, authorization)
        except DomainError as exc:
            await refuse_for(scope, receive, send, exc)
            return
        try:
            body = await _read_body(receive, self.max_body_bytes)
        except _BodyTooLargeError:
            await refuse(scope, receive, send, BODY_TOO_LARGE)
            return
        if body is None:
            return  # the client went away; nothing was sent upstream

        forward = [
            (name.decode("utf-8", "replace"), value.decode("utf-8", "replace"))
            for name, value in headers
            if name not in drop
        ]
        forward.extend(_forwarding_headers(scope, route.upstream, host))
        await self._exchange(scope, receive, send, route, forward, body)

    def _refusal(self, path: str, content_length: bytes | None) -> Refusal | None:
        if has_dot_segment(path):
            return INVALID_PATH
        if content_length is not None:
            if not content_length.isdigit():
                return INVALID_LENGTH
            if int(content_length) > self.max_body_bytes:
                return BODY_TOO_LARGE
        return None

    async def _exchange(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        route: Route,
        headers: list[tuple[str, str]],
        body: bytes,
    ) -> None:
        upstream = route.upstream
        method: str = scope["method"]
        idempotent = method in _IDEMPOTENT_METHODS or any(
            name.lower() == "idempotency-key" for name, _ in headers
        )
        candidates = upstream.candidates()
        last = len(candidates) - 1
        for attempt, replica in enumerate(candidates):
            replica.outstanding += 1
            try:
                try:
                    response = await self.runtime.session.request(
                        method,
                        replica.url(route.target),
                        headers=headers,
                        data=body or None,
                        allow_redirects=False,
                        timeout=route.timeout,
                    )
                except (TimeoutError, aiohttp.ClientError) as exc:
                    never_arrived = isinstance(exc, _NOT_CONNECTED)
                    if never_arrived:
                        upstream.refused(replica)
                    if attempt < last and (never_arrived or (idempotent and _cut_off(exc))):
                        logger.warning(
                            "replica failed; trying the next",
                            extra={
                                "upstream": upstream.name,
                                "replica": replica.base_url,
                                "error": repr(exc),
                            },
                        )
                        continue
                    await _upstream_failed(scope, receive, send, upstream.name, exc)
                    return
                async with response:
                    await self._relay(scope, receive, send, upstream, replica, response)
                return
            finally:
                replica.outstanding -= 1

    async def _relay(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        upstream: Upstream,
        replica: Replica,
        response: aiohttp.ClientResponse,
    ) -> None:
        start = {
            "type": "http.response.start",
            "status": response.status,
            "headers": _response_headers(response.raw_headers, upstream, replica),
        }
        length = response.content_length
        if length is not None and length <= _READ_WHOLE_BYTES:
            try:
                content = await response.read()
            except (TimeoutError, aiohttp.ClientError) as exc:
                await _upstream_failed(scope, receive, send, upstream.name, exc)
                return
            await send(start)
            await send({"type": "http.response.body", "body": content})
            return
        # Once the status is out, a failure can only abort the connection, which the
        # exception does: the client sees a cut answer, never a truncated "complete" one.
        await send(start)
        async for chunk in response.content.iter_any():
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body"})


def _cut_off(exc: Exception) -> bool:
    """The connection broke before any answer (a replica killed mid-request): the request may
    have arrived, so only an idempotent one is sent again. A slow answer is not retried: the
    replica may still be doing the work."""
    return isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientOSError)


async def _upstream_failed(
    scope: Scope, receive: Receive, send: Send, service: str, exc: Exception
) -> None:
    if isinstance(exc, TimeoutError):
        refusal = UPSTREAM_TIMEOUT
    elif isinstance(exc, aiohttp.ClientConnectorError):
        refusal = UPSTREAM_UNREACHABLE
    else:
        refusal = BAD_GATEWAY
    logger.warning(
        "upstream failed", extra={"upstream": service, "problem": refusal.code, "error": repr(exc)}
    )
    await refuse(scope, receive, send, refusal, service)


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None if the client disconnected.

    Buffered rather than streamed, as nginx does by default: a service never receives part of
    a body that turns out too large, and slow uploads hold no service connection or worker.
    """
    message = await receive()
    if message["type"] == "http.disconnect":
        return None
    body: bytes = message.get("body", b"")
    if not message.get("more_body", False):
        if len(body) > limit:
            raise _BodyTooLargeError
        return body
    chunks = [body]
    size = len(body)
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _BodyTooLargeError
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _forwarding_headers(
    scope: Scope, upstream: Upstream, host: bytes | None
) -> list[tuple[str, str]]:
    # The gateway is the edge, so it states the client's address rather than appending to a
    # chain the client wrote. Behind a trusted balancer, uvicorn's --proxy-headers with
    # --forwarded-allow-ips puts the real client and scheme into the scope first.
    added = [("X-Forwarded-Proto", scope["scheme"]), ("X-Forwarded-Prefix", upstream.prefix)]
    request_id = request_id_var.get()
    if request_id:
        added.append((REQUEST_ID_HEADER, request_id))
    client = scope.get("client")
    if client:
        added.append(("X-Forwarded-For", client[0]))
    if host:
        added.append(("X-Forwarded-Host", host.decode("utf-8", "replace")))
    return added


def _response_headers(
    raw: tuple[tuple[bytes, bytes], ...], upstream: Upstream, replica: Replica
) -> list[tuple[bytes, bytes]]:
    headers = []
    for name, value in raw:
        name = name.lower()
        if name in _DROP_FROM_RESPONSE:
            continue
        if name == b"location":
            value = _client_location(value, upstream, replica)
        headers.append((name, value))
    return headers


def _client_location(location: bytes, upstream: Upstream, replica: Replica) -> bytes:
    """A service's redirect or new-resource URL as the client must follow it: under the prefix."""
    prefix = upstream.prefix.encode()
    base = replica.base_url.encode()
    if location.startswith(base + b"/"):
        return prefix + location[len(base) :]
    if location.startswith(b"/") and not location.startswith(b"//"):
        return prefix + location
    return location
