"""Sub-tree checks on the organisation paths rebate keeps (dot-separated ids from the root)."""

from sqlalchemy import ColumnElement, false, or_
from sqlalchemy.orm import InstrumentedAttribute


def within_any(
    column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None], paths: tuple[str, ...]
) -> ColumnElement[bool]:
    """SQL: the path in `column` is one of `paths` or below one. Paths hold only hex digits and
    dots, so they are safe inside a LIKE pattern."""
    return or_(false(), *(or_(column == p, column.like(f"{p}.%")) for p in paths))
