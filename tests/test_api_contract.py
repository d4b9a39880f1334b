"""What each service's OpenAPI document promises an integrator (issue 12, defects 6-8):
protected operations declare the bearer token and public ones nothing, every error answer is
a documented problem, operation ids are readable and unique, model names are unique."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI

from competition.main import create_app as create_competition
from competition.settings import CompetitionSettings
from membership.main import create_app as create_membership
from membership.settings import MembershipSettings
from rebate.main import create_app as create_rebate
from rebate.settings import RebateSettings

NO_DATABASE = "postgresql+asyncpg://nobody@127.0.0.1:9/none"

APPS: dict[str, Callable[[], FastAPI]] = {
    "membership": lambda: create_membership(
        MembershipSettings(database_url=NO_DATABASE, environment="test")
    ),
    "rebate": lambda: create_rebate(RebateSettings(database_url=NO_DATABASE, environment="test")),
    "competition": lambda: create_competition(
        CompetitionSettings(database_url=NO_DATABASE, environment="test")
    ),
}
# Operations anyone may call: their credential, if any, is not a bearer token.
PUBLIC: dict[str, set[tuple[str, str]]] = {
    "membership": {
        ("post", "/v1/auth/token"),
        ("get", "/.well-known/jwks.json"),
        ("get", "/v1/join/{code}"),
        ("post", "/v1/join/{code}"),
        ("post", "/v1/cards/verify"),
        # A member without a password proves possession of the phone on record instead.
        ("post", "/v1/auth/activation-codes"),
        ("post", "/v1/auth/password"),
    },
    "rebate": {
        ("post", "/v1/webhooks/tax/{partner_id}"),
        ("post", "/v1/webhooks/bank/{partner_id}"),
    },
    "competition": {
        ("get", "/v1/public/competitions/{competition_id}"),
        ("get", "/v1/public/events/{event_id}/leaderboard"),
        # Membership's organisation events, signed per Standard Webhooks.
        ("post", "/v1/webhooks/membership"),
    },
}
HEALTH = {("get", "/healthz"), ("get", "/readyz")}
READABLE_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


@pytest.fixture(scope="module", params=sorted(APPS))
def service_document(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    service: str = request.param
    return service, APPS[service]().openapi()


def test_protected_operations_declare_the_bearer_token_and_public_ones_nothing(
    service_document: tuple[str, dict[str, Any]],
) -> None:
    service, document = service_document
    assert "security" not in document
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    for method, path, operation in operations(document):
        if (method, path) in PUBLIC[service] | HEALTH:
            assert "security" not in operation, (method, path)
        else:
            assert operation.get("security") == [{"bearerAuth": []}], (method, path)
            assert {"401", "403"} <= set(operation["responses"]), (method, path)


def test_every_error_answer_is_a_documented_problem(
    service_document: tuple[str, dict[str, Any]],
) -> None:
    _, document = service_document
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["properties"]) >= {"type", "title", "status", "detail", "request_id"}
    for method, path, operation in operations(document):
        codes = set(operation["responses"])
        assert {"422", "503"} <= codes, (method, path)
        if "requestBody" in operation:
            assert "400" in codes, (method, path)  # a body that is not UTF-8
        for code, answer in operation["responses"].items():
            if int(code) >= 400:
                schema = answer["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, (method, path, code)


def test_operation_ids_are_readable_and_unique(
    service_document: tuple[str, dict[str, Any]],
) -> None:
    _, document = service_document
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not READABLE_ID.match(i) or len(i) > 60] == []


def test_model_names_are_unique(service_document: tuple[str, dict[str, Any]]) -> None:
    _, document = service_document
    # FastAPI names a model by its module path when two share a class name.
    assert [n for n in document["components"]["schemas"] if "__" in n] == []


CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def test_every_operation_is_summarised_in_chinese_and_english(
    service_document: tuple[str, dict[str, Any]],
) -> None:
    # Issue 12: summaries are read by Chinese cadres and by integrators alike.
    _, document = service_document
    webhooks = [
        (method, name, operation)
        for name, item in document.get("webhooks", {}).items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]
    for method, path, operation in operations(document) + webhooks:
        summary = operation.get("summary", "")
        assert CJK.search(summary), (method, path, summary)
        assert LATIN.search(summary), (method, path, summary)


def test_known_operation_ids() -> None:
    ids = {
        operation["operationId"]
        for app in APPS.values()
        for _, _, operation in operations(app().openapi())
    }
    assert {"members_approve", "cases_review", "identity_issue_token", "partners_update"} <= ids


def test_member_history_keeps_its_own_affiliation_model() -> None:
    schemas = APPS["membership"]().openapi()["components"]["schemas"]
    history = schemas["MemberHistory"]["properties"]["affiliations"]["items"]
    assert history == {"$ref": "#/components/schemas/MemberAffiliationRead"}
    assert "org_name" in schemas["MemberAffiliationRead"]["properties"]
    assert "changed_by" in schemas["AffiliationRead"]["properties"]


def test_a_policy_ratio_is_documented_as_the_decimal_string_it_must_be() -> None:
    """A client generated from the document must not send the JSON number the service
    refuses (the generated Python client once defaulted `refund_ratio` to the float 1.0)."""
    schemas = APPS["rebate"]().openapi()["components"]["schemas"]
    ratio = schemas["PolicyCreate"]["properties"]["refund_ratio"]
    assert ratio["type"] == "string"
    assert re.fullmatch(ratio["pattern"], "0.5000")
    assert not re.fullmatch(ratio["pattern"], "1.5")
