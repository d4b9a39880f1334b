"""Deny by default: every route of every service answers 401 without a token, except an
explicit allow-list. A new route that forgets its auth dependency fails this test."""

import re
from collections.abc import Callable

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from competition.main import create_app as create_competition
from competition.settings import CompetitionSettings
from membership.main import create_app as create_membership
from membership.settings import MembershipSettings
from rebate.main import create_app as create_rebate
from rebate.settings import RebateSettings

# No database is needed: a request without a token must be refused before any query.
NO_DATABASE = "postgresql+asyncpg://nobody@127.0.0.1:9/none"

PUBLIC_EVERYWHERE = {
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/redoc"),
}
PUBLIC_ROUTES: dict[str, set[tuple[str, str]]] = {
    "membership": {
        ("POST", "/v1/auth/token"),
        # Activation and forgotten passwords: a code sent to the phone on record.
        ("POST", "/v1/auth/activation-codes"),
        ("POST", "/v1/auth/password"),
        ("GET", "/.well-known/jwks.json"),
        # Joining by QR code: the unguessable invitation code is the credential.
        ("GET", "/v1/join/{code}"),
        ("POST", "/v1/join/{code}"),
        # Service-centre counters check short-lived signed card tokens.
        ("POST", "/v1/cards/verify"),
    },
    # Partners sign their deliveries (Standard Webhooks); the signature is the credential.
    "rebate": {
        ("POST", "/v1/webhooks/tax/{partner_id}"),
        ("POST", "/v1/webhooks/bank/{partner_id}"),
    },
    "competition": {
        # Published results, names and organisations masked.
        ("GET", "/v1/public/competitions/{competition_id}"),
        ("GET", "/v1/public/events/{event_id}/leaderboard"),
        # Membership signs its organisation events (Standard Webhooks).
        ("POST", "/v1/webhooks/membership"),
    },
}

APPS: dict[str, Callable[[], FastAPI]] = {
    "membership": lambda: create_membership(
        MembershipSettings(database_url=NO_DATABASE, environment="test")
    ),
    "rebate": lambda: create_rebate(RebateSettings(database_url=NO_DATABASE, environment="test")),
    "competition": lambda: create_competition(
        CompetitionSettings(database_url=NO_DATABASE, environment="test")
    ),
}


def concrete_path(template: str) -> str:
    # Any well-formed id will do: the token check comes before the object is looked up.
    return re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000001", template)


def protected_routes(app: FastAPI, service: str) -> list[tuple[str, str]]:
    # The OpenAPI document lists every route however routers are nested (the suite hides
    # only /metrics, which is for the scraper at the process and refused through any proxy:
    # services/membership/tests/test_telemetry.py).
    allowed = PUBLIC_EVERYWHERE | PUBLIC_ROUTES[service]
    return [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
        if (method.upper(), path) not in allowed
    ]


@pytest.mark.parametrize("service", sorted(APPS))
async def test_every_route_outside_the_allow_list_requires_a_token(service: str) -> None:
    app = APPS[service]()
    routes = protected_routes(app, service)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            for method, path in routes:
                for headers in ({}, {"Authorization": "Bearer not-a-token"}):
                    response = await client.request(method, concrete_path(path), headers=headers)
                    assert response.status_code == 401, (service, method, path, response.text)
                    assert response.headers["content-type"] == "application/problem+json"


def test_the_membership_service_has_protected_routes_to_check() -> None:
    # Guards the walker itself: if route discovery broke, the test above would pass vacuously.
    assert ("GET", "/v1/accounts/me") in protected_routes(APPS["membership"](), "membership")
