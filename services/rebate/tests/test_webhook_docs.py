"""The webhooks are part of the published contract: a partner's engineer finds every payload,
either way, with its signature headers, without reading our code."""

import re
from typing import Any

from rebate.main import create_app
from rebate.settings import RebateSettings

NO_DATABASE = "postgresql+asyncpg://nobody@127.0.0.1:9/none"
EVENTS = {
    "fee.recorded": "FeeRecordedEvent",
    "fee.corrected": "FeeCorrectedEvent",
    "fee.voided": "FeeVoidedEvent",
    "payout.paid / payout.failed": "BankCallback",
    "payout.instructed": "PayoutInstructedEvent",
    "rebate.paid": "RebatePaidEvent",
}


def document() -> dict[str, Any]:
    app = create_app(RebateSettings(database_url=NO_DATABASE, environment="test"))
    doc: dict[str, Any] = app.openapi()
    return doc


def test_every_payload_in_and_out_is_documented_with_its_signature_headers() -> None:
    doc = document()
    assert doc["openapi"].startswith("3.1")
    for event, schema in EVENTS.items():
        operation = doc["webhooks"][event]["post"]
        body = operation["requestBody"]["content"]["application/json"]["schema"]
        assert body == {"$ref": f"#/components/schemas/{schema}"}, event
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert headers == {"webhook-id", "webhook-timestamp", "webhook-signature"}, event
        assert schema in doc["components"]["schemas"]


def test_the_signed_routes_declare_the_bodies_they_read_raw() -> None:
    doc = document()
    tax = doc["paths"]["/v1/webhooks/tax/{partner_id}"]["post"]["requestBody"]
    refs = [s["$ref"] for s in tax["content"]["application/json"]["schema"]["oneOf"]]
    assert refs == [
        f"#/components/schemas/{name}"
        for name in ("FeeRecordedEvent", "FeeCorrectedEvent", "FeeVoidedEvent")
    ]
    bank = doc["paths"]["/v1/webhooks/bank/{partner_id}"]["post"]["requestBody"]
    assert bank["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/BankCallback"
    }
    upload = doc["paths"]["/v1/partners/{partner_id}/fee-files"]["post"]["description"]
    assert "`payer_account_no`" in upload
    assert "`paid_at`" in upload


def test_amounts_we_send_are_documented_as_the_strings_we_send() -> None:
    # A bank's generated client reading a JSON number would parse the fen through a float.
    schemas = document()["components"]["schemas"]
    sent = {
        ("PayoutInstruction", "amount"),
        ("RebatePaidNotice", "amount"),
        ("RebatePaidNotice", "set_off"),
    }
    for schema, field in sent:
        documented = schemas[schema]["properties"][field]
        assert documented["type"] == "string", (schema, field)
        assert re.fullmatch(documented["pattern"], "2469.12"), (schema, field)
        assert not re.fullmatch(documented["pattern"], "2469.1"), (schema, field)
        assert "anyOf" not in documented, (schema, field)
