"""Per-request context (request id) carried through logs and outgoing calls."""

from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

REQUEST_ID_HEADER = "X-Request-ID"


def current_request_id() -> str | None:
    return request_id_var.get()
