"""Route walks for deny-by-default tests: every place where an operation of an OpenAPI
document takes the id of an object (its path, its query string, its JSON body, however
nested), so a walk puts another county's objects in each of them and a new route, or a new
id field of an old one, is walked without anyone remembering to list it."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Names that refer to an object: `org_id`, `entry_ids`, `uscc`, `membership_nos`,
# `entry_code`, `policy_key`. Not codes that are values (`region_code`, a rubric's `code`).
ID_FIELD = re.compile(
    r"^(?:\w+_)?ids?$|^usccs?$|^membership_nos?$|^entry_codes?$|^policy_keys?$", re.ASCII
)
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}
_MAX_DEPTH = 4


@dataclass(frozen=True)
class IdInput:
    """One place of one operation that names an object: `field` is the parameter's name, or
    the body field's path with `[]` where a list is entered (`eligibility.org_ids`,
    `[]group_id`, `bank_rules.[]bank_partner_id`)."""

    method: str
    path: str
    place: str  # "path", "query" or "body"
    field: str


def id_inputs(document: Mapping[str, Any]) -> list[IdInput]:
    schemas = document.get("components", {}).get("schemas", {})
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            for parameter in operation.get("parameters", []):
                if parameter["in"] in ("path", "query") and ID_FIELD.match(parameter["name"]):
                    found.append(IdInput(method.upper(), path, parameter["in"], parameter["name"]))
            content = operation.get("requestBody", {}).get("content", {})
            fields = {
                field
                for media in content.values()
                if "schema" in media
                for field in _id_fields(media["schema"], schemas, "", 0)
            }
            found.extend(IdInput(method.upper(), path, "body", f) for f in sorted(fields))
    return found


def _id_fields(
    schema: Mapping[str, Any], schemas: Mapping[str, Any], prefix: str, depth: int
) -> list[str]:
    while "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
    if depth > _MAX_DEPTH:
        return []
    fields = []
    for alternative in (
        *schema.get("anyOf", ()),
        *schema.get("oneOf", ()),
        *schema.get("allOf", ()),
    ):
        fields += _id_fields(alternative, schemas, prefix, depth + 1)
    if schema.get("type") == "array":
        fields += _id_fields(schema.get("items", {}), schemas, f"{prefix}[]", depth + 1)
    for name, sub in schema.get("properties", {}).items():
        if ID_FIELD.match(name):
            fields.append(f"{prefix}{name}")
        fields += _id_fields(sub, schemas, f"{prefix}{name}.", depth + 1)
    return fields


def values_at(body: Any, field: str) -> list[Any]:
    """The values `body` holds at `field` (as `IdInput.field` names it), lists flattened."""
    values = [body]
    for part in field.split("."):
        while part.startswith("[]"):
            values = [item for value in values if isinstance(value, list) for item in value]
            part = part[2:]
        values = [v[part] for v in values if isinstance(v, dict) and part in v]
    flat: list[Any] = []
    for value in values:
        flat.extend(value if isinstance(value, list) else [value])
    return flat


def graft(own: Mapping[str, Any], victim: Mapping[str, Any], one: IdInput) -> dict[str, Any] | None:
    """Request `own` ({"params": ..., "json": ...}) with the value(s) request `victim` holds
    at `one` put in their place, and nothing else of it: a caller acting on its own objects
    who slips one foreign id in. None when `victim` holds nothing there."""
    if one.place == "query" and one.field not in victim.get("params", {}):
        return None
    if one.place == "body" and not values_at(victim.get("json"), one.field):
        return None
    grafted = dict(own)
    if one.place == "query":
        grafted["params"] = {**own.get("params", {}), one.field: victim["params"][one.field]}
    elif one.place == "body":
        grafted["json"] = _graft(own.get("json"), victim.get("json"), one.field.split("."))
    return grafted


def _graft(own: Any, victim: Any, parts: list[str]) -> Any:
    if not parts:
        return victim
    part, rest = parts[0], parts[1:]
    if part.startswith("[]"):
        if not (isinstance(own, list) and isinstance(victim, list)):
            return own
        inner = [part[2:], *rest] if part[2:] else rest
        return [_graft(o, v, inner) for o, v in zip(own, victim, strict=False)]
    if isinstance(own, dict) and isinstance(victim, dict) and part in victim:
        return {**own, part: _graft(own.get(part), victim[part], rest)}
    return own


def unfilled(
    inputs: Iterable[IdInput],
    requests: Mapping[tuple[str, str], Iterable[Mapping[str, Any]]],
    victims: set[str],
) -> list[IdInput]:
    """The query and body inputs that no request of their operation fills with one of the
    `victims` (ids, as strings): `requests` maps (method, path template) to requests given as
    {"params": {...}, "json": ...}."""
    missing = []
    for one in inputs:
        if one.place == "path":
            continue
        sent = requests.get((one.method, one.path), ())
        if one.place == "query":
            values = [r.get("params", {}).get(one.field) for r in sent]
        else:
            values = [v for r in sent for v in values_at(r.get("json"), one.field)]
        if not any(str(v) in victims for v in values if v is not None):
            missing.append(one)
    return missing
