"""The gateway's own refusals, sent as problem+json detailed in the caller's language."""

from dataclasses import dataclass

from starlette.types import Receive, Scope, Send

from servicekit.errors import DomainError, problem_response, wants_chinese


@dataclass(frozen=True, slots=True)
class Refusal:
    status: int
    code: str
    # `{service}` is replaced by the service's name.
    english: str
    chinese: str
    # Seconds, for a refusal that sending again later may overcome.
    retry_after: int | None = None


INVALID_PATH = Refusal(
    400, "invalid-path", "The path must not contain . or .. segments", "路径中不能含有 . 或 .. 段"
)
INVALID_LENGTH = Refusal(
    400,
    "invalid-content-length",
    "Content-Length must be a number of bytes",
    "Content-Length 必须是字节数",
)
BODY_TOO_LARGE = Refusal(
    413,
    "body-too-large",
    "The request body is larger than the gateway accepts",
    "请求体超过网关允许的大小",
)
# A service that is down (restarting, deploying) is unavailable for a while, as its own
# database would make it: 503 with Retry-After on its routes, the others unaffected.
UPSTREAM_UNREACHABLE = Refusal(
    503,
    "upstream-unreachable",
    "The {service} service cannot be reached",
    "无法连接 {service} 服务",
    retry_after=5,
)
BAD_GATEWAY = Refusal(
    502, "bad-gateway", "The {service} service gave no valid answer", "{service} 服务未返回有效响应"
)
UPSTREAM_TIMEOUT = Refusal(
    504,
    "upstream-timeout",
    "The {service} service did not answer in time",
    "{service} 服务未能及时响应",
)


def _chinese(scope: Scope) -> bool:
    value: bytes
    for name, value in scope["headers"]:
        if name == b"accept-language":
            return wants_chinese(value.decode("latin-1"))
    return False


async def refuse(
    scope: Scope, receive: Receive, send: Send, refusal: Refusal, service: str = ""
) -> None:
    chinese = _chinese(scope)
    detail = refusal.chinese if chinese else refusal.english
    response = problem_response(
        refusal.status,
        chinese=chinese,
        code=refusal.code,
        detail=detail.format(service=service),
        headers={} if refusal.retry_after is None else {"Retry-After": str(refusal.retry_after)},
    )
    await response(scope, receive, send)


async def refuse_for(scope: Scope, receive: Receive, send: Send, exc: DomainError) -> None:
    chinese = _chinese(scope)
    response = problem_response(
        exc.status,
        chinese=chinese,
        code=exc.code,
        title=exc.title_zh if chinese else exc.title_en,
        detail=exc.detail,
        extra=exc.extra,
        headers=exc.headers,
    )
    await response(scope, receive, send)
