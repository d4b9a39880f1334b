"""The boundary every service's routes pass: refused input is a 422 naming the field, a
database out of reach a 503, a wrong method a 405 with the whole Allow, and the document
says all of it. Each test plays a caller who sent what the issue-12 fuzzing found."""

import csv
import io
import time
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter, FastAPI, Form, Header, Request, UploadFile
from pydantic import Field
from sqlalchemy import text

from servicekit.app import create_service_app
from servicekit.auth import CurrentPrincipal
from servicekit.boundary import NulCharacterError, check_no_nul
from servicekit.concurrency import IfMatchHeader, check_if_match
from servicekit.db import SessionDep
from servicekit.openapi import NO_NUL_PATTERN
from servicekit.pagination import CursorParam, cursor_key, encode_cursor
from servicekit.schemas import ApiModel, NotNull
from servicekit.settings import ServiceSettings

UNREACHABLE_DB = "postgresql+asyncpg://nobody@127.0.0.1:9/none"


class Sub(ApiModel):
    label: str = Field(max_length=20)


class ThingCreate(ApiModel):
    name: str = Field(max_length=200)
    notice_days: int = Field(default=5, ge=0, le=30)
    count: int = 0
    rank: int = Field(default=1, ge=1)
    is_active: bool = True
    subs: list[Sub] = []


class ThingUpdate(ApiModel):
    name: Annotated[str | None, NotNull()] = Field(default=None, max_length=200)
    is_active: Annotated[bool | None, NotNull()] = None
    note: str | None = None  # a nullable column: null clears it


def _things() -> APIRouter:
    router = APIRouter(prefix="/v1/things", tags=["things"])

    @router.post("/{code}", status_code=201)
    async def create(code: str, thing_in: ThingCreate, q: str | None = None) -> dict[str, Any]:
        return {"code": code, **thing_in.model_dump()}

    @router.patch("/{thing_id}")
    async def update(
        thing_id: uuid.UUID,
        thing_in: ThingUpdate,
        _principal: CurrentPrincipal,
        if_match: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        return thing_in.model_dump(exclude_unset=True)

    @router.put("/{thing_id}/label")
    async def relabel(thing_id: uuid.UUID, if_match: IfMatchHeader = None) -> dict[str, str]:
        check_if_match(if_match, 1)
        return {"id": str(thing_id)}

    @router.get("/{thing_id}")
    async def read(thing_id: uuid.UUID, _principal: CurrentPrincipal) -> dict[str, str]:
        return {"id": str(thing_id)}

    @router.get("")
    async def search(year: int | None = None, cursor: CursorParam = None) -> dict[str, Any]:
        return {"year": year, "after": cursor_key(cursor, int)}

    @router.post("/{code}/copies", status_code=201)
    async def copy(
        code: str, idempotency_key: Annotated[str, Header(alias="Idempotency-Key")]
    ) -> dict[str, str]:
        return {"code": code}

    @router.post("/forms/login")
    async def login(username: Annotated[str, Form()]) -> dict[str, str]:
        return {"username": username}

    return router


def _cases() -> APIRouter:
    router = APIRouter(prefix="/v1/cases", tags=["cases"])

    @router.post("/review")
    async def review() -> dict[str, str]:
        return {"reviewed": "all"}

    @router.get("/{case_id}")
    async def read_case(case_id: uuid.UUID) -> dict[str, str]:
        return {"id": str(case_id)}

    @router.delete("/{case_id}", status_code=204)
    async def withdraw(case_id: uuid.UUID) -> None:
        return None

    return router


def _data() -> APIRouter:
    router = APIRouter(prefix="/v1/data", tags=["data"])

    @router.get("/session")
    async def through_session(session: SessionDep) -> dict[str, int]:
        return {"one": int(await session.scalar(text("SELECT 1")) or 0)}

    @router.get("/reads")
    async def through_reads(request: Request) -> Any:
        async with request.app.state.reads() as connection:
            return {"one": await connection.fetchval("SELECT 1")}

    @router.post("/cells")
    async def cells(file: UploadFile) -> dict[str, int]:
        rows = list(csv.reader(io.StringIO((await file.read()).decode())))
        for number, row in enumerate(rows, start=1):
            for column, cell in enumerate(row):
                check_no_nul(cell, ("file", number, column))
        return {"rows": len(rows)}

    return router


def build_app(database_url: str = UNREACHABLE_DB) -> FastAPI:
    return create_service_app(
        ServiceSettings(database_url=database_url, environment="test"),
        title="t",
        description="d",
        version="0",
        routers=[_things(), _cases(), _data()],
    )


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    app = build_app()
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield client


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def failing(response: httpx.Response) -> list[tuple[Any, ...]]:
    body = problem(response, 422)
    return [tuple(error["loc"]) for error in body["errors"]]


# Defect 1: a NUL reached PostgreSQL and answered 500.


async def test_nul_in_path_query_header_or_body_is_422_naming_the_field(
    client: httpx.AsyncClient,
) -> None:
    assert failing(await client.post("/v1/things/a%00b", json={"name": "x"})) == [("path", "code")]
    assert failing(await client.post("/v1/things/a?q=x%00", json={"name": "x"})) == [("query", "q")]
    assert failing(await client.get("/v1/things?other=%00")) == [("query", "other")]
    nested = {"name": "x\u0000", "subs": [{"label": "ok"}, {"label": "\u0000"}]}
    assert failing(await client.post("/v1/things/a", json=nested)) == [
        ("body", "name"),
        ("body", "subs", 1, "label"),
    ]
    assert failing(await client.post("/v1/things/forms/login", data={"username": "a\x00b"})) == [
        ("body", "username")
    ]
    headers = [("x-note", "a\x00b")]
    response = await client.post("/v1/things/a", json={"name": "x"}, headers=headers)
    assert failing(response) == [("header", "x-note")]


async def test_nul_is_refused_before_the_token_is_looked_at(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/v1/things/{uuid.uuid4()}?q=%00")
    assert failing(response) == [("query", "q")]


async def test_an_escaped_backslash_before_u0000_is_no_nul(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/things/a", json={"name": "\\u0000"})
    assert response.status_code == 201
    assert response.json()["name"] == "\\u0000"


async def test_spreadsheet_cells_are_checked_with_the_same_refusal(
    client: httpx.AsyncClient,
) -> None:
    sheet = b"name,phone\nok,fine\nok,a\x00\n"
    response = await client.post("/v1/data/cells", files={"file": ("m.csv", sheet)})
    assert failing(response) == [("file", 3, 1)]
    assert problem(response, 422)["errors"][0]["type"] == "string_contains_nul"
    # A file's name (kept by an import) arrives RFC 2231-encoded, where %00 is a NUL.
    named = await client.post(
        "/v1/data/cells",
        content=b"--b\r\nContent-Disposition: form-data; name=file; filename*=utf-8''m%00.csv"
        b"\r\n\r\na\r\n--b--\r\n",
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    assert failing(named) == [("body", "file")]
    with pytest.raises(NulCharacterError) as refused:
        check_no_nul("a\x00", ("file", 3, "name"))
    assert refused.value.extra["errors"][0]["loc"] == ["file", 3, "name"]


# Defect 2: integers beyond what PostgreSQL holds answered 500.


async def test_integer_beyond_bigint_is_422_and_documented(client: httpx.AsyncClient) -> None:
    assert failing(await client.get("/v1/things?year=9223372036854775808")) == [("query", "year")]
    assert failing(await client.get("/v1/things?year=-9223372036854775809")) == [("query", "year")]
    big = {"name": "x", "count": 2**63}
    assert failing(await client.post("/v1/things/a", json=big)) == [("body", "count")]
    document = (await client.get("/openapi.json")).json()
    [year] = document["paths"]["/v1/things"]["get"]["parameters"][:1]
    schema = year["schema"]["anyOf"][0]
    assert (schema["minimum"], schema["maximum"]) == (-(2**63), 2**63 - 1)


# Defect 3: an explicit null for a column without nulls answered 500.


async def test_explicit_null_for_a_not_null_field_is_422(client: httpx.AsyncClient) -> None:
    app_client = client
    thing = uuid.uuid4()
    for field in ("name", "is_active"):
        body = {field: None}
        response = await app_client.patch(f"/v1/things/{thing}", json=body)
        # The token is checked after the body here; without one the answer is still no 500.
        assert response.status_code in (401, 422)
    document = (await client.get("/openapi.json")).json()
    update = document["components"]["schemas"]["ThingUpdate"]["properties"]
    assert update["name"]["type"] == "string"
    assert update["is_active"]["type"] == "boolean"
    assert {"type": "null"} in update["note"]["anyOf"]


def test_not_null_field_refuses_null_but_may_be_left_out() -> None:
    assert ThingUpdate.model_validate({}).model_dump(exclude_unset=True) == {}
    assert ThingUpdate.model_validate({"note": None}).note is None
    for field in ("name", "is_active"):
        with pytest.raises(ValueError, match="null_not_allowed"):
            ThingUpdate.model_validate({field: None})


# Defect 4: loose types were converted silently.


@pytest.mark.parametrize(
    ("sent", "loc"),
    [
        ({"notice_days": False}, ("body", "notice_days")),
        ({"is_active": 0}, ("body", "is_active")),
        ({"count": "2026"}, ("body", "count")),
        ({"count": 1.5}, ("body", "count")),
        ({"name": 5}, ("body", "name")),
        ({"subs": [{"label": 1}]}, ("body", "subs", 0, "label")),
        ({"unknown": 1}, ("body", "unknown")),
    ],
)
async def test_json_bodies_are_validated_strictly(
    client: httpx.AsyncClient, sent: dict[str, Any], loc: tuple[Any, ...]
) -> None:
    response = await client.post("/v1/things/a", json={"name": "x", **sent})
    assert failing(response) == [loc]


async def test_strict_bodies_still_read_ids_and_enums_from_json_strings(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/v1/things/a", json={"name": "x", "notice_days": 3})
    assert response.status_code == 201
    assert response.json()["notice_days"] == 3


async def test_an_integral_number_with_a_fraction_is_the_integer_json_schema_says_it_is(
    client: httpx.AsyncClient,
) -> None:
    # Fuzzing sent `{"max_uses": 100.0}`: JSON Schema counts it an integer, so must we.
    response = await client.post(
        "/v1/things/a", json={"name": "x", "notice_days": 3.0, "subs": [], "count": 1e2}
    )
    assert response.status_code == 201, response.text
    assert response.json()["notice_days"] == 3
    assert response.json()["count"] == 100
    too_big = await client.post("/v1/things/a", json={"name": "x", "notice_days": 31.0})
    assert failing(too_big) == [("body", "notice_days")]


# Defect 5: a database out of reach answered 500.


@pytest.mark.parametrize("path", ["/v1/data/session", "/v1/data/reads"])
async def test_unreachable_database_is_503_with_retry_after_within_a_second(
    client: httpx.AsyncClient, path: str
) -> None:
    started = time.monotonic()
    response = await client.get(path, headers={"Accept-Language": "zh-CN"})
    assert time.monotonic() - started < 1.0
    body = problem(response, 503)
    assert response.headers["retry-after"].isdigit()
    assert body["type"] == "urn:gonghui:problem:database-unavailable"
    assert body["title"] == "服务暂不可用"


async def test_silent_database_host_is_503_within_a_second() -> None:
    # A non-routable address: packets vanish, the connect would wait asyncpg's minute.
    app = build_app("postgresql+asyncpg://nobody@10.255.255.1:5432/none")
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            started = time.monotonic()
            response = await client.get("/v1/data/session")
    assert time.monotonic() - started < 1.0
    problem(response, 503)


# Defect 6: OPTIONS named one method; a wrong method on a literal path answered 422.


async def test_options_is_405_with_every_method_of_the_path(client: httpx.AsyncClient) -> None:
    response = await client.options(f"/v1/things/{uuid.uuid4()}")
    problem(response, 405)
    assert response.headers["allow"] == "GET, PATCH, POST"


async def test_wrong_method_is_405_with_every_method_of_the_path(
    client: httpx.AsyncClient,
) -> None:
    response = await client.put(f"/v1/cases/{uuid.uuid4()}")
    problem(response, 405)
    assert response.headers["allow"] == "DELETE, GET"


async def test_wrong_method_on_a_literal_path_is_405_not_a_bad_id(
    client: httpx.AsyncClient,
) -> None:
    for method in ("GET", "DELETE", "OPTIONS"):
        response = await client.request(method, "/v1/cases/review")
        problem(response, 405)
        assert response.headers["allow"] == "POST"
    assert (await client.post("/v1/cases/review")).status_code == 200


async def test_a_body_that_is_not_utf8_is_a_documented_400(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/things/a", content=b'{"name": "\xff"}', headers={"content-type": "application/json"}
    )
    problem(response, 400)
    document = (await client.get("/openapi.json")).json()
    assert "400" in document["paths"]["/v1/things/{code}"]["post"]["responses"]


# Defects 7 and 8: security, error schemas, operation ids.


@pytest.fixture
def document() -> dict[str, Any]:
    return build_app().openapi()


def test_protected_operations_declare_bearer_and_public_ones_nothing(
    document: dict[str, Any],
) -> None:
    paths = document["paths"]
    assert paths["/v1/things/{thing_id}"]["get"]["security"] == [{"bearerAuth": []}]
    assert paths["/v1/things/{thing_id}"]["patch"]["security"] == [{"bearerAuth": []}]
    assert "security" not in paths["/v1/things/{code}"]["post"]
    assert "security" not in paths["/healthz"]["get"]
    assert "security" not in document
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_every_error_response_is_a_documented_problem(document: dict[str, Any]) -> None:
    problem_schema = document["components"]["schemas"]["Problem"]
    assert set(problem_schema["properties"]) == {
        "type",
        "title",
        "status",
        "detail",
        "request_id",
        "trace_id",
        "errors",
    }
    for path_item in document["paths"].values():
        for operation in path_item.values():
            for code, response in operation["responses"].items():
                if int(code) >= 400:
                    content = response["content"]
                    assert list(content) == ["application/problem+json"]
                    assert content["application/problem+json"]["schema"] == {
                        "$ref": "#/components/schemas/Problem"
                    }
    assert "HTTPValidationError" not in document["components"]["schemas"]


def _codes(document: dict[str, Any], path: str, method: str) -> set[str]:
    return set(document["paths"][path][method]["responses"])


def test_every_status_an_operation_can_answer_is_documented(document: dict[str, Any]) -> None:
    assert _codes(document, "/v1/things/{thing_id}", "patch") >= {
        "400", "401", "403", "404", "409", "412", "422", "428", "503"
    }  # fmt: skip
    assert _codes(document, "/v1/things", "get") >= {"400", "422", "503"}
    assert _codes(document, "/v1/things/{code}/copies", "post") >= {"400", "409", "422"}
    public_read = _codes(document, "/v1/cases/{case_id}", "get")
    assert public_read >= {"404", "422", "503"}
    assert not public_read & {"401", "403", "409", "412", "428"}


# What fuzzing through the gateway found the documents did not say (README "Fuzzing").


def test_every_string_a_client_sends_is_documented_without_nul(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert schemas["ThingCreate"]["properties"]["name"]["pattern"] == NO_NUL_PATTERN
    code = document["paths"]["/v1/things/{code}"]["post"]["parameters"][0]
    assert code["schema"]["pattern"] == NO_NUL_PATTERN
    # A uuid cannot hold one; a string with its own pattern says exactly what it holds.
    thing_id = document["paths"]["/v1/things/{thing_id}"]["get"]["parameters"][0]
    assert "pattern" not in thing_id["schema"]
    assert schemas["Problem"]["properties"]["title"] == {
        "type": "string",
        "examples": ["请求参数无效"],
    }


def test_integer_bounds_are_exact_integers_within_bigint(document: dict[str, Any]) -> None:
    properties = document["components"]["schemas"]["ThingCreate"]["properties"]
    notice_days, rank = properties["notice_days"], properties["rank"]
    assert (notice_days["minimum"], notice_days["maximum"]) == (0, 30)
    assert type(notice_days["maximum"]) is int
    # Not 9.223372036854776e+18, which is one more than the boundary takes.
    assert (rank["minimum"], rank["maximum"]) == (1, 2**63 - 1)
    assert type(rank["maximum"]) is int


async def test_a_required_if_match_is_declared_required_and_missing_is_428(
    client: httpx.AsyncClient, document: dict[str, Any]
) -> None:
    parameters = document["paths"]["/v1/things/{thing_id}/label"]["put"]["parameters"]
    if_match = next(p for p in parameters if p["name"] == "if-match")
    assert if_match["required"] is True
    assert if_match["schema"]["type"] == "string"
    assert not any(k.startswith("x-") for k in if_match["schema"])
    # An If-Match optional in the route stays optional in the document.
    patch = document["paths"]["/v1/things/{thing_id}"]["patch"]["parameters"]
    assert next(p for p in patch if p["name"] == "if-match")["required"] is False

    path = f"/v1/things/{uuid.uuid4()}/label"
    assert problem(await client.put(path), 428)["type"].endswith("precondition-required")
    assert (await client.put(path, headers={"If-Match": 'W/"1"'})).status_code == 200
    # Fuzzing sent an empty one: it names no version, so it is stale, as the document says.
    assert problem(await client.put(path, headers={"If-Match": ""}), 412)


def test_idempotency_key_is_documented_with_the_lengths_it_is_checked_against(
    document: dict[str, Any],
) -> None:
    parameters = document["paths"]["/v1/things/{code}/copies"]["post"]["parameters"]
    key = next(p for p in parameters if p["name"] == "Idempotency-Key")
    assert key["schema"]["minLength"] == 1
    assert key["schema"]["maxLength"] == 100


async def test_a_cursor_is_documented_by_its_alphabet_and_an_empty_one_is_422(
    client: httpx.AsyncClient, document: dict[str, Any]
) -> None:
    parameters = document["paths"]["/v1/things"]["get"]["parameters"]
    cursor = next(p for p in parameters if p["name"] == "cursor")
    assert {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"} in cursor["schema"]["anyOf"]
    # Fuzzing sent `cursor=`: the document allowed it and the service refused it (400).
    assert failing(await client.get("/v1/things?cursor=")) == [("query", "cursor")]
    issued = encode_cursor([7])
    assert (await client.get(f"/v1/things?cursor={issued}")).json()["after"] == [7]


def test_operation_ids_are_tag_and_function(document: dict[str, Any]) -> None:
    ids = [
        operation["operationId"]
        for path_item in document["paths"].values()
        for operation in path_item.values()
    ]
    # `<module>_<function>`; a service's modules are its packages (`cases`, `members` ...).
    assert "test_boundary_review" in ids
    assert "test_boundary_update" in ids
    assert "health_readyz" in ids
    assert len(ids) == len(set(ids))
