"""The checks every request passes before a handler sees it, whichever router it reaches.

PostgreSQL's text holds no U+0000: a NUL that reached a query failed there as a 500 with the
parameters in the log. It is refused here as a 422 naming the field. Integer parameters
without bounds of their own get BIGINT's, so a number PostgreSQL cannot hold is refused
before it becomes a query argument.
"""

from collections.abc import Iterator, Sequence
from typing import Any, Union, get_args, get_origin

import annotated_types
import orjson
from fastapi import FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError

from servicekit.errors import DomainError
from servicekit.routes import route_dependants
from servicekit.schemas import INT64_MAX, INT64_MIN

NUL = "\x00"
NUL_ERROR_TYPE = "string_contains_nul"
NUL_MESSAGE = "Text may not contain the NUL character (U+0000)"

Loc = tuple[str | int, ...]


def nul_error(loc: Loc) -> dict[str, Any]:
    return {"loc": loc, "msg": NUL_MESSAGE, "type": NUL_ERROR_TYPE}


class NulCharacterError(DomainError):
    """The boundary's refusal, for input read outside a request's own fields."""

    status = 422
    code = "validation-failed"
    title_en = "Invalid input"
    title_zh = "请求参数无效"


def check_no_nul(value: str, loc: Loc) -> None:
    """For input that reaches the database outside a request's own fields (a spreadsheet's
    cells, `("file", row, column)`): the same 422 as the request boundary gives."""
    if NUL in value:
        raise NulCharacterError(NUL_MESSAGE, errors=[{**nul_error(loc), "loc": list(loc)}])


def _nul_paths(value: Any, loc: Loc) -> Iterator[Loc]:
    if isinstance(value, str):
        if NUL in value:
            yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            if NUL in key:
                yield (*loc, _clean(key))
            yield from _nul_paths(item, (*loc, _clean(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_paths(item, (*loc, index))


def _clean(name: str) -> str:
    # A field named with a NUL is reported without it: the answer would carry it back.
    return name.replace(NUL, "")


async def _body_nul_paths(request: Request) -> list[Loc]:
    # FastAPI has read the body (or parsed the form) before dependencies run, and keeps it on
    # the request; a route without a body left both unread, and there is nothing to check.
    form = getattr(request, "_form", None)
    if form is not None:
        return [
            ("body", _clean(key))
            for key, value in form.multi_items()
            # An uploaded file's name is kept too (the import's job records it).
            if NUL in key or NUL in (value if isinstance(value, str) else value.filename or "")
        ]
    body: bytes | None = getattr(request, "_body", None)
    # In JSON a NUL can only be written as the escape \u0000; most bodies are passed at once.
    if not body or b"\\u0000" not in body:
        return []
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        return []  # not JSON: FastAPI refused it already, or the route reads raw bytes
    return list(dict.fromkeys(_nul_paths(document, ("body",))))


async def refuse_nul(request: Request) -> None:
    """App-wide dependency: no NUL in the path, query, headers or body of any request."""
    paths: list[Loc] = [
        ("path", _clean(name)) for name, value in request.path_params.items() if NUL in str(value)
    ]
    paths += [
        ("query", _clean(name))
        for name, value in request.query_params.multi_items()
        if NUL in name or NUL in value
    ]
    paths += [("header", _clean(name)) for name, value in request.headers.items() if NUL in value]
    paths += await _body_nul_paths(request)
    if paths:
        raise RequestValidationError([nul_error(loc) for loc in paths])


def _is_int(annotation: Any) -> bool:
    if annotation is int:
        return True
    if get_origin(annotation) in (Union, type(int | None)):
        return any(_is_int(arg) for arg in get_args(annotation))
    return False


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


_BOUNDS = (annotated_types.Ge, annotated_types.Gt, annotated_types.Le, annotated_types.Lt)


def bound_integer_parameters(app: FastAPI) -> None:
    """Give every integer path, query and header parameter without bounds BIGINT's bounds,
    in its validation and in the document."""
    for route in route_dependants(app):
        for dependant in _dependants(route):
            params: Sequence[Any] = [
                *dependant.path_params,
                *dependant.query_params,
                *dependant.header_params,
            ]
            for field in params:
                info = field.field_info
                if not _is_int(info.annotation) or any(
                    isinstance(m, _BOUNDS) for m in info.metadata
                ):
                    continue
                info.metadata.extend([annotated_types.Ge(INT64_MIN), annotated_types.Le(INT64_MAX)])
                field.__post_init__()  # rebuilds its validator with the new bounds
