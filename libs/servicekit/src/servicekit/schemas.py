"""The base of every request schema: what a client sends is taken as it is typed, never guessed.

FastAPI validates a parsed JSON body in pydantic's Python mode, where `strict=True` would also
refuse a UUID, a date or an enum value sent as the string JSON has for them. So the strictness
is set on the scalar types alone: `false` is no integer, `0` no boolean, `"2026"` no year.
JSON has a single kind of number, though, and JSON Schema counts `100.0` an integer: so does
an integer field (`100.5` stays refused).
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

# PostgreSQL's integer columns; an integer without bounds of its own gets BIGINT's.
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

_STRICT_SCALARS = frozenset({"int", "bool", "str", "float"})


def _integral_float(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _is_integral_wrapper(node: dict[str, Any]) -> bool:
    function = node.get("function")
    return isinstance(function, dict) and function.get("function") is _integral_float


def _tighten(node: Any) -> None:
    """Strict scalars and BIGINT bounds throughout a core schema (nested models included)."""
    if isinstance(node, dict):
        if _is_integral_wrapper(node):
            return  # a nested model's, tightened already
        kind = node.get("type")
        if isinstance(kind, str) and kind in _STRICT_SCALARS:
            node["strict"] = True
        if kind == "int":
            if "ge" not in node and "gt" not in node:
                node["ge"] = INT64_MIN
            if "le" not in node and "lt" not in node:
                node["le"] = INT64_MAX
            inner = dict(node)
            node.clear()
            node.update(core_schema.no_info_before_validator_function(_integral_float, inner))
            return
        for value in node.values():
            _tighten(value)
    elif isinstance(node, list):
        for value in node:
            _tighten(value)


class ApiModel(BaseModel):
    """Request bodies: unknown fields refused, scalars strict, integers within BIGINT."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[BaseModel], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        _tighten(schema)
        return schema


class NotNull:
    """For `field: Annotated[X | None, NotNull()] = None` in an update: the field may be left
    out (None then means "unchanged"), but an explicit `null` is refused, because the column
    it changes holds no null. The document shows the field as not nullable."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_before_validator_function(_refuse_null, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        value = handler(schema)
        branches = value.get("anyOf")
        if isinstance(branches, list):
            kept = [b for b in branches if b.get("type") != "null"]
            if len(kept) == 1:
                rest = {k: v for k, v in value.items() if k != "anyOf"}
                return {**kept[0], **rest}
            value = {**value, "anyOf": kept}
        return value


def _refuse_null(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("null_not_allowed", "The field may be left out, but not null")
    return value
