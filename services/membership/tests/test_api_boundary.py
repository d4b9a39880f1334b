"""Membership behind the servicekit boundary (issue 12). A stranger without a token sends a
NUL to the token endpoint and the join page; a cadre's spreadsheet carries one in a cell; an
admin asks for an account no service could make sense of; the database goes away. Each gets
an answer that names what it sent, never a 500."""

import csv
import io
import re
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import ValidationError

from membership.enterprises.schemas import UnionBankAccountIn
from membership.people.generate import valid_id_number
from servicekit.db import create_engine, create_read_sessionmaker, create_sessionmaker
from servicekit.reads import pooled_reads
from servicekit.settings import ServiceSettings

AuthHeaders = Callable[..., dict[str, str]]


def failing(response: httpx.Response) -> list[list[Any]]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return [error["loc"] for error in response.json()["errors"]]


async def test_a_nul_without_a_token_is_422_naming_the_field(client: httpx.AsyncClient) -> None:
    token = await client.post(
        "/v1/auth/token", data={"grant_type": "password", "username": "a\x00b", "password": "x"}
    )
    assert failing(token) == [["body", "username"]]
    assert failing(await client.get("/v1/join/a%00b")) == [["path", "code"]]


async def test_a_nul_in_a_spreadsheet_cell_refuses_the_file_naming_the_cell(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["姓名", "身份证号", "手机号", "就业形态"])
    writer.writerow(["快递员1", valid_id_number(1), "", "快递员"])
    writer.writerow(["快递员\x002", valid_id_number(2), "", "快递员"])
    headers = auth("cadre", org_scope=(tree.shangcheng,), permissions=("manage_members",))
    response = await client.post(
        f"/v1/orgs/{tree.shangcheng_union}/imports",
        files={"file": ("members.csv", buffer.getvalue().encode())},
        headers=headers,
    )
    assert failing(response) == [["file", 3, "name"]]


CADRE = {
    "username": "cadre.li",
    "password": "a-long-enough-password",
    "display_name": "李干部",
    "roles": ["cadre"],
}


@pytest.mark.parametrize(
    "changes",
    [
        {"permissions": ["review_joins", "rule_the_world"]},
        {"org_scope": ["NIL"]},
        {"roles": ["member", "cadre", "admin", "partner"]},
        {"roles": ["partner"]},
        {"roles": ["admin"], "org_scope": ["5f0c3a52-7a0e-4b4a-9a55-0e4f4c1f7a11"]},
        {"roles": ["enterprise"]},
        {"enterprise_scope": "91330102MA2H0X1A03"},
    ],
)
async def test_accounts_no_service_could_make_sense_of_are_refused(
    client: httpx.AsyncClient, admin_headers: dict[str, str], changes: dict[str, Any]
) -> None:
    response = await client.post("/v1/accounts", json={**CADRE, **changes}, headers=admin_headers)
    assert response.status_code == 422, response.text


async def test_a_scope_naming_no_organisation_is_refused(
    client: httpx.AsyncClient, admin_headers: dict[str, str], tree: Any
) -> None:
    body = {**CADRE, "org_scope": [tree.shangcheng, "5f0c3a52-7a0e-4b4a-9a55-0e4f4c1f7a11"]}
    response = await client.post("/v1/accounts", json=body, headers=admin_headers)
    assert response.status_code == 422, response.text
    assert response.json()["type"] == "urn:gonghui:problem:unknown-organisation"


async def test_a_cadre_account_with_scope_and_known_permissions_is_created(
    client: httpx.AsyncClient, admin_headers: dict[str, str], tree: Any
) -> None:
    body = {**CADRE, "org_scope": [tree.shangcheng], "permissions": ["review_rebates", "judge"]}
    response = await client.post("/v1/accounts", json=body, headers=admin_headers)
    assert response.status_code == 201, response.text


async def test_org_updates_refuse_loose_types_and_nulls(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    admin = auth("admin")
    loose = {"name": "x", "kind": "federation", "level": "county", "region_code": "330106"}
    response = await client.post(
        "/v1/orgs", json={**loose, "parent_id": tree.city, "new_form": 0}, headers=admin
    )
    assert failing(response) == [["body", "new_form"]]
    for null in ({"name": None}, {"new_form": None}, {"region_code": None}):
        response = await client.patch(
            f"/v1/orgs/{tree.gongshu}", json=null, headers={**admin, "If-Match": 'W/"1"'}
        )
        assert failing(response) == [["body", *null]]


async def test_the_token_endpoint_without_its_database_is_503_with_retry_after(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    engine = create_engine(ServiceSettings(database_url="postgresql+asyncpg://x@127.0.0.1:9/x"))
    app.state.sessionmaker = create_sessionmaker(engine)
    app.state.read_sessionmaker = create_read_sessionmaker(engine)
    app.state.reads = pooled_reads(engine)
    started = time.monotonic()
    response = await client.post(
        "/v1/auth/token", data={"grant_type": "password", "username": "root", "password": "x"}
    )
    assert time.monotonic() - started < 1.0
    assert response.status_code == 503
    assert response.headers["retry-after"].isdigit()
    await engine.dispose()


# What `make fuzz` found the document allowed and the service refused (README "Fuzzing").


async def test_an_empty_grant_type_is_refused_as_the_document_says(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    response = await client.post("/v1/auth/token", data={"grant_type": "", "username": "a"})
    assert failing(response) == [["body", "grant_type"]]
    form = app.openapi()["components"]["schemas"]["Body_identity_issue_token"]
    assert form["properties"]["grant_type"]["minLength"] == 1


@pytest.mark.parametrize(
    "account_no",
    ["6222 0212 0300 1234", "62220212", " 12345678 ", "1" * 30, "1234567", "1" * 31, "½9999999",
     "6222-0212", "62220212\t", ""],
)  # fmt: skip
def test_a_bank_account_number_is_documented_exactly_as_it_is_taken(
    app: FastAPI, account_no: str
) -> None:
    schemas = app.openapi()["components"]["schemas"]
    pattern = schemas["UnionBankAccountIn"]["properties"]["account_no"]["pattern"]
    account = {"bank_name": "工行", "account_name": "工会", "account_no": account_no}
    try:
        UnionBankAccountIn.model_validate(account)
        taken = True
    except ValidationError:
        taken = False
    assert taken is (re.fullmatch(pattern, account_no) is not None)
