"""The policy's rules as a run, a reviewer and an administrator meet them: under an application
policy nothing is refunded without an application, an excluded enterprise gets no case
whatever else it matches, and two policies in force never cover the same region and period,
whether created or revised into overlap."""

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.reconciliation.service import reconcile

# As the `policy` fixture creates it (conftest.py), for the tests that create it otherwise.
POLICY: dict[str, Any] = {
    "policy_key": "fj-2026-small-micro",
    "name": "福建省小微企业工会经费全额返还",
    "region_prefixes": ["35"],
    "period_from": "2026-01",
    "period_to": "2026-12",
    "size_classes": ["micro", "small"],
    "refund_ratio": "1.0000",
    "destinations": ["union_account", "payer_account"],
    "review_steps": 1,
}


async def cases(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = (await client.get("/v1/cases", headers=headers)).json()["items"]
    return items


async def queue(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = (await client.get("/v1/exceptions", headers=headers)).json()
    return entries


def problem(response: httpx.Response) -> tuple[int, str]:
    """The status and the problem's code (the end of its type URN)."""
    return response.status_code, str(response.json()["type"]).rsplit(":", 1)[-1]


def revised(**changes: Any) -> dict[str, Any]:
    """POLICY as a PUT body (no key), with `changes`."""
    body = {k: v for k, v in POLICY.items() if k != "policy_key"}
    return body | changes


async def test_no_run_starts_under_an_application_policy(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    process_runs: Any,
) -> None:
    application = POLICY | {"mode": "application"}
    assert (await client.post("/v1/policies", json=application, headers=auth("admin"))).is_success
    await push(tax_partner, [fee_record(1)])
    membership.add_enterprise(make_uscc(1))
    started = await client.post(
        "/v1/runs",
        json={"period": "2026-03", "region_prefix": "3501", "policy_key": POLICY["policy_key"]},
        headers=auth("admin"),
    )
    assert problem(started) == (422, "application-policy")
    assert await process_runs() == 0
    assert await cases(client, auth("admin")) == []


async def test_a_run_queued_before_its_policy_turned_to_applications_makes_no_case(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    process_runs: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    await push(tax_partner, [fee_record(1)])
    membership.add_enterprise(make_uscc(1))
    started = await client.post(
        "/v1/runs",
        json={"period": "2026-03", "region_prefix": "3501", "policy_key": POLICY["policy_key"]},
        headers=auth("admin"),
    )
    assert started.status_code == 202, started.text
    # The federation switches to applications while the run waits for a worker.
    put = await client.put(
        f"/v1/policies/{POLICY['policy_key']}",
        json=revised(mode="application"),
        headers=auth("admin"),
    )
    assert put.status_code == 200, put.text
    assert await process_runs() == 1
    run = (await client.get(f"/v1/runs/{started.json()['id']}", headers=auth("admin"))).json()
    assert (run["status"], run["cases_created"]) == ("failed", 0)
    assert "applied for" in run["failure"]
    assert await cases(client, auth("admin")) == []
    # The enterprise can still apply: its record was left where it was.
    applied = await client.post(
        "/v1/applications",
        json={"period": "2026-03", "contact_name": "王会计", "contact_phone": "13800138000"},
        headers=auth("enterprise", enterprise_scope=make_uscc(1)),
    )
    assert applied.status_code == 201, applied.text
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations


async def test_a_queued_record_is_not_matched_again_into_a_case_under_an_application_policy(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    run_period: Any,
) -> None:
    await push(tax_partner, [fee_record(1)])
    await run_period()  # not in the register yet: queued
    [entry] = await queue(client, auth("admin"))
    put = await client.put(
        f"/v1/policies/{POLICY['policy_key']}",
        json=revised(mode="application"),
        headers=auth("admin"),
    )
    assert put.status_code == 200, put.text
    membership.add_enterprise(make_uscc(1))
    rematched = await client.post(
        f"/v1/exceptions/{entry['id']}/rematch", json={}, headers=auth("admin")
    )
    assert problem(rematched) == (409, "not-rematchable")
    assert await cases(client, auth("admin")) == []
    [still] = await queue(client, auth("admin"))
    assert (still["id"], still["reason"], still["resolved_at"]) == (entry["id"], "unmatched", None)


async def test_an_excluded_enterprise_gets_no_case_in_a_run_whatever_else_it_matches(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    run_period: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    # Registered, micro, in the region and period, with its own union account: eligible in
    # every respect but the exclusion, written in lower case by the administrator.
    excluded, other = make_uscc(1), make_uscc(2)
    body = POLICY | {"excluded_usccs": [f" {excluded.lower()} "]}
    assert (await client.post("/v1/policies", json=body, headers=auth("admin"))).is_success
    account = {"bank_name": "工行", "account_name": "工会", "account_no": "6222020200000001"}
    membership.add_enterprise(excluded, account=account)
    membership.add_enterprise(other)
    await push(tax_partner, [fee_record(1), fee_record(2)])
    run = await run_period()
    assert (run["status"], run["cases_created"], run["queued"]) == ("done", 1, 1)
    assert [c["uscc"] for c in await cases(client, auth("admin"))] == [other]
    [entry] = await queue(client, auth("admin"))
    assert (entry["uscc"], entry["reason"]) == (excluded, "excluded")
    # A second run, a late record or a re-match asked by a reviewer changes nothing.
    await push(tax_partner, [fee_record(3, uscc=excluded, record_id="TAX-LATE-1")])
    await run_period()
    entry, _ = await queue(client, auth("admin"))
    rematched = await client.post(
        f"/v1/exceptions/{entry['id']}/rematch", json={}, headers=auth("admin")
    )
    assert rematched.status_code == 200, rematched.text
    assert [c["uscc"] for c in await cases(client, auth("admin"))] == [other]
    assert {e["reason"] for e in await queue(client, auth("admin"))} == {"excluded"}
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations


async def test_a_run_queued_before_an_exclusion_was_added_makes_no_case_for_it(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    process_runs: Any,
) -> None:
    membership.add_enterprise(make_uscc(1))
    await push(tax_partner, [fee_record(1)])
    started = await client.post(
        "/v1/runs",
        json={"period": "2026-03", "region_prefix": "3501", "policy_key": POLICY["policy_key"]},
        headers=auth("admin"),
    )
    assert started.status_code == 202, started.text
    put = await client.put(
        f"/v1/policies/{POLICY['policy_key']}",
        json=revised(excluded_usccs=[make_uscc(1)]),
        headers=auth("admin"),
    )
    assert put.status_code == 200, put.text
    await process_runs()
    assert await cases(client, auth("admin")) == []
    [entry] = await queue(client, auth("admin"))
    assert entry["reason"] == "excluded"


async def test_a_policy_revised_into_another_policys_region_and_period_is_refused(
    client: httpx.AsyncClient, auth: Any, policy: Any
) -> None:
    zhejiang = POLICY | {"policy_key": "zj-2026", "name": "浙江", "region_prefixes": ["33"]}
    assert (await client.post("/v1/policies", json=zhejiang, headers=auth("admin"))).is_success
    url = "/v1/policies/zj-2026"
    body = {k: v for k, v in zhejiang.items() if k != "policy_key"}
    # Reaching into one Fujian city, or into the whole province, both overlap.
    for prefixes in (["33", "3501"], ["33", "35"]):
        refused = await client.put(
            url, json=body | {"region_prefixes": prefixes}, headers=auth("admin")
        )
        assert problem(refused) == (409, "policy-overlap")
        assert POLICY["policy_key"] in refused.json()["detail"]
    versions = (await client.get(f"{url}/versions", headers=auth("admin"))).json()
    assert [(v["version"], v["retired_at"]) for v in versions] == [(1, None)]
    # Its own earlier version is no overlap, and a period next to Fujian's is none either.
    assert (await client.put(url, json=body | {"name": "浙江二"}, headers=auth("admin"))).is_success
    later = body | {"region_prefixes": ["35"], "period_from": "2027-01", "period_to": "2027-12"}
    assert (await client.put(url, json=later, headers=auth("admin"))).is_success
    earlier = later | {"period_from": "2026-12"}
    refused = await client.put(url, json=earlier, headers=auth("admin"))
    assert problem(refused) == (409, "policy-overlap")
