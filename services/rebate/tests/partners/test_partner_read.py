"""A partner is read by an admin only; its secrets never appear, and a cadre who guesses a
partner's id learns no more than one who guesses a missing id."""

import uuid
from typing import Any

import httpx


async def test_admin_reads_a_partner_without_its_secret(
    client: httpx.AsyncClient, auth: Any
) -> None:
    admin = auth("admin")
    created = await client.post(
        "/v1/partners",
        json={"name": "某银行", "kind": "bank", "webhook_url": "https://bank.example/payouts"},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    partner = created.json()
    read = await client.get(f"/v1/partners/{partner['id']}", headers=admin)
    assert read.status_code == 200
    assert read.json() == {
        "id": partner["id"],
        "name": "某银行",
        "kind": "bank",
        "webhook_url": "https://bank.example/payouts",
        "is_active": True,
        "region_prefixes": [],
        "created_at": read.json()["created_at"],
    }
    assert partner["secret"] not in read.text

    missing = await client.get(f"/v1/partners/{uuid.uuid4()}", headers=admin)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"

    cadre = auth("cadre", permissions=["review_rebates"])
    for path in (f"/v1/partners/{partner['id']}", f"/v1/partners/{uuid.uuid4()}"):
        refused = await client.get(path, headers=cadre)
        assert refused.status_code == 403
        assert "某银行" not in refused.text
