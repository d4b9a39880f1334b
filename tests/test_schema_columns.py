"""Every request schema says what its column holds: a string no longer than the column
(a longer one was a 500 from PostgreSQL, e.g. a 2083-character webhook URL into 500), and no
null in an update of a column without nulls (`{"is_active": null}` was a 500 too).

A field is compared with the column of the same name in the table its schema writes: the
table named like the schema (`PartnerUpdate` → `partner`), else the one table holding such a
column, else the table named below. A new schema or column that cannot be matched fails here,
so the comparison never silently skips a field."""

import enum
import re
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import annotated_types
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from sqlalchemy import Column, Enum, Integer, MetaData, SmallInteger, String

from competition.db import Base as CompetitionBase
from competition.main import create_app as create_competition
from competition.settings import CompetitionSettings
from membership.db import Base as MembershipBase
from membership.main import create_app as create_membership
from membership.settings import MembershipSettings
from rebate.db import Base as RebateBase
from rebate.main import create_app as create_rebate
from rebate.settings import RebateSettings
from servicekit.routes import route_dependants
from servicekit.schemas import INT32_MAX, INT32_MIN, NotNull

NO_DATABASE = "postgresql+asyncpg://nobody@127.0.0.1:9/none"

SERVICES: dict[str, tuple[Callable[[], FastAPI], MetaData]] = {
    "membership": (
        lambda: create_membership(MembershipSettings(database_url=NO_DATABASE, environment="test")),
        MembershipBase.metadata,
    ),
    "rebate": (
        lambda: create_rebate(RebateSettings(database_url=NO_DATABASE, environment="test")),
        RebateBase.metadata,
    ),
    "competition": (
        lambda: create_competition(
            CompetitionSettings(database_url=NO_DATABASE, environment="test")
        ),
        CompetitionBase.metadata,
    ),
}

# (service, schema, field) → the table the field is written to, where its name is ambiguous.
WRITTEN_TO: dict[tuple[str, str, str], str] = {
    ("membership", "JoinRequest", "name"): "person",
    ("competition", "GroupIn", "name"): "event_group",
    ("competition", "MemberEntryCreate", "membership_no"): "participant",
    ("competition", "StudentEntryCreate", "name"): "participant",
    ("competition", "OwnConflictCreate", "reason"): "conflict",
    ("competition", "SheetIn", "reason"): "score_change",
    ("rebate", "BulkReviewIn", "reason"): "review",
}
# Fields named like a column they are not written to (kept in a JSON document, or only read).
NOT_A_COLUMN: set[tuple[str, str, str]] = {
    ("membership", "HonourCreate", "member_id"),  # identifies the member, with membership_no
    ("membership", "HonourCreate", "membership_no"),
    ("competition", "Criterion", "code"),  # a rubric's criterion, inside the event's rubric
    ("competition", "Criterion", "name"),
    ("competition", "PrizeRule", "prize"),  # an enum, inside the event's prize rules
    ("rebate", "BankRule", "region_prefix"),  # inside the policy's bank rules
    ("competition", "BatchApproval", "reason"),  # entry reasons go to the entry's history (500)
    ("competition", "Reason", "reason"),
    ("competition", "ReasonRequired", "reason"),
    ("membership", "Decision", "reason"),  # all candidate columns hold 500
    ("membership", "ReasonRequired", "reason"),
}
# Sent raw (any case, with spaces), normalised and checked against the column before it is kept.
NOT_A_COLUMN |= {
    ("membership", "EnterpriseCreate", "uscc"),
    ("membership", "UsccReview", "uscc"),
    # A one-time code is checked against its keyed hash, never stored.
    ("membership", "PasswordSet", "code"),
}
# Schema name → table, where the name does not say it.
TABLE_OF: dict[tuple[str, str], str] = {
    ("competition", "ObjectionDecision"): "objection",
    ("rebate", "RunCreate"): "rebate_run",
    ("rebate", "DismissIn"): "rebate_exception",
    ("rebate", "RematchIn"): "rebate_exception",
    ("rebate", "ReopenIn"): "rebate_case",
}
RENAMED: dict[tuple[str, str, str], str] = {
    ("competition", "ObjectionDecision", "note"): "decision_note",
    ("rebate", "DismissIn", "reason"): "resolution_note",
    ("rebate", "RematchIn", "note"): "resolution_note",
    ("rebate", "ReopenIn", "reason"): "status_reason",
}

_SUFFIX = re.compile(r"(Create|Update|In|Body)$")


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def request_schemas(app: FastAPI) -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}

    def collect(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation.__name__.startswith("Body_") or annotation.__name__ in found:
                return
            found[annotation.__name__] = annotation
            for field in annotation.model_fields.values():
                collect(field.annotation)
        for argument in typing.get_args(annotation):
            collect(argument)

    for route in route_dependants(app):
        for dependant in _dependants(route):
            for param in dependant.body_params:
                collect(param.field_info.annotation)
    return found


def _scalar(annotation: Any) -> Any:
    """`str` of `str | None`, `HttpUrl` of `HttpUrl | None` ..."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _max_length(field: FieldInfo) -> int | None:
    lengths = [m.max_length for m in field.metadata if isinstance(m, annotated_types.MaxLen)]
    for argument in typing.get_args(field.annotation):
        for meta in getattr(argument, "__metadata__", ()):
            if hasattr(meta, "max_length") and meta.max_length is not None:
                lengths.append(meta.max_length)
    return lengths[0] if lengths else None


def _allows_null(field: FieldInfo) -> bool:
    if any(isinstance(m, NotNull) for m in field.metadata):
        return False
    return type(None) in typing.get_args(field.annotation)


def _int_bounds(field: FieldInfo) -> tuple[int | None, int | None]:
    low = high = None
    for m in field.metadata:
        if isinstance(m, annotated_types.Ge):
            low = int(m.ge)  # type: ignore[call-overload]
        if isinstance(m, annotated_types.Le):
            high = int(m.le)  # type: ignore[call-overload]
    return low, high


def column_for(service: str, schema: str, name: str, metadata: MetaData) -> Column[Any] | None:
    key = (service, schema, name)
    if key in NOT_A_COLUMN:
        return None
    tables = {table.name: table for table in metadata.tables.values()}
    column_name = RENAMED.get(key, name)
    if key in WRITTEN_TO:
        return tables[WRITTEN_TO[key]].c[column_name]
    own = TABLE_OF.get((service, schema)) or _snake(_SUFFIX.sub("", schema))
    if own in tables:
        table = tables[own]
        return table.c.get(column_name)
    holding = [t.c[column_name] for t in tables.values() if column_name in t.c]
    if not holding:
        return None
    if len({getattr(c.type, "length", None) for c in holding}) > 1:
        raise AssertionError(f"{key}: several columns of that name; add it to WRITTEN_TO")
    return holding[0]


def mismatches(service: str) -> list[str]:
    build, metadata = SERVICES[service]
    found = []
    for schema_name, schema in sorted(request_schemas(build()).items()):
        for name, field in schema.model_fields.items():
            column = column_for(service, schema_name, name, metadata)
            if column is None:
                continue
            where = f"{service} {schema_name}.{name} ({column.table.name}.{column.name})"
            scalar = _scalar(field.annotation)
            if isinstance(column.type, String) and not isinstance(column.type, Enum):
                is_choice = (isinstance(scalar, type) and issubclass(scalar, enum.Enum)) or (
                    typing.get_origin(scalar) is typing.Literal
                )
                if not is_choice and _max_length(field) != column.type.length:
                    found.append(
                        f"{where}: max_length {_max_length(field)}, column {column.type.length}"
                    )
            if isinstance(column.type, Integer | SmallInteger) and scalar is int:
                low, high = _int_bounds(field)
                if low is None or high is None or low < INT32_MIN or high > INT32_MAX:
                    found.append(f"{where}: bounds {low}..{high} exceed the INTEGER column")
            if schema_name.endswith("Update") and not column.nullable and _allows_null(field):
                found.append(f"{where}: null allowed, the column holds none (use NotNull)")
    return found


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_request_schemas_match_their_columns(service: str) -> None:
    assert mismatches(service) == []
