"""The OpenAPI document a service publishes: readable operation ids, and every error an
operation can answer, derived from the route itself so no router has to remember them.

Security comes from the token dependency (`servicekit.auth`), which FastAPI declares as a
bearer scheme on exactly the operations that use it; the answers completed here follow from
the same facts: a token (401, 403), a body (400 for one that is not UTF-8), a path id (404),
a cursor (400), an `Idempotency-Key` (400, 409, 422), an `If-Match` (412, 428), a write
(409 on a lost race), and a database behind every operation (503).

What the boundary refuses everywhere is stated where it applies, so that a client (or a
fuzzer) reading the document sends what the services take: no string holds U+0000, an
`Idempotency-Key` has 1 to 100 characters, and an `If-Match` the route always needs is
required.
"""

import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from servicekit.concurrency import IF_MATCH_REQUIRED
from servicekit.errors import PROBLEM_CONTENT_TYPE
from servicekit.idempotency import MAX_KEY_LENGTH
from servicekit.schemas import INT64_MAX, INT64_MIN

PROBLEM_SCHEMA_NAME = "Problem"
PROBLEM_REF = {"$ref": f"#/components/schemas/{PROBLEM_SCHEMA_NAME}"}

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": PROBLEM_SCHEMA_NAME,
    "description": "RFC 9457 problem details (问题详情), titled in Chinese or English by "
    "Accept-Language; some problems add fields of their own.",
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {
            "type": "string",
            "description": "`urn:gonghui:problem:<code>`, or `about:blank` for a plain HTTP status",
            "examples": ["urn:gonghui:problem:validation-failed"],
        },
        "title": {"type": "string", "examples": ["请求参数无效"]},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "request_id": {
            "type": ["string", "null"],
            "description": "The X-Request-ID of the request, for support and logs",
        },
        "trace_id": {
            "type": "string",
            "description": "The W3C trace id of the request (32 hex digits), to find its spans "
            "and log lines; present when tracing is on",
            "pattern": "^[0-9a-f]{32}$",
        },
        "errors": {
            "type": "array",
            "description": "For 422: each failing field (the rejected value is not echoed)",
            "items": {
                "type": "object",
                "required": ["loc", "msg", "type"],
                "properties": {
                    "loc": {
                        "type": "array",
                        "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                        "examples": [["body", "name"]],
                    },
                    "msg": {"type": "string"},
                    "type": {"type": "string", "examples": ["string_contains_nul"]},
                },
            },
        },
    },
    "additionalProperties": True,
}

# Status → (Chinese, English) description, used where a route did not describe it itself.
DESCRIPTIONS: dict[int, tuple[str, str]] = {
    400: (
        "请求无法解析（请求体不是 UTF-8、游标或幂等键无效）",
        "The request cannot be read "
        "(a body that is not UTF-8, an invalid cursor or Idempotency-Key)",
    ),
    401: ("缺少或无效的访问令牌", "Missing or invalid access token"),
    403: ("调用者无权执行此操作", "The caller may not do this"),
    404: ("对象不存在或调用者无权看到", "No such object, or none the caller may see"),
    409: ("与并发请求或现有记录冲突", "Conflicts with a concurrent request or an existing record"),
    412: ("If-Match 与记录当前版本不符", "If-Match does not match the record's current version"),
    422: (
        "请求参数无效，`errors` 列出未通过的字段",
        "Invalid input; `errors` lists the failing fields",
    ),
    428: ("需要 If-Match", "If-Match is required"),
    503: ("数据库暂时无法访问，见 Retry-After", "The database cannot be reached; see Retry-After"),
}

UNSAFE_METHODS = frozenset({"post", "put", "patch", "delete"})
HTTP_METHODS = frozenset({"get", "head", "post", "put", "patch", "delete", "options", "trace"})


_ROUTER_MODULES = frozenset({"router", "routers", "routes", "api"})


def _snake(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")


def operation_id(route: APIRoute) -> str:
    """`<module>_<function>`, e.g. `members_approve` for `members.router.approve`: stable
    across path changes, and readable as a method name in a generated client. The module's
    own noun is left out of the function's name (`cases.review_case` is `cases_review`)."""
    parts = route.endpoint.__module__.split(".")
    group = parts[-2] if parts[-1] in _ROUTER_MODULES and len(parts) > 1 else parts[-1]
    noun = {group, group.removesuffix("s")}
    words = [w for w in _snake(route.name).split("_") if w not in noun] or [_snake(route.name)]
    return f"{_snake(group)}_{'_'.join(words)}"


def _statuses(method: str, operation: dict[str, Any]) -> set[int]:
    statuses = {422, 503}
    if operation.get("security"):
        statuses |= {401, 403}
    if "requestBody" in operation:
        statuses.add(400)
    if method in UNSAFE_METHODS:
        statuses.add(409)
    for parameter in operation.get("parameters", []):
        name, where = str(parameter.get("name", "")).lower(), parameter.get("in")
        if where == "path":
            statuses.add(404)
        elif where == "query" and name == "cursor":
            statuses.add(400)
        elif where == "header" and name == "idempotency-key":
            statuses |= {400, 409}
        elif where == "header" and name == "if-match":
            statuses |= {412, 428}
    return statuses


# ECMA 262 (JSON Schema's dialect) and Python read `\u0000` alike.
NO_NUL_PATTERN = "^[^\\u0000]*$"
# Where a string cannot hold a NUL anyway, or says exactly what it holds.
_STRING_CONSTRAINTS = frozenset({"pattern", "format", "enum", "const", "contentEncoding"})


def _is_type(schema: dict[str, Any], kind: str) -> bool:
    declared = schema.get("type")
    return declared == kind or (isinstance(declared, list) and kind in declared)


def forbid_nul(node: Any) -> None:
    """Every string schema (and every open object's property names) in `node` refuses NUL,
    as the boundary does (servicekit.boundary)."""
    if isinstance(node, dict):
        if _is_type(node, "string") and not _STRING_CONSTRAINTS & node.keys():
            node["pattern"] = NO_NUL_PATTERN
        if _is_type(node, "object") and node.get("additionalProperties") is not False:
            node.setdefault("propertyNames", {"pattern": NO_NUL_PATTERN})
        for key, value in node.items():
            # An example's value is data, not a schema, and a name is a name.
            if key not in ("example", "examples", "properties", "propertyNames"):
                forbid_nul(value)
        for value in (node.get("properties") or {}).values():
            forbid_nul(value)
    elif isinstance(node, list):
        for item in node:
            forbid_nul(item)


_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def exact_integer_bounds(node: Any) -> None:
    """Integer bounds as integers within BIGINT's. FastAPI writes a field's bounds as floats
    (`"maximum": 9.223372036854776e+18`), which is BIGINT's maximum plus one: a client trusting
    it sends a number the boundary refuses (fuzzing sent 9223372036854775999)."""
    if isinstance(node, dict):
        if _is_type(node, "integer"):
            for bound in _BOUNDS:
                value = node.get(bound)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    node[bound] = min(max(int(value), INT64_MIN), INT64_MAX)
        for value in node.values():
            exact_integer_bounds(value)
    elif isinstance(node, list):
        for item in node:
            exact_integer_bounds(item)


def _declare_headers(operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        name, where = str(parameter.get("name", "")).lower(), parameter.get("in")
        if where != "header":
            continue
        schema = parameter.get("schema") or {}
        if name == "idempotency-key":
            parameter["schema"] = {
                **_without_null(schema),
                "minLength": 1,
                "maxLength": MAX_KEY_LENGTH,
            }
        elif name == "if-match" and schema.pop(IF_MATCH_REQUIRED, False):
            # Any value is well formed: one that names no current ETag is answered 412.
            parameter["required"] = True
            parameter["schema"] = _without_null(schema)


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """`anyOf: [string, null]` as the string alone: a header is there or it is not."""
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    rest = {k: v for k, v in schema.items() if k != "anyOf"}
    return {**branches[0], **rest} if len(branches) == 1 else rest or {"type": "string"}


def _problem_content() -> dict[str, Any]:
    return {PROBLEM_CONTENT_TYPE: {"schema": dict(PROBLEM_REF)}}


def complete_operation(method: str, operation: dict[str, Any]) -> None:
    _declare_headers(operation)
    responses: dict[str, Any] = operation.setdefault("responses", {})
    for status in _statuses(method, operation):
        zh, en = DESCRIPTIONS[status]
        responses.setdefault(str(status), {"description": f"{zh} / {en}"})
    for code, response in responses.items():
        if code.isdigit() and int(code) >= 400:
            # FastAPI's own 422 names a JSON schema the problem handler never answers with.
            response["content"] = _problem_content()


def complete_document(document: dict[str, Any]) -> None:
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            if method in HTTP_METHODS:
                complete_operation(method, operation)
    # A webhook's answers are its receiver's; FastAPI's 422 there names a schema removed below.
    for path_item in document.get("webhooks", {}).values():
        for method, operation in path_item.items():
            if method in HTTP_METHODS:
                operation.get("responses", {}).pop("422", None)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    # Answers too: they come from PostgreSQL, whose text holds no NUL either.
    forbid_nul(document.get("paths"))
    forbid_nul(schemas)
    exact_integer_bounds(document.get("paths"))
    exact_integer_bounds(schemas)
    schemas[PROBLEM_SCHEMA_NAME] = PROBLEM_SCHEMA


def install_openapi(app: FastAPI) -> None:
    """Completes the document FastAPI builds, once, when it is first asked for."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            complete_document(document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def raw_json_body(*schemas: str) -> dict[str, object]:
    """`openapi_extra` of a route that reads its body raw (a webhook, whose signature covers
    the bytes): the request body it takes, by component schema name (one of several)."""
    refs = [{"$ref": f"#/components/schemas/{name}"} for name in schemas]
    schema = refs[0] if len(refs) == 1 else {"oneOf": refs}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}
