"""Every error a service answers is problem+json, titled by Accept-Language, never a trace."""

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel
from sqlalchemy import text

from servicekit.app import create_service_app
from servicekit.bulk import copy_records
from servicekit.errors import NotFoundError, wants_chinese
from servicekit.settings import ServiceSettings

UNREACHABLE_DB = "postgresql+asyncpg://nobody@127.0.0.1:9/none"


class Item(BaseModel):
    name: str
    quantity: int


def _router() -> APIRouter:
    router = APIRouter()

    @router.post("/items/{item_id}")
    async def create_item(item_id: int, item: Item) -> dict[str, int]:
        return {"id": item_id, "quantity": item.quantity}

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    @router.post("/twice/{how}")
    async def twice(how: str, request: Request) -> None:
        """Writes the same key twice, as two racing requests would."""
        async with request.app.state.sessionmaker() as session, session.begin():
            await session.execute(text("CREATE TEMP TABLE once (k int PRIMARY KEY)"))
            await session.execute(text("INSERT INTO once VALUES (1)"))
            if how == "copy":
                await copy_records(session, "once", ["k"], [(1,)], schema="pg_temp")
            elif how == "insert":
                await session.execute(text("INSERT INTO once VALUES (1)"))
            else:
                await session.execute(text("INSERT INTO once VALUES (NULL)"))

    @router.post("/waited/{sqlstate}")
    async def waited(sqlstate: str, request: Request) -> None:
        """Fails as PostgreSQL fails the loser of a deadlock or a serialisation conflict."""
        async with request.app.state.sessionmaker() as session, session.begin():
            await session.execute(
                text(f"DO $$ BEGIN RAISE EXCEPTION 'lost' USING ERRCODE = '{sqlstate}'; END $$")
            )

    @router.get("/missing")
    async def missing() -> None:
        raise NotFoundError("No organisation 42")

    return router


def build_app(database_url: str = UNREACHABLE_DB) -> FastAPI:
    return create_service_app(
        ServiceSettings(database_url=database_url, environment="test"),
        title="t",
        description="d",
        version="0",
        routers=[_router()],
    )


@pytest.fixture
async def plain_client() -> httpx.AsyncClient:
    app = build_app()
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield client


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["request_id"] == response.headers["x-request-id"]
    return body


async def test_unknown_path_is_404_problem(plain_client: httpx.AsyncClient) -> None:
    body = assert_problem(await plain_client.get("/nowhere"), 404)
    assert body["title"] == "Not Found"


async def test_wrong_method_is_405_problem(plain_client: httpx.AsyncClient) -> None:
    assert_problem(await plain_client.delete("/boom"), 405)


async def test_invalid_input_names_failing_fields(plain_client: httpx.AsyncClient) -> None:
    response = await plain_client.post("/items/abc", json={"name": "raincoat", "quantity": "x"})
    body = assert_problem(response, 422)
    locations = [tuple(err["loc"]) for err in body["errors"]]  # type: ignore[attr-defined]
    assert ("path", "item_id") in locations
    assert ("body", "quantity") in locations
    assert "x" not in str(body["errors"])  # rejected values are not echoed back


async def test_unhandled_error_is_500_without_internals(plain_client: httpx.AsyncClient) -> None:
    response = await plain_client.get("/boom")
    body = assert_problem(response, 500)
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    assert body["title"] == "Internal Server Error"


async def test_domain_error_carries_its_detail(plain_client: httpx.AsyncClient) -> None:
    body = assert_problem(await plain_client.get("/missing"), 404)
    assert body["detail"] == "No organisation 42"
    assert body["type"] == "urn:gonghui:problem:not-found"


async def test_titles_follow_accept_language(plain_client: httpx.AsyncClient) -> None:
    zh = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}
    assert assert_problem(await plain_client.get("/nowhere", headers=zh), 404)["title"] == "未找到"
    assert assert_problem(await plain_client.get("/boom", headers=zh), 500)["title"] == (
        "服务器内部错误"
    )
    response = await plain_client.post("/items/1", json={}, headers=zh)
    assert assert_problem(response, 422)["title"] == "请求参数无效"


@pytest.mark.parametrize(
    ("header", "chinese"),
    [
        ("zh-CN", True),
        ("en-US,en;q=0.9,zh;q=0.8", False),
        ("en;q=0.5,zh-TW;q=0.9", True),
        ("", False),
        ("fr", False),
    ],
)
def test_language_choice_respects_quality(header: str, chinese: bool) -> None:
    assert wants_chinese(header) is chinese


async def test_request_id_is_kept_or_generated(plain_client: httpx.AsyncClient) -> None:
    given = await plain_client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    generated = await plain_client.get("/healthz")
    assert len(generated.headers["x-request-id"]) == 32
    forged = await plain_client.get("/healthz", headers={"X-Request-ID": "bad\nid" * 30})
    assert forged.headers["x-request-id"] != "bad\nid" * 30


async def test_readyz_is_503_problem_when_database_unreachable(
    plain_client: httpx.AsyncClient,
) -> None:
    assert (await plain_client.get("/healthz")).json() == {"status": "ok"}
    assert_problem(await plain_client.get("/readyz"), 503)


async def test_readyz_is_200_with_a_database(postgres_admin_url: str) -> None:
    url = str(httpx.URL(postgres_admin_url).copy_with(scheme="postgresql+asyncpg"))
    app = build_app(url)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


@pytest.mark.parametrize("how", ["insert", "copy"])
async def test_a_lost_race_on_a_unique_key_is_409_and_any_other_violation_500(
    postgres_admin_url: str, how: str
) -> None:
    url = str(httpx.URL(postgres_admin_url).copy_with(scheme="postgresql+asyncpg"))
    app = build_app(url)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            duplicate = await client.post(f"/twice/{how}")
            other = await client.post("/twice/null")
    body = assert_problem(duplicate, 409)
    assert body["type"] == "urn:gonghui:problem:concurrent-write"
    assert "Send it again" in str(body["detail"])
    assert "once" not in duplicate.text  # no table or constraint names
    assert_problem(other, 500)


@pytest.mark.parametrize("sqlstate", ["40P01", "40001"])
async def test_the_loser_of_a_deadlock_is_told_to_send_again_not_500(
    postgres_admin_url: str, sqlstate: str
) -> None:
    url = str(httpx.URL(postgres_admin_url).copy_with(scheme="postgresql+asyncpg"))
    app = build_app(url)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            lost = await client.post(f"/waited/{sqlstate}")
    assert assert_problem(lost, 409)["type"] == "urn:gonghui:problem:concurrent-write"
