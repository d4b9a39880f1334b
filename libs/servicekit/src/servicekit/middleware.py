"""Outermost ASGI middleware: request id in and out, one access-log line, request metrics,
500 as a problem."""

import logging
import re
import time
import uuid
from collections.abc import Callable

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicekit.context import REQUEST_ID_HEADER, request_id_var
from servicekit.errors import PROBLEM_CONTENT_TYPE, problem_body, status_title, wants_chinese
from servicekit.telemetry import UNMATCHED_ROUTE, RequestMetrics, route_template

logger = logging.getLogger("servicekit.access")

# A caller's request id is kept only when it is short and plain, so logs cannot be forged.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_HEADER_NAME = REQUEST_ID_HEADER.lower().encode()


def incoming_request_id(headers: list[tuple[bytes, bytes]]) -> str:
    for name, value in headers:
        if name == _HEADER_NAME:
            candidate = value.decode("latin-1")
            if _VALID_REQUEST_ID.match(candidate):
                return candidate
            break
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """`service` names the process in the request metrics; `route_of` labels the requests
    no route of the app answered (the gateway's proxied paths)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        service: str = "service",
        access_log: bool = True,
        route_of: Callable[[Scope], str | None] | None = None,
    ) -> None:
        self.app = app
        self.access_log = access_log
        self.metrics = RequestMetrics(service)
        self.route_of = route_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = incoming_request_id(scope["headers"])
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != _HEADER_NAME
                ]
                headers.append((_HEADER_NAME, request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("unhandled error", extra={"path": scope.get("path")})
            if not response_started:
                await self._send_internal_error(scope, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = route_template(scope) or (self.route_of and self.route_of(scope))
            self.metrics.observe(scope["method"], route or UNMATCHED_ROUTE, status, seconds)
            if self.access_log:
                logger.info(
                    "request",
                    extra={
                        "method": scope.get("method"),
                        "path": scope.get("path"),
                        "status": status,
                        "duration_ms": round(seconds * 1000, 2),
                    },
                )
            request_id_var.reset(token)

    @staticmethod
    async def _send_internal_error(scope: Scope, send: Send) -> None:
        accept_language = None
        for name, value in scope["headers"]:
            if name == b"accept-language":
                accept_language = value.decode("latin-1")
        body = orjson.dumps(
            problem_body(500, title=status_title(500, wants_chinese(accept_language)))
        )
        await send(
            {
                "type": "http.response.start",
                "status": 500,
                "headers": [
                    (b"content-type", PROBLEM_CONTENT_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
