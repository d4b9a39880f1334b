"""Cursors: what a page hands out comes back as the same typed key; anything else is a 400."""

import uuid

import pytest

from servicekit.pagination import InvalidCursorError, cursor_key, encode_cursor


def test_a_cursor_gives_back_its_key_typed() -> None:
    last = uuid.uuid4()
    assert cursor_key(encode_cursor([3, "张三", str(last)]), int, str, uuid.UUID) == (
        3,
        "张三",
        last,
    )
    assert cursor_key(None, int, str) is None


@pytest.mark.parametrize(
    "cursor",
    [
        encode_cursor([3, "a"]),  # another list's key: too short
        encode_cursor([3, "a", "b", "c"]),  # too long
        encode_cursor(["x", "a", "2f821ef5-fe0c-499c-acbf-7d59df78146b"]),  # not a number
        encode_cursor([3, "a", "not-a-uuid"]),
        encode_cursor([3, "a", 42]),
        "not base64 !",
    ],
)
def test_any_other_cursor_is_refused(cursor: str) -> None:
    with pytest.raises(InvalidCursorError):
        cursor_key(cursor, int, str, uuid.UUID)
