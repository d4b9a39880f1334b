"""The gateway's own endpoints: health, the OpenAPI portal, CORS, and errors as problems."""

import httpx

from gateway.docs import through_gateway

from .conftest import ALLOWED_ORIGIN, GatewayFactory, Services

PROBLEM = "application/problem+json"


async def test_healthz_answers(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_is_200_when_every_service_is_ready(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


async def test_readyz_stays_200_while_a_service_is_down(
    gateway_factory: GatewayFactory, services: Services, auth: dict[str, str]
) -> None:
    async with gateway_factory(rebate_url=services.dead_url) as gateway:
        ready = await gateway.get("/readyz")
        down = await gateway.get("/rebate/v1/things", headers=auth)
        up = await gateway.get("/membership/v1/things", headers=auth)

    assert ready.status_code == 200
    assert down.status_code == 503
    assert up.status_code == 200


async def test_a_service_that_says_not_ready_does_not_make_the_gateway_unready(
    gateway: httpx.AsyncClient, services: Services
) -> None:
    services.competition.ready = False
    try:
        gateway_ready = await gateway.get("/readyz")
        competition_ready = await gateway.get("/competition/readyz")
    finally:
        services.competition.ready = True

    assert gateway_ready.status_code == 200
    assert competition_ready.status_code == 503


async def test_docs_portal_lists_every_service_and_serves_swagger_locally(
    gateway: httpx.AsyncClient,
) -> None:
    response = await gateway.get("/docs")

    assert response.status_code == 200
    for name in ("membership", "rebate", "competition", "gateway"):
        assert f'value="/openapi/{name}.json"' in response.text
    assert "/docs/assets/swagger-ui-bundle.js" in response.text
    assert "cdn" not in response.text
    bundle = await gateway.get("/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    assert len(bundle.content) > 100_000


async def test_service_document_is_served_with_its_gateway_server(
    gateway: httpx.AsyncClient,
) -> None:
    response = await gateway.get("/openapi/membership.json")

    assert response.status_code == 200
    document = response.json()
    assert document["servers"] == [{"url": "/membership"}]
    assert document["info"]["title"] == "gonghui membership"
    assert "/v1/things" in document["paths"]
    assert "bearerAuth" in document["components"]["securitySchemes"]


async def test_gateway_document_is_served(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/openapi/gateway.json")

    assert response.status_code == 200
    assert "/readyz" in response.json()["paths"]


async def test_document_of_a_down_service_is_503_alone(
    gateway_factory: GatewayFactory, services: Services
) -> None:
    async with gateway_factory(competition_url=services.dead_url) as gateway:
        down = await gateway.get("/openapi/competition.json")
        up = await gateway.get("/openapi/rebate.json")

    assert down.status_code == 503
    assert down.headers["content-type"] == PROBLEM
    assert up.status_code == 200


async def test_document_of_unknown_service_is_404(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/openapi/payroll.json")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


async def test_unknown_prefix_is_404_problem(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/payroll/v1/slips", headers={"X-Request-ID": "req-404"})

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "request_id": "req-404",
    }


async def test_unknown_prefix_is_titled_in_chinese_when_asked(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/payroll/v1/slips", headers={"Accept-Language": "zh-CN"})

    assert response.json()["title"] == "未找到"


async def test_wrong_method_on_gateway_endpoint_is_405_problem(
    gateway: httpx.AsyncClient,
) -> None:
    response = await gateway.post("/healthz")

    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM


async def test_cors_preflight_from_allowed_origin_is_answered(gateway: httpx.AsyncClient) -> None:
    response = await gateway.options(
        "/membership/v1/orgs",
        headers={
            "Origin": ALLOWED_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "POST" in response.headers["access-control-allow-methods"]


async def test_cors_preflight_from_other_origin_is_refused(gateway: httpx.AsyncClient) -> None:
    response = await gateway.options(
        "/membership/v1/orgs",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )

    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert "access-control-allow-origin" not in response.headers


async def test_proxied_answer_carries_cors_headers_for_allowed_origin(
    gateway: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await gateway.get(
        "/membership/v1/things", headers={**auth, "Origin": ALLOWED_ORIGIN}
    )

    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "X-Request-ID" in response.headers["access-control-expose-headers"]


def test_a_service_document_names_what_the_gateway_itself_may_answer() -> None:
    # Fuzzing through the gateway met a 504 (a slow service) that no document named.
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    document = {
        "paths": {
            "/v1/things": {
                "get": {"responses": {"200": {"description": "ok"}}},
                "post": {
                    "requestBody": {"content": {}},
                    "responses": {"503": {"description": "database", "content": problem}},
                },
            }
        },
        "components": {"schemas": {"Problem": {"type": "object"}}},
    }
    served = through_gateway(document, "rebate")
    get, post = served["paths"]["/v1/things"]["get"], served["paths"]["/v1/things"]["post"]
    assert set(get["responses"]) == {"200", "502", "503", "504"}
    assert get["responses"]["504"]["content"] == problem
    assert set(post["responses"]) == {"413", "502", "503", "504"}
    assert post["responses"]["503"]["description"] == "database"  # the service's own kept
    assert document["paths"]["/v1/things"]["get"]["responses"] == {"200": {"description": "ok"}}
