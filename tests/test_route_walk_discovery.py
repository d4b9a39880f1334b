"""The route walks (each service's tests/test_deny_by_role.py) take their routes and id
fields from the OpenAPI documents through servicekit.testing.walk: if discovery missed ids in
query strings or bodies, every walk would pass vacuously. These hold it to known fields."""

from collections.abc import Callable

import pytest
from fastapi import FastAPI

from competition.main import create_app as create_competition
from competition.settings import CompetitionSettings
from membership.main import create_app as create_membership
from membership.settings import MembershipSettings
from rebate.main import create_app as create_rebate
from rebate.settings import RebateSettings
from servicekit.testing.walk import IdInput, graft, id_inputs, unfilled, values_at

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

KNOWN: dict[str, list[IdInput]] = {
    "membership": [
        IdInput("GET", "/v1/members", "query", "org_id"),
        IdInput("POST", "/v1/members", "body", "org_id"),
        IdInput("POST", "/v1/members/batch-lookup", "body", "membership_nos"),
        IdInput("POST", "/v1/orgs/{org_id}/move", "path", "org_id"),
        IdInput("POST", "/v1/orgs/{org_id}/move", "body", "new_parent_id"),
        IdInput("POST", "/v1/enterprises/lookup", "body", "usccs"),
    ],
    "rebate": [
        IdInput("GET", "/v1/exceptions", "query", "run_id"),
        IdInput("POST", "/v1/cases/review", "body", "case_ids"),
        IdInput("POST", "/v1/policies", "body", "bank_rules.[]bank_partner_id"),
    ],
    "competition": [
        IdInput("POST", "/v1/competitions", "body", "organiser_org_ids"),
        IdInput("POST", "/v1/competitions/{competition_id}/events", "body", "eligibility.org_ids"),
        IdInput("PUT", "/v1/stages/{stage_id}/advancement", "body", "[]group_id"),
        IdInput("GET", "/v1/stages/{stage_id}/assignments", "query", "judge_id"),
    ],
}


@pytest.mark.parametrize("service", sorted(APPS))
def test_ids_in_paths_queries_and_nested_bodies_are_found(service: str) -> None:
    found = set(id_inputs(APPS[service]().openapi()))
    assert set(KNOWN[service]) <= found


def test_values_not_ids_are_left_alone() -> None:
    fields = {(i.path, i.field) for i in id_inputs(APPS["membership"]().openapi())}
    assert ("/v1/orgs", "region_code") not in fields
    assert ("/v1/orgs", "parent_id") in fields


def test_values_at_walks_lists_and_objects() -> None:
    body = [{"group_id": "g1", "rules": {"org_ids": ["o1", "o2"]}}, {"group_id": "g2"}]
    assert values_at(body, "[]group_id") == ["g1", "g2"]
    assert values_at(body, "[]rules.org_ids") == ["o1", "o2"]
    assert values_at({"a": None}, "a.b") == []


def test_an_id_field_no_request_fills_with_a_victim_is_reported() -> None:
    inputs = [
        IdInput("POST", "/v1/x", "body", "org_id"),
        IdInput("GET", "/v1/x", "query", "org_id"),
    ]
    victims = {"victim"}
    filled = {
        ("POST", "/v1/x"): [{"json": {"org_id": "victim"}}],
        ("GET", "/v1/x"): [{"params": {"org_id": "victim"}}],
    }
    assert unfilled(inputs, filled, victims) == []
    own = {("POST", "/v1/x"): [{"json": {"org_id": "mine"}}]}
    assert unfilled(inputs, own, victims) == inputs


def test_graft_slips_one_foreign_id_into_an_own_request() -> None:
    own = {"json": {"group_id": "g-own", "rules": [{"org_id": "o-own", "n": 1}]}}
    victim = {"json": {"group_id": "g-victim", "rules": [{"org_id": "o-victim", "n": 2}]}}
    field = IdInput("POST", "/v1/x", "body", "rules.[]org_id")
    assert graft(own, victim, field) == {
        "json": {"group_id": "g-own", "rules": [{"org_id": "o-victim", "n": 1}]}
    }
    query = IdInput("GET", "/v1/x", "query", "event_id")
    mixed = graft({"params": {"event_id": "e1", "limit": 5}}, {"params": {"event_id": "e2"}}, query)
    assert mixed == {"params": {"event_id": "e2", "limit": 5}}
    assert graft({"params": {}}, {"params": {"uscc": "x"}}, query) is None
