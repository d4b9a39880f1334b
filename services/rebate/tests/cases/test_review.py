"""Review by the cadres of the affiliated federation: sub-tree scope, reasons, maker-checker."""

from typing import Any

import httpx
import pytest


@pytest.fixture
async def case(
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    policy: Any,
    run_period: Any,
    make_uscc: Any,
    client: httpx.AsyncClient,
    auth: Any,
) -> dict[str, Any]:
    await push(tax_partner, [fee_record(1)])
    membership.add_enterprise(make_uscc(1))
    await run_period()
    cases = (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    return cases[0]


def approving(case: dict[str, Any]) -> dict[str, str]:
    return {"decision": "approve", "refund": case["refund"]}


async def test_cadre_of_other_county_gets_404_on_every_case_route(
    client: httpx.AsyncClient, case: dict[str, Any], reviewer: Any, org_paths: Any
) -> None:
    other = reviewer(org_paths.other_county)
    assert (await client.get(f"/v1/cases/{case['id']}", headers=other)).status_code == 404
    assert (await client.get(f"/v1/cases/{case['id']}/audit", headers=other)).status_code == 404
    review = await client.post(
        f"/v1/cases/{case['id']}/review",
        json={"decision": "approve", "refund": case["refund"]},
        headers=other,
    )
    assert review.status_code == 404
    listing = (await client.get("/v1/cases", headers=other)).json()
    assert listing["items"] == []
    bulk = (
        await client.post(
            "/v1/cases/review",
            json={"case_ids": [case["id"]], "decision": "approve"},
            headers=other,
        )
    ).json()
    assert bulk["decided"] == []


async def test_cadre_of_an_ancestor_reviews_and_rejection_needs_a_reason(
    client: httpx.AsyncClient, case: dict[str, Any], reviewer: Any, org_paths: Any
) -> None:
    province = reviewer(org_paths.province)
    assert len((await client.get("/v1/cases", headers=province)).json()["items"]) == 1
    no_reason = await client.post(
        f"/v1/cases/{case['id']}/review", json={"decision": "reject"}, headers=province
    )
    assert no_reason.status_code == 422
    rejected = await client.post(
        f"/v1/cases/{case['id']}/review",
        json={"decision": "reject", "reason": "企业已注销"},
        headers=province,
    )
    assert rejected.json()["status"] == "rejected"
    again = await client.post(
        f"/v1/cases/{case['id']}/review",
        json={"decision": "approve", "refund": case["refund"]},
        headers=province,
    )
    assert again.status_code == 409
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=province)).json()
    assert [(r["step"], r["decision"], r["reason"]) for r in detail["reviews"]] == [
        ("review", "reject", "企业已注销")
    ]


async def test_two_step_policy_needs_a_second_person(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    policy: Any,
    run_period: Any,
    make_uscc: Any,
    reviewer: Any,
    org_paths: Any,
) -> None:
    revised = {
        k: policy[k]
        for k in (
            "name",
            "region_prefixes",
            "period_from",
            "period_to",
            "size_classes",
            "destinations",
        )
    }
    await client.put(
        f"/v1/policies/{policy['policy_key']}",
        json={**revised, "review_steps": 2},
        headers=auth("admin"),
    )
    await push(tax_partner, [fee_record(1)])
    membership.add_enterprise(make_uscc(1))
    await run_period()
    [case] = (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    case_id, seen = case["id"], {"decision": "approve", "refund": case["refund"]}

    maker = reviewer(org_paths.county, subject="cadre-maker")
    checker = reviewer(org_paths.province, subject="cadre-checker")
    first = await client.post(f"/v1/cases/{case_id}/review", json=seen, headers=maker)
    assert first.json()["status"] == "pending_approval"
    same = await client.post(f"/v1/cases/{case_id}/review", json=seen, headers=maker)
    assert same.status_code == 403
    assert same.json()["type"] == "urn:gonghui:problem:maker-checker"
    second = await client.post(f"/v1/cases/{case_id}/review", json=seen, headers=checker)
    assert second.json()["status"] in ("approved", "instructed")


async def test_enterprise_sees_only_its_own_cases(
    client: httpx.AsyncClient, auth: Any, case: dict[str, Any], make_uscc: Any
) -> None:
    own = auth("enterprise", enterprise_scope=make_uscc(1))
    other = auth("enterprise", enterprise_scope=make_uscc(2))
    assert [c["id"] for c in (await client.get("/v1/cases", headers=own)).json()["items"]] == [
        case["id"]
    ]
    assert (await client.get(f"/v1/cases/{case['id']}", headers=own)).status_code == 200
    assert (await client.get(f"/v1/cases/{case['id']}", headers=other)).status_code == 404
    cannot_review = await client.post(
        f"/v1/cases/{case['id']}/review",
        json={"decision": "approve", "refund": case["refund"]},
        headers=own,
    )
    assert cannot_review.status_code in (403, 404)


async def test_every_step_is_on_the_audit_chain_and_the_chain_verifies(
    client: httpx.AsyncClient, auth: Any, case: dict[str, Any], session: Any
) -> None:
    from sqlalchemy import text

    events = (await client.get(f"/v1/cases/{case['id']}/audit", headers=auth("admin"))).json()
    assert events[0]["kind"] == "case.matched"
    assert events[0]["detail"]["policy_version"] == 1
    verified = (await client.get("/v1/audit/verify", headers=auth("admin"))).json()
    assert verified["intact"] is True
    assert verified["events_checked"] >= 3

    # A superuser past the append-only trigger (the service's own role cannot do this).
    await session.execute(text("SET LOCAL session_replication_role = replica"))
    await session.execute(
        text('UPDATE rebate.audit_event SET detail = \'{"refund": "999999.00"}\' WHERE id = :id'),
        {"id": events[0]["id"]},
    )
    broken = (await client.get("/v1/audit/verify", headers=auth("admin"))).json()
    assert broken["intact"] is False
    assert broken["first_broken_event_id"] == events[0]["id"]
