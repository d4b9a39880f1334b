"""deploy/observability: the alert rules are Prometheus rule groups, each names a runbook
that exists, and every metric the rules and the dashboard use is one a process exports."""

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from competition.main import create_app as create_competition
from competition.settings import CompetitionSettings
from gateway.main import create_app as create_gateway
from gateway.settings import GatewaySettings
from membership.main import create_app as create_membership
from membership.settings import MembershipSettings
from rebate.main import create_app as create_rebate
from rebate.settings import RebateSettings

DEPLOY = Path(__file__).resolve().parents[1]
OBSERVABILITY = DEPLOY / "observability"
# The scrape needs no database: readings that cannot reach it keep their gauges unset.
NO_DATABASE = "postgresql+asyncpg://nobody@127.0.0.1:9/none"
APPS: dict[str, Callable[[], FastAPI]] = {
    "membership": lambda: create_membership(
        MembershipSettings(database_url=NO_DATABASE, environment="test")
    ),
    "rebate": lambda: create_rebate(RebateSettings(database_url=NO_DATABASE, environment="test")),
    "competition": lambda: create_competition(
        CompetitionSettings(database_url=NO_DATABASE, environment="test")
    ),
    "gateway": lambda: create_gateway(GatewaySettings()),
}
# Metric names of the suite; anything else in an expression is PromQL (functions, labels)
# or Prometheus' own `up`.
OURS = re.compile(r"\b((?:http|db_pool|outbox|metrics|membership|rebate|competition)_[a-z0-9_]+)\b")
SUFFIXES = {
    "counter": ("_total", "_created"),
    "histogram": ("_bucket", "_count", "_sum", "_created"),
    "gauge": ("",),
}
RULE_KEYS = {"alert", "expr", "for", "keep_firing_for", "labels", "annotations"}
DURATION = re.compile(r"^([0-9]+(ms|s|m|h|d|w|y))+$")


def alert_rules() -> list[dict[str, Any]]:
    document = yaml.safe_load((OBSERVABILITY / "alerts.yaml").read_text())
    assert set(document) == {"groups"}
    rules: list[dict[str, Any]] = []
    names = [group["name"] for group in document["groups"]]
    assert len(names) == len(set(names))
    for group in document["groups"]:
        assert set(group) <= {"name", "interval", "limit", "rules"}
        assert isinstance(group["name"], str)
        assert group["rules"]
        rules.extend(group["rules"])
    return rules


def dashboard_expressions() -> list[str]:
    dashboard = json.loads((OBSERVABILITY / "dashboard.json").read_text())
    panels = [p for p in dashboard["panels"] if p["type"] != "row"]
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    return [target["expr"] for panel in panels for target in panel["targets"]]


def test_alert_rules_have_the_prometheus_rule_group_shape() -> None:
    rules = alert_rules()
    alerts = [rule["alert"] for rule in rules]
    assert len(alerts) == len(set(alerts))
    for rule in rules:
        assert set(rule) <= RULE_KEYS, rule["alert"]
        assert isinstance(rule["expr"], str)
        assert rule["expr"].strip()
        assert DURATION.match(rule.get("for", "0s"))
        assert rule["labels"]["severity"] in {"page", "ticket"}
        assert all(isinstance(v, str) for v in {**rule["labels"], **rule["annotations"]}.values())
        assert rule["annotations"]["summary"]


def _anchor(heading: str) -> str:
    # GitHub's anchors: lower case, punctuation dropped, spaces as hyphens.
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_alert_names_a_runbook_that_exists() -> None:
    readme = (DEPLOY / "README.md").read_text()
    anchors = {_anchor(m) for m in re.findall(r"^#+ (.+)$", readme, flags=re.MULTILINE)}
    for rule in alert_rules():
        document, _, anchor = rule["annotations"]["runbook"].partition("#")
        assert document == "deploy/README.md"
        assert anchor in anchors, rule["alert"]


@pytest.fixture(scope="module")
async def exported() -> set[str]:
    """Every series name the four processes export, from a scrape of each /metrics."""
    names: set[str] = set()
    for factory in APPS.values():
        app = factory()
        async with LifespanManager(app) as manager:
            transport = httpx.ASGITransport(app=manager.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                response = await client.get("/metrics")
        assert response.status_code == 200
        for family in text_string_to_metric_families(response.text):
            names.update(family.name + suffix for suffix in SUFFIXES.get(family.type, ("",)))
    return names


def test_the_scrape_has_the_metrics_the_suite_promises(exported: set[str]) -> None:
    assert {
        "http_requests_total",
        "http_request_duration_seconds_bucket",
        "db_pool_connections_in_use",
        "outbox_messages",
        "rebate_runs",
        "membership_import_rows",
        "membership_joins_total",
        "membership_approvals_total",
        "membership_honours_granted_total",
        "rebate_refunds_paid_yuan_total",
    } <= exported


def test_every_metric_of_the_rules_and_the_dashboard_is_exported(exported: set[str]) -> None:
    expressions = [rule["expr"] for rule in alert_rules()] + dashboard_expressions()
    for expression in expressions:
        used = set(OURS.findall(expression))
        assert used or "up{" in expression, expression
        assert used <= exported, (expression, used - exported)
