"""RFC 9457 problem details for every error, titled in Chinese or English by Accept-Language."""

import logging
import socket
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from servicekit.context import current_request_id
from servicekit.routes import allow_header, allowed_methods
from servicekit.telemetry import current_trace_id

PROBLEM_CONTENT_TYPE = "application/problem+json"

logger = logging.getLogger(__name__)

# Chinese titles for the statuses the suite answers with; English comes from HTTPStatus.
_ZH_TITLES: dict[int, str] = {
    400: "请求错误",
    401: "未认证",
    403: "无权访问",
    404: "未找到",
    405: "不支持的请求方法",
    406: "无法提供所需格式",
    409: "冲突",
    410: "已失效",
    412: "前置条件不满足",
    413: "请求体过大",
    415: "不支持的媒体类型",
    422: "请求参数无效",
    428: "缺少前置条件",
    429: "请求过于频繁",
    500: "服务器内部错误",
    502: "上游服务错误",
    503: "服务暂不可用",
    504: "上游服务超时",
}


def wants_chinese(accept_language: str | None) -> bool:
    """True when the caller's most preferred language is Chinese (q-values respected)."""
    if not accept_language:
        return False
    best_tag, best_q = "", -1.0
    for part in accept_language.split(","):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        if q > best_q:
            best_tag, best_q = tag.strip().lower(), q
    return best_tag.startswith("zh")


def status_title(status: int, chinese: bool) -> str:
    if chinese and status in _ZH_TITLES:
        return _ZH_TITLES[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


class DomainError(Exception):
    """Base of every error a service raises on purpose; routers never raise HTTPException.

    Subclasses set `status`, `code` and both titles; `detail` is the instance-specific text.
    """

    status: int = 400
    code: str = "bad-request"
    title_en: str = "Bad request"
    title_zh: str = "请求错误"
    # A refusal whose own bookkeeping must stand (a failed sign-in is counted): the request's
    # transaction is committed instead of rolled back. Only for errors raised after writes
    # that belong to the refusal alone.
    keeps_writes: bool = False

    def __init__(
        self, detail: str | None = None, *, headers: Mapping[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(detail or self.title_en)
        self.detail = detail
        self.headers = dict(headers or {})
        self.extra = extra


class NotFoundError(DomainError):
    status = 404
    code = "not-found"
    title_en = "Not found"
    title_zh = "未找到"


class ConflictError(DomainError):
    status = 409
    code = "conflict"
    title_en = "Conflict"
    title_zh = "冲突"


class ForbiddenError(DomainError):
    status = 403
    code = "forbidden"
    title_en = "Forbidden"
    title_zh = "无权访问"


class UnauthorizedError(DomainError):
    status = 401
    code = "unauthorized"
    title_en = "Unauthorized"
    title_zh = "未认证"

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"}, **extra)


class ServiceUnavailableError(DomainError):
    status = 503
    code = "service-unavailable"
    title_en = "Service unavailable"
    title_zh = "服务暂不可用"


def problem_type(code: str) -> str:
    return f"urn:gonghui:problem:{code}"


def problem_body(
    status: int,
    *,
    title: str,
    code: str | None = None,
    detail: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(code) if code else "about:blank",
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body["request_id"] = current_request_id()
    trace_id = current_trace_id()
    if trace_id is not None:  # tracing on: the id to find the request's spans and logs by
        body["trace_id"] = trace_id
    if extra:
        body.update(extra)
    return body


def problem_response(
    status: int,
    *,
    chinese: bool,
    code: str | None = None,
    detail: str | None = None,
    extra: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    title: str | None = None,
) -> JSONResponse:
    body = problem_body(
        status, title=title or status_title(status, chinese), code=code, detail=detail, extra=extra
    )
    return JSONResponse(
        body, status_code=status, media_type=PROBLEM_CONTENT_TYPE, headers=dict(headers or {})
    )


def _chinese(request: Request) -> bool:
    return wants_chinese(request.headers.get("accept-language"))


def _validation_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    # Only location, message and type: echoing the rejected input could leak personal data.
    return [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in errors
    ]


async def _domain_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    chinese = _chinese(request)
    return problem_response(
        exc.status,
        chinese=chinese,
        code=exc.code,
        title=exc.title_zh if chinese else exc.title_en,
        detail=exc.detail,
        extra=exc.extra,
        headers=exc.headers,
    )


async def _http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    # Starlette fills `detail` with the status phrase; that adds nothing to the title.
    detail: str | None = exc.detail if isinstance(exc.detail, str) else None
    if detail == HTTPStatus(status).phrase:
        detail = None
    headers = dict(exc.headers or {})
    if status == 405:
        # The router names only the first matching route's methods; others may share the path.
        allowed = allowed_methods(request.app, request.scope["path"])
        if allowed:
            headers["Allow"] = allow_header(allowed)
    return problem_response(status, chinese=_chinese(request), detail=detail, headers=headers)


async def _validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    chinese = _chinese(request)
    return problem_response(
        422,
        chinese=chinese,
        code="validation-failed",
        detail="请求中有字段未通过校验" if chinese else "One or more fields are invalid",
        extra={"errors": _validation_errors(exc.errors())},
    )


async def _stale_data_handler(request: Request, exc: Exception) -> JSONResponse:
    # Two writers raced on a versioned row; the later one must read again, like a stale If-Match.
    chinese = _chinese(request)
    return problem_response(
        412,
        chinese=chinese,
        code="precondition-failed",
        detail="记录已被他人修改，请重新读取"
        if chinese
        else "The record changed meanwhile; read it again",
    )


UNIQUE_VIOLATION = "23505"
# Two transactions that waited on each other (one is chosen to fail), or a serialisation
# conflict: the losing request kept nothing and succeeds when sent again.
RETRYABLE = frozenset({"40P01", "40001"})


def _sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a driver error, raw (asyncpg, e.g. from a COPY) or wrapped by SQLAlchemy."""
    for candidate in (exc, getattr(exc, "orig", None)):
        code = getattr(candidate, "sqlstate", None)
        if code:
            return str(code)
    return None


async def _integrity_error_handler(request: Request, exc: Exception) -> JSONResponse:
    # Code that expects a duplicate checks for it first; one that still hits a unique index
    # lost a race with a concurrent request writing the same thing. The transaction is rolled
    # back, nothing of the request is kept, and sending it again finds what the other wrote.
    if _sqlstate(exc) not in RETRYABLE | {UNIQUE_VIOLATION}:
        raise exc  # any other constraint: a fault of ours, answered as a 500 problem
    return concurrent_write_response(request)


def concurrent_write_response(request: Request) -> JSONResponse:
    chinese = _chinese(request)
    return problem_response(
        409,
        chinese=chinese,
        code="concurrent-write",
        detail="另一请求同时写入了相同的记录，本次请求未保存任何内容，请重新发送"
        if chinese
        else "Another request wrote the same record at the same moment; nothing of this "
        "request was kept. Send it again.",
    )


# What a database that is down, restarting or out of connections raises: asyncpg's own errors
# on connecting or on a dead connection, the socket's (refused, reset, timed out, no such
# host), SQLAlchemy's pool timeout. The request can succeed later; nothing was stored.
DATABASE_UNAVAILABLE: tuple[type[Exception], ...] = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.InsufficientResourcesError,
    PoolTimeoutError,
)
RETRY_AFTER_SECONDS = 5


def database_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or isinstance(exc.orig, DATABASE_UNAVAILABLE)
    return isinstance(exc, DATABASE_UNAVAILABLE)


def unavailable_response(request: Request) -> JSONResponse:
    chinese = _chinese(request)
    return problem_response(
        503,
        chinese=chinese,
        code="database-unavailable",
        detail="数据库暂时无法访问，请稍后重试"
        if chinese
        else "The database cannot be reached; try again shortly",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _database_error_handler(request: Request, exc: Exception) -> JSONResponse:
    if _sqlstate(exc) in RETRYABLE:
        return concurrent_write_response(request)
    if not database_unavailable(exc):
        raise exc  # a fault of ours, answered as a 500 problem
    logger.warning("database unavailable: %s", type(exc).__name__)
    return unavailable_response(request)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error_handler)
    app.add_exception_handler(StarletteHTTPException, _http_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_error_handler)
    app.add_exception_handler(StaleDataError, _stale_data_handler)
    app.add_exception_handler(IntegrityError, _integrity_error_handler)
    app.add_exception_handler(asyncpg.UniqueViolationError, _integrity_error_handler)
    app.add_exception_handler(asyncpg.exceptions.DeadlockDetectedError, _integrity_error_handler)
    app.add_exception_handler(asyncpg.exceptions.SerializationError, _integrity_error_handler)


def install_database_handlers(app: FastAPI) -> None:
    """A service's: a database out of reach answers 503 with Retry-After on every route."""
    app.add_exception_handler(DBAPIError, _database_error_handler)
    for kind in DATABASE_UNAVAILABLE:
        app.add_exception_handler(kind, _database_error_handler)
