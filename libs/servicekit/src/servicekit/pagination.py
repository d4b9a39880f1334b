"""Cursor pagination: opaque cursors over a stable sort key, with a capped page size."""

import base64
import binascii
import json
import uuid
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from servicekit.errors import DomainError

T = TypeVar("T")

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50


class InvalidCursorError(DomainError):
    status = 400
    code = "invalid-cursor"
    title_en = "Invalid cursor"
    title_zh = "分页游标无效"


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, default=str).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> list[Any] | None:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (binascii.Error, ValueError):
        raise InvalidCursorError("The cursor was not issued by this service") from None
    if not isinstance(key, list):
        raise InvalidCursorError("The cursor was not issued by this service")
    return key


def cursor_key(cursor: str | None, *types: Callable[[Any], Any]) -> tuple[Any, ...] | None:
    """The sort key a cursor carries, each part converted by its type (`int`, `str`,
    `uuid.UUID` ...); None for the first page. A cursor of another list, or one edited by
    hand, is refused rather than read as the first page (a client would loop) or left to
    fail deep down as a 500."""
    key = decode_cursor(cursor)
    if key is None:
        return None
    if len(key) != len(types):
        raise InvalidCursorError("The cursor was not issued by this list")
    try:
        return tuple(
            kind(str(part)) if kind is uuid.UUID else kind(part)
            for kind, part in zip(types, key, strict=True)
        )
    except (TypeError, ValueError):
        raise InvalidCursorError("The cursor was not issued by this list") from None


# The alphabet of `encode_cursor` (base64url without padding): the document tells clients what
# a cursor looks like, though only the service can tell which ones it issued (400 otherwise).
CURSOR_PATTERN = "^[A-Za-z0-9_-]+$"
CursorParam = Annotated[
    str | None,
    Query(description="`next_cursor` of the previous page", pattern=CURSOR_PATTERN),
]
LimitParam = Annotated[
    int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size, at most {MAX_PAGE_SIZE}")
]
