"""The queue is work: entries are matched again once the register is fixed, or dismissed with
a reason, by the reviewers of their sub-tree, and every action is on the audit chain."""

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.models import AuditEvent
from rebate.reconciliation.service import reconcile


async def queued(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = (await client.get("/v1/exceptions", headers=headers)).json()
    return entries


async def test_an_unmatched_enterprise_registered_later_is_matched_again_into_a_case(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    run_period: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    await push(tax_partner, [fee_record(1)])
    await run_period()  # not in the register: queued
    [entry] = await queued(client, auth("admin"))
    assert entry["reason"] == "unmatched"
    membership.add_enterprise(make_uscc(1))
    rematched = await client.post(
        f"/v1/exceptions/{entry['id']}/rematch", json={"note": "已登记"}, headers=auth("admin")
    )
    assert (rematched.status_code, rematched.json()["resolution"]) == (200, "rematched"), (
        rematched.text
    )
    [case] = (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    assert (case["uscc"], case["refund"]) == (make_uscc(1), "2469.12")
    assert await queued(client, auth("admin")) == []
    again = await client.post(
        f"/v1/exceptions/{entry['id']}/rematch", json={}, headers=auth("admin")
    )
    assert again.status_code == 409
    kinds = await session.scalars(select(AuditEvent.kind))
    assert "queue.rematched" in set(kinds)
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations


async def test_a_flagged_entry_is_dismissed_with_a_reason_by_its_own_county_only(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    run_period: Any,
    reviewer: Any,
    org_paths: Any,
) -> None:
    await push(tax_partner, [fee_record(1)])
    membership.add_enterprise(make_uscc(1), needs_review=True)
    await run_period()
    county, other = reviewer(org_paths.county), reviewer(org_paths.other_county)
    [entry] = await queued(client, county)
    url = f"/v1/exceptions/{entry['id']}/dismiss"
    assert (await client.post(url, json={"reason": "x"}, headers=other)).status_code == 404
    assert (await client.post(url, json={"reason": ""}, headers=county)).status_code == 422
    dismissed = await client.post(url, json={"reason": "营业执照已注销"}, headers=county)
    assert (dismissed.json()["resolution"], dismissed.json()["resolution_note"]) == (
        "dismissed",
        "营业执照已注销",
    )
    # A later run does not bring a dismissed record back.
    await run_period()
    assert await queued(client, county) == []
    assert (await client.get("/v1/cases", headers=county)).json()["items"] == []
