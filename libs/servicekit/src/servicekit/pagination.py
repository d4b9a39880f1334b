"""Cursor pagination: opaque cursors over a stable sort key, with a capped page size."""

import base64
import binascii
import json
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


CursorParam = Annotated[str | None, Query(description="`next_cursor` of the previous page")]
LimitParam = Annotated[
    int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size, at most {MAX_PAGE_SIZE}")
]
