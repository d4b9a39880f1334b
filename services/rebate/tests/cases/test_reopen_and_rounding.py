"""Mistaken rejections are not final, refunds round as Chinese finance rounds, and nothing is
made for a reviewer to look at when nothing is owed."""

from decimal import Decimal
from typing import Any

import httpx
import pytest

from rebate.ledger.service import refund_of

HALF = {
    "name": "福建省小微企业工会经费返还（一半）",
    "region_prefixes": ["35"],
    "period_from": "2026-01",
    "period_to": "2026-12",
    "refund_ratio": "0.5000",
    "review_steps": 2,
}


@pytest.fixture
async def half_policy(client: httpx.AsyncClient, auth: Any, policy: Any) -> None:
    revised = await client.put(
        f"/v1/policies/{policy['policy_key']}", json=HALF, headers=auth("admin")
    )
    assert revised.status_code == 200, revised.text


@pytest.mark.parametrize(
    ("collected", "ratio", "refund"),
    [("1000.25", "0.5", "500.13"), ("80.15", "0.3", "24.05"), ("0.01", "0.3", "0.00")],
)
def test_refunds_round_half_up_to_the_fen(collected: str, ratio: str, refund: str) -> None:
    assert refund_of(Decimal(collected), Decimal(ratio)) == Decimal(refund)


async def test_a_run_refunds_half_up_and_makes_no_case_for_a_zero_refund(
    policy: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    run_period: Any,
    client: httpx.AsyncClient,
    auth: Any,
) -> None:
    # 30 %: 80.15 gives 24.045, 24.05 half up (24.04 half to even); 0.01 gives 0.003, nothing.
    thirty = {**HALF, "refund_ratio": "0.3000"}
    revised = await client.put(
        f"/v1/policies/{policy['policy_key']}", json=thirty, headers=auth("admin")
    )
    assert revised.status_code == 200, revised.text
    await push(tax_partner, [fee_record(1, fee_amount="80.15"), fee_record(2, fee_amount="0.01")])
    membership.add_enterprise(make_uscc(1))
    membership.add_enterprise(make_uscc(2))
    run = await run_period()
    assert (run["cases_created"], run["queued"]) == (1, 1)
    [case] = (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    assert (case["uscc"], case["refund"]) == (make_uscc(1), "24.05")
    [queued] = (await client.get("/v1/exceptions", headers=auth("admin"))).json()
    assert (queued["uscc"], queued["reason"]) == (make_uscc(2), "zero_refund")


async def test_a_rejected_case_is_reopened_by_a_cadre_and_decided_by_others(
    half_policy: None,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    run_period: Any,
    client: httpx.AsyncClient,
    auth: Any,
    reviewer: Any,
    org_paths: Any,
) -> None:
    await push(tax_partner, [fee_record(1, fee_amount="1000.25")])
    membership.add_enterprise(make_uscc(1))
    await run_period()
    [case] = (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    county = reviewer(org_paths.county, subject="county-cadre")
    url = f"/v1/cases/{case['id']}"
    rejected = await client.post(
        f"{url}/review", json={"decision": "reject", "reason": "未建会"}, headers=county
    )
    assert rejected.json()["status"] == "rejected"

    other = reviewer(org_paths.other_county, subject="other")
    assert (
        await client.post(f"{url}/reopen", json={"reason": "x"}, headers=other)
    ).status_code == 404
    no_reason = await client.post(f"{url}/reopen", json={"reason": ""}, headers=county)
    assert no_reason.status_code == 422
    reopened = await client.post(f"{url}/reopen", json={"reason": "已建会"}, headers=county)
    assert (reopened.json()["status"], reopened.json()["refund"]) == ("pending_review", "500.13")
    again = await client.post(f"{url}/reopen", json={"reason": "again"}, headers=county)
    assert again.status_code == 409

    # Maker-checker: who reopened it decides nothing about it.
    own = await client.post(
        f"{url}/review", json={"decision": "approve", "refund": "500.13"}, headers=county
    )
    assert own.status_code == 403
    maker = reviewer(org_paths.county, subject="maker")
    assert (
        await client.post(
            f"{url}/review", json={"decision": "approve", "refund": "500.13"}, headers=maker
        )
    ).json()["status"] == "pending_approval"
    audit = (await client.get(f"{url}/audit", headers=auth("admin"))).json()
    assert "case.reopened" in [e["kind"] for e in audit]
