"""The documents `make sdk` generates clients from (sdk/generate.py) hold together: every
`$ref` names a component that exists (the webhooks section once named FastAPI's validation
error after it was removed, and openapi-typescript refused the whole rebate document), and the
Python generator's input gives every model a class name of its own."""

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

GENERATE = Path(__file__).resolve().parents[1] / "sdk" / "generate.py"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sdk_generate", GENERATE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = load_generator()


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = generator.documents()
    return found


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def test_every_reference_names_a_component(documents: dict[str, dict[str, Any]]) -> None:
    for service, document in documents.items():
        schemas = document["components"]["schemas"]
        dangling = {
            r for r in refs(document) if r.removeprefix("#/components/schemas/") not in schemas
        }
        assert dangling == set(), service


def test_webhooks_declare_no_validation_error_of_fastapi(
    documents: dict[str, dict[str, Any]],
) -> None:
    webhooks = documents["rebate"]["webhooks"]
    assert {"fee.recorded", "payout.instructed", "rebate.paid"} <= set(webhooks)
    for hook in webhooks.values():
        assert "422" not in hook["post"]["responses"]


def test_every_python_model_has_a_class_name_of_its_own(
    documents: dict[str, dict[str, Any]],
) -> None:
    for service, document in documents.items():
        schemas = generator.python_document(document)["components"]["schemas"]
        titles = [schema.get("title", name) for name, schema in schemas.items()]
        assert len(titles) == len(set(titles)), service
