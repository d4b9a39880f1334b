"""A probable duplicate that a reviewer finds to be a payment of its own counts: into the live
case of its enterprise and period, else matched at once as a run would match it. Never closed
into nowhere, where no run, case or reviewer would see it again."""

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.reconciliation.service import reconcile

# What a PUT of the policy takes from its read form.
POLICY_FIELDS = (
    "name",
    "region_prefixes",
    "period_from",
    "period_to",
    "size_classes",
    "refund_ratio",
    "destinations",
    "review_steps",
)


async def queue(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = (await client.get("/v1/exceptions", headers=headers)).json()
    return entries


async def test_a_duplicate_found_to_be_its_own_payment_without_a_case_is_matched_at_once(
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
    # The same payment under a second record id, for an enterprise not yet in the register.
    await push(tax_partner, [fee_record(1)])
    await push(tax_partner, [fee_record(1, record_id="TAX-AGAIN-1")])
    await run_period()
    entries = {e["reason"]: e for e in await queue(client, auth("admin"))}
    assert set(entries) == {"unmatched", "probable_duplicate"}
    counted = await client.post(
        f"/v1/exceptions/{entries['probable_duplicate']['id']}/rematch",
        json={"note": "两笔不同的缴费"},
        headers=auth("admin"),
    )
    assert counted.status_code == 200, counted.text
    # Still not in the register: queued again, with that reason, not lost.
    assert sorted(e["reason"] for e in await queue(client, auth("admin"))) == [
        "unmatched",
        "unmatched",
    ]
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations

    # Registered: one re-match decides both records together, into one case.
    membership.add_enterprise(make_uscc(1))
    rematched = await client.post(
        f"/v1/exceptions/{entries['unmatched']['id']}/rematch", json={}, headers=auth("admin")
    )
    assert rematched.status_code == 200, rematched.text
    [case] = (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    assert case["refund"] == "4938.24"
    assert await queue(client, auth("admin")) == []
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations


async def test_a_duplicate_of_a_registered_enterprise_without_a_case_gets_one(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    # No run yet: the first report waits for one, the second is held for a person.
    membership.add_enterprise(make_uscc(1))
    await push(tax_partner, [fee_record(1)])
    await push(tax_partner, [fee_record(1, record_id="TAX-AGAIN-1")])
    [entry] = await queue(client, auth("admin"))
    counted = await client.post(
        f"/v1/exceptions/{entry['id']}/rematch", json={}, headers=auth("admin")
    )
    assert counted.status_code == 200, counted.text
    [case] = (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    assert case["refund"] == "4938.24"  # both, as the run would have counted them
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations


async def test_under_an_application_policy_a_duplicate_waits_for_the_application(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
) -> None:
    body = {k: v for k, v in policy.items() if k in POLICY_FIELDS} | {"mode": "application"}
    put = await client.put(f"/v1/policies/{policy['policy_key']}", json=body, headers=auth("admin"))
    assert put.status_code == 200, put.text
    membership.add_enterprise(make_uscc(1))
    await push(tax_partner, [fee_record(1)])
    await push(tax_partner, [fee_record(1, record_id="TAX-AGAIN-1")])
    [entry] = await queue(client, auth("admin"))
    refused = await client.post(
        f"/v1/exceptions/{entry['id']}/rematch", json={}, headers=auth("admin")
    )
    assert refused.status_code == 409
    assert (await client.get("/v1/cases", headers=auth("admin"))).json()["items"] == []
    assert [e["id"] for e in await queue(client, auth("admin"))] == [entry["id"]]
