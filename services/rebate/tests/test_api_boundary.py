"""Rebate behind the servicekit boundary (issue 12): an id beyond BIGINT, a null or a loose
type in a partner's update, a webhook URL longer than its column and a NUL in a webhook's
header are 422s naming the field; a database out of reach is a 503 with Retry-After."""

import time
from collections.abc import Callable
from typing import Any

import httpx
from fastapi import FastAPI

from servicekit.db import create_engine, create_read_sessionmaker, create_sessionmaker
from servicekit.reads import pooled_reads
from servicekit.settings import ServiceSettings


def failing(response: httpx.Response) -> list[list[Any]]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return [error["loc"] for error in response.json()["errors"]]


AuthHeaders = Callable[..., dict[str, str]]


async def test_an_outbox_id_beyond_bigint_is_422(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await client.post("/v1/outbox/9223372036854775808/replay", headers=auth("admin"))
    assert failing(response) == [["path", "message_id"]]


async def test_partner_updates_refuse_nulls_loose_types_and_overlong_urls(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    admin = auth("admin")
    created = await client.post(
        "/v1/partners",
        json={"name": "福建省税务局", "kind": "tax", "region_prefixes": ["35"]},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    path = f"/v1/partners/{created.json()['id']}"
    for sent, loc in (
        ({"is_active": None}, ["body", "is_active"]),
        ({"name": None}, ["body", "name"]),
        ({"is_active": 0}, ["body", "is_active"]),
        ({"webhook_url": "https://bank.example/" + "x" * 480}, ["body", "webhook_url"]),
    ):
        assert failing(await client.patch(path, json=sent, headers=admin)) == [loc]
    cleared = await client.patch(path, json={"webhook_url": None}, headers=admin)
    assert cleared.status_code == 200
    assert cleared.json()["is_active"] is True


async def test_a_nul_in_a_webhook_header_is_422_before_anything_is_kept(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    created = await client.post(
        "/v1/partners",
        json={"name": "福建省税务局", "kind": "tax", "region_prefixes": ["35"]},
        headers=auth("admin"),
    )
    response = await client.post(
        f"/v1/webhooks/tax/{created.json()['id']}",
        content=b"{}",
        headers=[("webhook-id", "msg\x00"), ("content-type", "application/json")],
    )
    assert failing(response) == [["header", "webhook-id"]]


async def test_database_out_of_reach_is_503_with_retry_after(
    client: httpx.AsyncClient, app: FastAPI, auth: AuthHeaders
) -> None:
    engine = create_engine(ServiceSettings(database_url="postgresql+asyncpg://x@127.0.0.1:9/x"))
    app.state.sessionmaker = create_sessionmaker(engine)
    app.state.read_sessionmaker = create_read_sessionmaker(engine)
    app.state.reads = pooled_reads(engine)
    started = time.monotonic()
    response = await client.get("/v1/partners", headers=auth("admin"))
    assert time.monotonic() - started < 1.0
    assert response.status_code == 503
    assert response.headers["retry-after"].isdigit()
    await engine.dispose()


async def test_a_wrong_method_on_the_literal_review_path_is_405_not_a_bad_case_id(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    for method in ("GET", "OPTIONS", "DELETE"):
        response = await client.request(method, "/v1/cases/review", headers=auth("admin"))
        assert response.status_code == 405
        assert response.headers["allow"] == "POST"
    response = await client.options("/v1/partners/0d9a5ab9-2b5e-4a47-a0a5-3f3f6d3b1a11")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, PATCH"


async def test_a_webhook_url_that_outgrows_its_column_once_normalised_is_422_not_a_500(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    # What fuzzing sent: 500 characters, and no path, to which normalising adds a "/".
    host = ".".join(["a" * 60] * 8)
    prefix = f"https://{host}."
    url = prefix + "b" * (500 - len(prefix))
    assert len(url) == 500
    sent = {"name": "福建省税务局", "kind": "tax", "region_prefixes": ["35"], "webhook_url": url}
    response = await client.post("/v1/partners", json=sent, headers=auth("admin"))
    assert failing(response) == [["body", "webhook_url"]]
