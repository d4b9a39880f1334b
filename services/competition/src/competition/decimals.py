"""Decimal input: a string or an integer, never a JSON float (0.1 is not exactly 0.1).

The document says exactly that: an integer within the type's digits and bounds, or a string
of digits with an optional sign and decimal places (`"8.50"`), the only strings taken.
JSON Schema cannot bound the number a string spells; the service answers those with 422.
"""

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer

DECIMAL_TEXT = r"^-?\d+(\.\d+)?$"
# Constraints of the Field below that pydantic leaves in the schema under their own names.
_LEAKED_BOUNDS = {
    "ge": "minimum",
    "le": "maximum",
    "gt": "exclusiveMinimum",
    "lt": "exclusiveMaximum",
}


def _no_float(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError('send decimals as strings, e.g. "8.50"')
    if isinstance(value, str) and re.fullmatch(DECIMAL_TEXT, value) is None:
        raise ValueError('send decimals as digits with an optional sign and point, e.g. "8.50"')
    return value


def _documented(schema: dict[str, Any]) -> None:
    places, digits = schema.pop("decimal_places", None), schema.pop("max_digits", None)
    bounds = {_LEAKED_BOUNDS[k]: schema.pop(k) for k in list(schema) if k in _LEAKED_BOUNDS}
    schema.pop("allow_inf_nan", None)
    for branch in schema.get("anyOf", []):
        if branch.get("type") == "number":
            branch["type"] = "integer"
            branch.update(bounds)
            if isinstance(digits, int) and isinstance(places, int):
                whole = 10 ** (digits - places) - 1
                branch["maximum"] = min(branch.get("maximum", whole), whole)
                branch["minimum"] = max(branch.get("minimum", -whole), -whole)
        elif branch.get("type") == "string":
            branch["pattern"] = DECIMAL_TEXT


def _plain(value: Decimal) -> str:
    # Fixed-point text: "100", not "1E+2".
    return format(value, "f")


_AS_TEXT = PlainSerializer(_plain, return_type=str, when_used="json")

# A judge's or a measurement's mark: below 10^5, up to 3 decimal places (times in 0.001 s).
# The bounds keep ranking keys within BIGINT (ranking/sql.py).
Mark = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    Field(max_digits=8, decimal_places=3, allow_inf_nan=False, json_schema_extra=_documented),
    _AS_TEXT,
]
# A criterion's weight: at most 100, up to 2 decimal places, so a weighted mark has at most 5.
Weight = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    Field(
        ge=0,
        le=100,
        max_digits=5,
        decimal_places=2,
        allow_inf_nan=False,
        json_schema_extra=_documented,
    ),
    _AS_TEXT,
]
# Sheet totals, spreads, thresholds.
Score = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    Field(max_digits=20, decimal_places=5, allow_inf_nan=False, json_schema_extra=_documented),
    _AS_TEXT,
]
