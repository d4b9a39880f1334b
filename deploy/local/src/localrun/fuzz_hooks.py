"""Schemathesis hooks of `python -m localrun fuzz` (loaded by name: `SCHEMATHESIS_HOOKS`).

`positive_data_acceptance` sends requests the document allows and expects them accepted. A
document can say which requests are well formed; it cannot say which are allowed by the
records they meet: a contest hosted by an organisation outside the caller's sub-tree, a
cursor the service never issued, a stage that is not open for scores. Those refusals are
answered with a problem of their own type (`urn:gonghui:problem:unknown-org`); nor can JSON
Schema state a check digit or "exactly one of two fields", which validators refuse as a
`value_error`; nor bound the number a decimal string spells (`"100.5"` for a weight of at
most 100). So a refusal of a schema-valid request counts as a failure exactly when the
document and the service disagree on what JSON Schema can say: a `validation-failed` problem
naming any other kind of error (a pattern, a type, a length the document does not declare),
or an answer that is no problem of ours at all.
"""

from typing import Any

import orjson
import schemathesis
from schemathesis import Case, HookContext, Response
from schemathesis.openapi.checks import RejectedPositiveData

VALIDATION_FAILED = "urn:gonghui:problem:validation-failed"
# A plain HTTP status (405, a route's 404): no rule of ours, so never a domain refusal.
PLAIN = "about:blank"
# Pydantic's error of a validator written in code, for rules beyond JSON Schema.
BEYOND_SCHEMA = "value_error"
# Pydantic's errors of a number's bounds and digits: beyond JSON Schema when the number was
# written as a string.
NUMERIC_BOUNDS = frozenset(
    {
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "decimal_max_digits",
        "decimal_max_places",
        "decimal_whole_digits",
    }
)


def _problem(response: Response) -> dict[str, Any] | None:
    content_type = (response.headers.get("content-type") or [""])[0]
    if not content_type.startswith("application/problem+json"):
        return None
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None
    return body if isinstance(body, dict) else None


def _sent(body: Any, loc: list[Any]) -> Any:
    """The value at an error's `loc` (`["body", "rubric", 0, "weight"]`) in what was sent."""
    value = body
    for part in loc[1:]:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _beyond_schema(error: dict[str, Any], body: Any) -> bool:
    if error.get("type") == BEYOND_SCHEMA:
        return True
    loc = error.get("loc") or []
    return (
        error.get("type") in NUMERIC_BOUNDS
        and loc[:1] == ["body"]
        and isinstance(_sent(body, loc), str)
    )


def is_domain_refusal(problem: dict[str, Any] | None, body: Any = None) -> bool:
    """A refusal by a rule the document cannot state (see the module's docstring)."""
    if problem is None or problem.get("type") in (None, PLAIN):
        return False
    if problem["type"] != VALIDATION_FAILED:
        return True
    errors = problem.get("errors") or []
    return bool(errors) and all(_beyond_schema(e, body) for e in errors)


@schemathesis.hook
def filter_failure(context: HookContext, failure: Any, case: Case[Any], response: Response) -> bool:
    """Keep every failure but a domain rule's refusal of a schema-valid request."""
    return not (
        isinstance(failure, RejectedPositiveData)
        and is_domain_refusal(_problem(response), case.body)
    )
