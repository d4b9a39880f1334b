"""Unmatched credit codes name no federation; the policy names, per region, the federation
whose reviewers own their queue entries (`queue_offices`), checked against membership when the
policy is saved. That county's cadres list, re-match and dismiss them; another county's cadre
meets them as it meets an entry that does not exist."""

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.reconciliation.service import reconcile

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


def problem(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, str(response.json()["type"]).rsplit(":", 1)[-1]


def offices(org_paths: Any, *pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"region_prefix": p, "org_id": org_paths.id_of(path)} for p, path in pairs]


@pytest.fixture
async def county_office_policy(
    client: httpx.AsyncClient, auth: Any, org_paths: Any
) -> dict[str, Any]:
    body = POLICY | {"queue_offices": offices(org_paths, ("350102", org_paths.county))}
    created = await client.post("/v1/policies", json=body, headers=auth("admin"))
    assert created.status_code == 201, created.text
    policy: dict[str, Any] = created.json()
    return policy


async def queue(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = await client.get("/v1/exceptions", headers=headers)
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()
    return entries


def same_problem(a: httpx.Response, b: httpx.Response) -> bool:
    """The same answer but for the request's own id."""
    keep = ("type", "title", "status", "detail")
    return a.status_code == b.status_code and {k: a.json().get(k) for k in keep} == {
        k: b.json().get(k) for k in keep
    }


async def test_the_county_of_the_records_region_works_its_unmatched_entries(
    client: httpx.AsyncClient,
    auth: Any,
    reviewer: Any,
    org_paths: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    county_office_policy: Any,
    run_period: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    # Two enterprises of the county not in the register, one of a region no office covers.
    elsewhere = fee_record(3, region_code="350105")
    await push(tax_partner, [fee_record(1), fee_record(2), elsewhere])
    await run_period()
    county, other = reviewer(org_paths.county), reviewer(org_paths.other_county)
    entries = {e["uscc"]: e for e in await queue(client, county)}
    assert set(entries) == {make_uscc(1), make_uscc(2)}
    assert {e["reason"] for e in entries.values()} == {"unmatched"}
    assert {e["uscc"] for e in await queue(client, auth("admin"))} == {
        make_uscc(1),
        make_uscc(2),
        make_uscc(3),
    }

    # Another county's cadre sees nothing, and acting on the entries answers as for an entry
    # that does not exist.
    assert await queue(client, other) == []
    first, second = entries[make_uscc(1)], entries[make_uscc(2)]
    for action, body in (("rematch", {}), ("dismiss", {"reason": "不是本县企业"})):
        real = await client.post(f"/v1/exceptions/{first['id']}/{action}", json=body, headers=other)
        absent = await client.post(
            f"/v1/exceptions/{uuid.uuid4()}/{action}", json=body, headers=other
        )
        assert real.status_code == 404
        assert same_problem(real, absent), (real.text, absent.text)

    # Registered in membership at last: the county's cadre matches it again into a case.
    membership.add_enterprise(make_uscc(1), org_path=org_paths.county)
    rematched = await client.post(
        f"/v1/exceptions/{first['id']}/rematch", json={"note": "已在会员系统登记"}, headers=county
    )
    assert (rematched.status_code, rematched.json()["resolution"]) == (200, "rematched")
    [case] = (await client.get("/v1/cases", headers=county)).json()["items"]
    assert case["uscc"] == make_uscc(1)
    # And dismisses the other with its reason.
    dismissed = await client.post(
        f"/v1/exceptions/{second['id']}/dismiss", json={"reason": "企业已注销"}, headers=county
    )
    assert (dismissed.status_code, dismissed.json()["resolution"]) == (200, "dismissed")
    assert await queue(client, county) == []
    assert [e["uscc"] for e in await queue(client, auth("admin"))] == [make_uscc(3)]
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations


async def test_an_entry_still_unmatched_after_a_rematch_stays_with_the_county(
    client: httpx.AsyncClient,
    reviewer: Any,
    org_paths: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    county_office_policy: Any,
    run_period: Any,
) -> None:
    await push(tax_partner, [fee_record(1)])
    await run_period()
    county = reviewer(org_paths.county)
    [entry] = await queue(client, county)
    again = await client.post(f"/v1/exceptions/{entry['id']}/rematch", json={}, headers=county)
    assert again.status_code == 200, again.text
    assert [(e["id"], e["reason"]) for e in await queue(client, county)] == [
        (entry["id"], "unmatched")
    ]


async def test_an_office_named_later_takes_the_entries_at_the_next_run(
    client: httpx.AsyncClient,
    auth: Any,
    reviewer: Any,
    org_paths: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    policy: Any,
    run_period: Any,
) -> None:
    await push(tax_partner, [fee_record(1)])
    await run_period()
    county = reviewer(org_paths.county)
    assert await queue(client, county) == []  # no office named: admins alone
    body = {k: v for k, v in POLICY.items() if k != "policy_key"}
    body["queue_offices"] = offices(org_paths, ("350102", org_paths.county))
    put = await client.put(f"/v1/policies/{POLICY['policy_key']}", json=body, headers=auth("admin"))
    assert put.status_code == 200, put.text
    await run_period()
    [entry] = await queue(client, county)
    assert entry["reason"] == "unmatched"
    # The province above the county sees it too; the neighbouring county does not.
    assert [e["id"] for e in await queue(client, reviewer(org_paths.province))] == [entry["id"]]
    assert await queue(client, reviewer(org_paths.other_county)) == []


async def test_a_queue_office_must_be_a_federation_of_its_region(
    client: httpx.AsyncClient, auth: Any, org_paths: Any
) -> None:
    for pairs in (
        [("350102", org_paths.other_county)],  # the neighbouring county's cadres
        [("3501", org_paths.county)],  # a county for the whole city
    ):
        body = POLICY | {"queue_offices": offices(org_paths, *pairs)}
        refused = await client.post("/v1/policies", json=body, headers=auth("admin"))
        assert problem(refused) == (422, "not-the-regions-federation"), refused.text
    unknown = POLICY | {"queue_offices": [{"region_prefix": "3501", "org_id": str(uuid.uuid4())}]}
    refused = await client.post("/v1/policies", json=unknown, headers=auth("admin"))
    assert problem(refused) == (422, "not-the-regions-federation")
    outside = POLICY | {"queue_offices": offices(org_paths, ("330106", org_paths.province))}
    assert (
        await client.post("/v1/policies", json=outside, headers=auth("admin"))
    ).status_code == 422
    # The province's federation may own a county's entries; the answer shows the path.
    body = POLICY | {"queue_offices": offices(org_paths, ("350102", org_paths.province))}
    created = await client.post("/v1/policies", json=body, headers=auth("admin"))
    assert created.status_code == 201, created.text
    assert created.json()["queue_offices"] == [
        {
            "region_prefix": "350102",
            "org_id": org_paths.id_of(org_paths.province),
            "org_path": org_paths.province,
        }
    ]
    # A revision is checked the same way.
    put = await client.put(
        f"/v1/policies/{POLICY['policy_key']}",
        json={k: v for k, v in POLICY.items() if k != "policy_key"}
        | {"queue_offices": offices(org_paths, ("350102", org_paths.other_county))},
        headers=auth("admin"),
    )
    assert problem(put) == (422, "not-the-regions-federation")
