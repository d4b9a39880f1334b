"""The route index picks the route FastAPI's linear matching picks, for every kind of path a
client may send: literal beside templated, a template that does not fix the first two
segments, a wrong method, a trailing slash, an unknown path, a mount."""

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, Request
from starlette.responses import PlainTextResponse

from servicekit.routeindex import RouteIndex, install_route_index, path_key


async def router_dependency(request: Request) -> None:
    request.state.router_dependency = True


def build_app(indexed: bool) -> FastAPI:
    app = FastAPI()
    cases = APIRouter(prefix="/v1/cases", dependencies=[Depends(router_dependency)])

    @cases.get("/review")
    async def review(request: Request) -> dict[str, str]:
        return {"route": "review", "dep": str(request.state.router_dependency)}

    @cases.get("/{case_id}")
    async def case(case_id: int) -> dict[str, object]:
        return {"route": "case", "id": case_id}

    @cases.post("/{case_id}/close")
    async def close(case_id: int) -> dict[str, object]:
        return {"route": "close", "id": case_id}

    # The first two segments are not fixed: a candidate for every path.
    anywhere = APIRouter(prefix="/v1")

    @anywhere.get("/{kind}/count")
    async def count(kind: str) -> dict[str, str]:
        return {"route": "count", "kind": kind}

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"route": "healthz"}

    @app.get("/v1/orgs/")
    async def orgs() -> dict[str, str]:
        return {"route": "orgs"}

    app.include_router(cases)
    app.include_router(anywhere)
    mounted = FastAPI()

    @mounted.get("/page")
    async def page() -> PlainTextResponse:
        return PlainTextResponse("mounted")

    app.mount("/static", mounted)
    if indexed:
        install_route_index(app)
        assert isinstance(app.router.middleware_stack, RouteIndex)
    return app


REQUESTS = [
    ("GET", "/healthz"),
    ("GET", "/healthz/"),
    ("GET", "/v1/cases/review"),
    ("GET", "/v1/cases/7"),
    ("GET", "/v1/cases/seven"),
    ("DELETE", "/v1/cases/7"),
    ("POST", "/v1/cases/7/close"),
    ("GET", "/v1/cases/7/close"),
    ("GET", "/v1/cases/count"),
    ("GET", "/v1/orgs/count"),
    ("GET", "/v1/orgs"),
    ("GET", "/v1/orgs/"),
    ("GET", "/v1/nothing/here"),
    ("GET", "/v2/cases/7"),
    ("GET", "/"),
    ("GET", "/static/page"),
    ("GET", "/static/missing"),
]


@pytest.mark.parametrize(("method", "path"), REQUESTS)
async def test_indexed_app_answers_every_path_as_the_linear_one(method: str, path: str) -> None:
    answers = []
    for indexed in (False, True):
        transport = httpx.ASGITransport(app=build_app(indexed))
        async with httpx.AsyncClient(transport=transport, base_url="http://kit.test") as http:
            response = await http.request(method, path)
        answers.append(
            (
                response.status_code,
                response.content,
                response.headers.get("location"),
                response.headers.get("allow"),
            )
        )
    assert answers[0] == answers[1]


def test_a_path_and_its_trailing_slash_twin_share_a_key() -> None:
    assert path_key("/v1/accounts/me") == path_key("/v1/accounts") == "/v1/accounts"
    assert path_key("/v1/accounts/") == "/v1/accounts"
    assert path_key("/healthz/") == path_key("/healthz") == "/healthz"
