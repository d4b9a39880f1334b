"""Defect 12: whoever registers a bank, re-points its webhook or mints its secret can redirect
money; each of these changes is on the audit chain, with who made it."""

from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.models import AuditEvent


async def partner_events(session: AsyncSession) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.kind.like("partner.%")).order_by(AuditEvent.id)
    return list(await session.scalars(query))


async def test_creation_changes_and_rotation_are_on_the_chain_without_secrets(
    client: httpx.AsyncClient, auth: Any, session: AsyncSession
) -> None:
    admin = auth("admin", sub="admin-7")
    created = await client.post(
        "/v1/partners",
        json={"name": "某银行", "kind": "bank", "webhook_url": "https://bank.example/payouts"},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    partner_id = created.json()["id"]
    changed = await client.patch(
        f"/v1/partners/{partner_id}",
        json={"webhook_url": "https://other-bank.example/in", "is_active": False},
        headers=admin,
    )
    assert changed.status_code == 200, changed.text
    rotated = await client.post(f"/v1/partners/{partner_id}/rotate-secret", headers=admin)
    assert rotated.status_code == 200

    events = await partner_events(session)
    assert [e.kind for e in events] == [
        "partner.created",
        "partner.updated",
        "partner.secret_rotated",
    ]
    assert {e.actor for e in events} == {"admin-7"}
    assert events[0].detail["webhook_url"] == "https://bank.example/payouts"
    assert events[1].detail["changes"] == {
        "webhook_url": {
            "from": "https://bank.example/payouts",
            "to": "https://other-bank.example/in",
        },
        "is_active": {"from": True, "to": False},
    }
    trail = str([e.detail for e in events])
    assert created.json()["secret"] not in trail
    assert rotated.json()["secret"] not in trail
    verified = (await client.get("/v1/audit/verify", headers=admin)).json()
    assert verified["intact"] is True


async def test_a_patch_that_changes_nothing_adds_no_event(
    client: httpx.AsyncClient, auth: Any, session: AsyncSession, tax_partner: Any
) -> None:
    before = len(await partner_events(session))
    same = await client.patch(
        f"/v1/partners/{tax_partner.id}",
        json={"name": "福建省税务局", "webhook_url": "https://tax.example/hooks"},
        headers=auth("admin"),
    )
    assert same.status_code == 200
    assert len(await partner_events(session)) == before
