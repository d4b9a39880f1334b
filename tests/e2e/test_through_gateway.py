"""End to end through the real gateway and the real services, over real HTTP."""

import httpx
import pytest

from localrun.stack import Stack

pytestmark = pytest.mark.xdist_group("e2e")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_every_service_is_ready_behind_the_gateway(gateway: httpx.Client) -> None:
    assert gateway.get("/readyz").status_code == 200
    for service in ("membership", "rebate", "competition"):
        assert gateway.get(f"/{service}/readyz").json()["status"] == "ready"


def test_token_then_a_call_through_the_gateway(gateway: httpx.Client, admin_token: str) -> None:
    me = gateway.get("/membership/v1/accounts/me", headers=bearer(admin_token))
    assert me.status_code == 200, me.text
    assert me.json()["roles"] == ["admin"]

    created = gateway.post(
        "/membership/v1/orgs",
        json={
            "name": "浙江省总工会",
            "kind": "federation",
            "level": "provincial",
            "region_code": "330000",
        },
        headers=bearer(admin_token),
    )
    assert created.status_code == 201, created.text
    read = gateway.get(f"/membership/v1/orgs/{created.json()['id']}", headers=bearer(admin_token))
    assert read.json()["name"] == "浙江省总工会"
    assert read.headers["etag"]


def test_request_id_reaches_the_service_and_comes_back(
    gateway: httpx.Client, admin_token: str
) -> None:
    headers = {**bearer(admin_token), "X-Request-ID": "e2e-trace-0001"}
    # The service itself answers this 404, so its body proves the id was forwarded.
    response = gateway.get("/membership/v1/no-such-route", headers=headers)
    assert response.status_code == 404
    assert response.headers["x-request-id"] == "e2e-trace-0001"
    assert response.json()["request_id"] == "e2e-trace-0001"

    generated = gateway.get("/membership/v1/accounts/me", headers=bearer(admin_token))
    assert len(generated.headers["x-request-id"]) >= 16


def test_missing_or_bad_token_is_refused_at_the_edge(gateway: httpx.Client) -> None:
    # A path the service does not have: a 401 (not 404) shows the gateway answered first.
    for headers in ({}, {"Authorization": "Bearer forged.token.value"}):
        response = gateway.get("/membership/v1/no-such-route", headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"].startswith("Bearer")


def test_public_paths_need_no_token(gateway: httpx.Client) -> None:
    assert gateway.get("/membership/.well-known/jwks.json").json()["keys"]
    assert gateway.get("/membership/v1/join/unknown-code").status_code == 404


def test_oversized_body_is_413_before_the_service(gateway: httpx.Client, admin_token: str) -> None:
    body = b"x" * (1024 * 1024 + 1)
    response = gateway.post(
        "/membership/v1/orgs",
        content=body,
        headers={**bearer(admin_token), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_slow_upstream_is_504(degraded_gateway: httpx.Client, admin_token: str) -> None:
    response = degraded_gateway.get("/rebate/v1/anything", headers=bearer(admin_token))
    assert response.status_code == 504
    assert response.headers["content-type"] == "application/problem+json"


def test_unreachable_upstream_is_503_on_its_routes_only(
    degraded_gateway: httpx.Client, admin_token: str
) -> None:
    response = degraded_gateway.get("/competition/v1/anything", headers=bearer(admin_token))
    assert response.status_code == 503
    assert response.headers["retry-after"].isdigit()
    assert response.json()["status"] == response.status_code
    # The gateway itself is ready: one service down takes no other out of rotation.
    assert degraded_gateway.get("/readyz").status_code == 200
    # The healthy service is still served through the degraded gateway.
    me = degraded_gateway.get("/membership/v1/accounts/me", headers=bearer(admin_token))
    assert me.status_code == 200


def test_one_portal_lists_every_service(gateway: httpx.Client) -> None:
    assert "swagger" in gateway.get("/docs").text.lower()
    for service in ("membership", "rebate", "competition"):
        document = gateway.get(f"/openapi/{service}.json")
        assert document.status_code == 200
        assert document.json()["servers"] == [{"url": f"/{service}"}]
    assert "/v1/orgs" in gateway.get("/openapi/membership.json").json()["paths"]


def test_services_use_their_own_roles(stack: Stack) -> None:
    assert stack.secrets["MEMBERSHIP_DB_PASSWORD"] != stack.secrets["REBATE_DB_PASSWORD"]
