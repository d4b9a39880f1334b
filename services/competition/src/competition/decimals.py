"""Decimal input: a string or an integer, never a JSON float (0.1 is not exactly 0.1)."""

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer


def _no_float(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError('send decimals as strings, e.g. "8.50"')
    return value


def _plain(value: Decimal) -> str:
    # Fixed-point text: "100", not "1E+2".
    return format(value, "f")


_AS_TEXT = PlainSerializer(_plain, return_type=str, when_used="json")

# A judge's or a measurement's mark: below 10^5, up to 3 decimal places (times in 0.001 s).
# The bounds keep ranking keys within BIGINT (ranking/sql.py).
Mark = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    Field(max_digits=8, decimal_places=3, allow_inf_nan=False),
    _AS_TEXT,
]
# A criterion's weight: at most 100, up to 2 decimal places, so a weighted mark has at most 5.
Weight = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    Field(ge=0, le=100, max_digits=5, decimal_places=2, allow_inf_nan=False),
    _AS_TEXT,
]
# Sheet totals, spreads, thresholds.
Score = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    Field(max_digits=20, decimal_places=5, allow_inf_nan=False),
    _AS_TEXT,
]
