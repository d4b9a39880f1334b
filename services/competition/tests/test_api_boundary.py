"""Competition behind the servicekit boundary (issue 12): an integer its column cannot hold,
loose JSON types and a null for a column without nulls are 422s naming the field, and a
database out of reach is a 503 with Retry-After."""

import re
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import ValidationError

from competition.scoring.schemas import SheetIn
from servicekit.db import create_engine, create_read_sessionmaker, create_sessionmaker
from servicekit.reads import pooled_reads
from servicekit.settings import ServiceSettings

COMPETITION = {
    "name": "杭州市职工职业技能大赛",
    "kind": "vocational_skills",
    "level": "city",
    "year": 2026,
}


def failing(response: httpx.Response) -> list[list[Any]]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return [error["loc"] for error in response.json()["errors"]]


async def test_a_year_beyond_the_integer_column_is_422(
    client: httpx.AsyncClient, tree: Any, organiser: Callable[..., dict[str, str]]
) -> None:
    response = await client.get("/v1/competitions?year=3886343120", headers=organiser(tree.city))
    assert failing(response) == [["query", "year"]]


async def test_loose_json_types_and_nulls_are_refused(
    client: httpx.AsyncClient, tree: Any, organiser: Callable[..., dict[str, str]]
) -> None:
    headers = organiser(tree.city)
    body = {**COMPETITION, "host_org_id": str(tree.city.id)}
    for loose, loc in (
        ({"notice_days": False}, ["body", "notice_days"]),
        ({"year": "2026"}, ["body", "year"]),
        ({"name": "大赛\u0000"}, ["body", "name"]),
    ):
        response = await client.post("/v1/competitions", json={**body, **loose}, headers=headers)
        assert failing(response) == [loc]
    created = await client.post("/v1/competitions", json=body, headers=headers)
    assert created.status_code == 201, created.text
    path = f"/v1/competitions/{created.json()['id']}"
    for null in ({"name": None}, {"notice_days": None}):
        response = await client.patch(path, json=null, headers={**headers, "If-Match": 'W/"1"'})
        assert failing(response) == [["body", *null]]


async def test_database_out_of_reach_is_503_with_retry_after(
    client: httpx.AsyncClient, app: FastAPI, tree: Any, organiser: Callable[..., dict[str, str]]
) -> None:
    engine = create_engine(ServiceSettings(database_url="postgresql+asyncpg://x@127.0.0.1:9/x"))
    app.state.sessionmaker = create_sessionmaker(engine)
    app.state.read_sessionmaker = create_read_sessionmaker(engine)
    app.state.reads = pooled_reads(engine)
    started = time.monotonic()
    response = await client.get("/v1/competitions", headers=organiser(tree.city))
    assert time.monotonic() - started < 1.0
    assert response.status_code == 503
    assert response.headers["retry-after"].isdigit()
    assert response.json()["type"] == "urn:gonghui:problem:database-unavailable"
    await engine.dispose()


# What `make fuzz` found the document allowed and the service refused (README "Fuzzing").


@pytest.mark.parametrize(
    ("mark", "taken"),
    [
        ("8.50", True),
        ("-2", True),
        ("99999.999", True),
        (85, True),
        ("", False),  # fuzzing sent `"max_mark": ""`, which the document allowed
        (" 8.5", False),
        ("1e2", False),
        ("8.", False),
        ("+1", False),
        (8.5, False),  # a JSON float: 0.1 is not exactly 0.1
    ],
)
def test_a_mark_is_taken_exactly_when_the_document_allows_its_form(
    app: FastAPI, mark: Any, taken: bool
) -> None:
    schemas = app.openapi()["components"]["schemas"]
    documented = schemas["SheetIn"]["properties"]["marks"]["additionalProperties"]["anyOf"]
    integer, text = documented
    assert integer == {"type": "integer", "minimum": -99999, "maximum": 99999}
    assert text["type"] == "string"
    allowed = isinstance(mark, int) or (
        isinstance(mark, str) and re.fullmatch(text["pattern"], mark) is not None
    )
    try:
        SheetIn.model_validate({"marks": {"skill": mark}})
        accepted = True
    except ValidationError:
        accepted = False
    assert allowed is taken
    assert accepted is taken


def test_a_weight_is_documented_with_its_bounds_and_no_stray_keywords(app: FastAPI) -> None:
    weight = app.openapi()["components"]["schemas"]["Criterion-Input"]["properties"]["weight"]
    assert weight["anyOf"][0] == {"type": "integer", "minimum": 0, "maximum": 100}
    assert not {"ge", "le", "max_digits", "decimal_places"} & weight.keys()
