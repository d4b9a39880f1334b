"""`make fuzz`'s pieces that run before and after schemathesis: which ids of the demo data it
offers as parameters, the configuration it writes, and which failures it keeps."""

from typing import Any

import pytest
import schemathesis

from localrun.fuzz import CONFIG, harvest, schemathesis_config
from localrun.fuzz_hooks import is_domain_refusal

ORG = "7b0755b0-a9b7-4d21-b035-53b82f7bc787"
PERSON = "0e6f1cc6-0f39-4d37-9c0b-4a8d1f1f3b11"


def test_every_id_field_of_an_answer_is_offered_under_its_own_name() -> None:
    found: dict[str, list[str]] = {}
    answer = {
        "items": [
            {"id": "m1", "org_id": ORG, "person_id": PERSON, "uscc": "91330110MA2AXXXX1X"},
            {"id": "m2", "org_id": ORG, "request_id": "r", "is_active": True},
        ],
        "next_cursor": None,
    }
    harvest(answer, found)
    assert found == {"org_id": [ORG], "person_id": [PERSON], "uscc": ["91330110MA2AXXXX1X"]}


def test_the_written_configuration_is_one_schemathesis_loads_with_the_ids_bound() -> None:
    ids = {"org_id": [ORG, 'a "quoted" one'], "period": ["2026-03"]}
    text = schemathesis_config(CONFIG.read_text(), ids)
    config = schemathesis.Config.from_str(text)
    assert config.seed is not None
    for name in ids:
        assert f'"path.{name}"' in text
        assert f'"query.{name}"' in text
    assert 'values = ["7b0755b0-a9b7-4d21-b035-53b82f7bc787", "a \\"quoted\\" one"]' in text


def _problem(kind: str, *errors: str) -> dict[str, Any]:
    body: dict[str, Any] = {"type": kind, "title": "t", "status": 422}
    if errors:
        body["errors"] = [{"loc": ["body", "x"], "msg": "m", "type": e} for e in errors]
    return body


@pytest.mark.parametrize(
    ("problem", "dropped"),
    [
        # A rule about the records the request meets: no schema can say it.
        (_problem("urn:gonghui:problem:unknown-org"), True),
        (_problem("urn:gonghui:problem:invalid-cursor"), True),
        # A check digit or "exactly one of": a validator in code.
        (_problem("urn:gonghui:problem:validation-failed", "value_error"), True),
        # The document allowed a form the service refuses: the document is wrong.
        (_problem("urn:gonghui:problem:validation-failed", "string_pattern_mismatch"), False),
        (_problem("urn:gonghui:problem:validation-failed", "value_error", "int_type"), False),
        (_problem("urn:gonghui:problem:validation-failed"), False),
        (_problem("about:blank"), False),
        (None, False),
    ],
)
def test_only_refusals_by_rules_beyond_the_schema_are_dropped(
    problem: dict[str, Any] | None, dropped: bool
) -> None:
    assert is_domain_refusal(problem) is dropped


def _bound_error(loc: list[Any]) -> dict[str, Any]:
    return {
        "type": "urn:gonghui:problem:validation-failed",
        "errors": [{"loc": loc, "msg": "m", "type": "less_than_equal"}],
    }


def test_a_bound_is_beyond_the_schema_only_for_a_number_written_as_text() -> None:
    loc = ["body", "rubric", "criteria", 0, "weight"]
    as_text = {"rubric": {"criteria": [{"weight": "100.5"}]}}
    as_number = {"rubric": {"criteria": [{"weight": 101}]}}
    assert is_domain_refusal(_bound_error(loc), as_text) is True
    # The document bounds a JSON number itself: refusing one it allows is the document's fault.
    assert is_domain_refusal(_bound_error(loc), as_number) is False
    assert is_domain_refusal(_bound_error(["query", "limit"]), as_text) is False
