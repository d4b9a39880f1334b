"""Automatic runs: records become cases matched to the federation; the rest is queued."""

from decimal import Decimal
from typing import Any

import httpx


async def test_run_matches_eligible_enterprises_and_queues_the_rest(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    policy: Any,
    run_period: Any,
    make_uscc: Any,
    org_paths: Any,
) -> None:
    # Two payments of enterprise 1 make one case; 2 is medium-sized; 3 is not registered;
    # 4 is flagged; 5 paid in another city (outside the run's region).
    records = [
        fee_record(1),
        fee_record(11, uscc=make_uscc(1), record_id="TAX-2026-000011", fee_amount="1000.00"),
        fee_record(2),
        fee_record(3),
        fee_record(4),
        fee_record(5, region_code="350202"),
    ]
    await push(tax_partner, records)
    membership.add_enterprise(
        make_uscc(1), account={"bank_name": "b", "account_name": "a", "account_no": "1234567890"}
    )
    membership.add_enterprise(make_uscc(2), size_class="medium")
    membership.add_enterprise(make_uscc(4), needs_review=True)

    run = await run_period()
    assert run["status"] == "done", run
    assert (run["enterprises_total"], run["enterprises_done"], run["cases_created"]) == (4, 4, 1)
    assert run["queued"] == 3

    cases = (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    assert len(cases) == 1
    case = cases[0]
    assert (case["uscc"], case["status"]) == (make_uscc(1), "pending_review")
    assert Decimal(case["collected"]) == Decimal(case["refund"]) == Decimal("3469.12")

    queue = (
        await client.get("/v1/exceptions", params={"run_id": run["id"]}, headers=auth("admin"))
    ).json()
    assert {(e["uscc"], e["reason"]) for e in queue} == {
        (make_uscc(2), "ineligible_size"),
        (make_uscc(3), "unmatched"),
        (make_uscc(4), "needs_review"),
    }
    # A county cadre sees its own sub-tree's queue; unmatched entries stay with admins.
    county = auth("cadre", org_scope_paths=[org_paths.county], permissions=["review_rebates"])
    seen = (await client.get("/v1/exceptions", headers=county)).json()
    assert {e["reason"] for e in seen} == {"ineligible_size", "needs_review"}


async def test_a_run_in_chunks_counts_its_progress_and_chains_every_step(
    client: httpx.AsyncClient,
    auth: Any,
    app: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    policy: Any,
    run_period: Any,
    make_uscc: Any,
) -> None:
    app.state.settings = app.state.settings.model_copy(update={"run_chunk_enterprises": 2})
    await push(tax_partner, [fee_record(n) for n in range(1, 8)])
    for n in range(1, 6):  # 6 and 7 are not registered
        membership.add_enterprise(make_uscc(n))

    run = await run_period()
    assert run["status"] == "done", run
    assert (run["enterprises_total"], run["enterprises_done"]) == (7, 7)
    assert (run["cases_created"], run["queued"]) == (5, 2)
    lookups = [c for c in membership.calls if c.endswith("/v1/enterprises/lookup")]
    assert len(lookups) == 4  # 2 + 2 + 2 + 1 enterprises
    cases = (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    assert sorted(c["uscc"] for c in cases) == sorted(make_uscc(n) for n in range(1, 6))
    verified = (await client.get("/v1/audit/verify", headers=auth("admin"))).json()
    assert verified["intact"] is True


async def test_a_run_fails_with_the_reason_when_membership_is_down(
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    policy: Any,
    run_period: Any,
    monkeypatch: Any,
) -> None:
    await push(tax_partner, [fee_record(1)])
    answer = membership.handle

    def down(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/enterprises/lookup":
            return httpx.Response(503)
        return answer(request)  # type: ignore[no-any-return]

    monkeypatch.setattr(membership, "handle", down)
    run = await run_period()
    assert run["status"] == "failed"
    assert run["failure"] == (
        "MembershipUnavailableError: membership answered 503 to /v1/enterprises/lookup"
    )
    assert run["cases_created"] == 0


async def test_a_second_run_refunds_nothing_twice(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    policy: Any,
    run_period: Any,
    make_uscc: Any,
) -> None:
    await push(tax_partner, [fee_record(1)])
    membership.add_enterprise(make_uscc(1))
    assert (await run_period())["cases_created"] == 1
    again = await run_period()
    assert (again["enterprises_total"], again["cases_created"]) == (0, 0)
    # A later payment of the same enterprise and period does not open a second case.
    await push(tax_partner, [fee_record(21, uscc=make_uscc(1), record_id="TAX-LATE")])
    assert (await run_period())["cases_created"] == 0


async def test_runs_outside_the_policy_are_refused(
    client: httpx.AsyncClient, auth: Any, policy: Any
) -> None:
    for body in (
        {"period": "2025-12", "region_prefix": "35", "policy_key": policy["policy_key"]},
        {"period": "2026-03", "region_prefix": "33", "policy_key": policy["policy_key"]},
    ):
        response = await client.post("/v1/runs", json=body, headers=auth("admin"))
        assert response.status_code == 422, body
    missing = await client.post(
        "/v1/runs",
        json={"period": "2026-03", "region_prefix": "35", "policy_key": "nope"},
        headers=auth("admin"),
    )
    assert missing.status_code == 404
    cadre = await client.post(
        "/v1/runs",
        json={"period": "2026-03", "region_prefix": "35", "policy_key": "x"},
        headers=auth("cadre"),
    )
    assert cadre.status_code == 403


async def test_policy_versions_are_kept_and_runs_use_the_current_one(
    client: httpx.AsyncClient, auth: Any, policy: Any
) -> None:
    revised = {
        k: v
        for k, v in policy.items()
        if k
        in (
            "name",
            "region_prefixes",
            "period_from",
            "period_to",
            "size_classes",
            "destinations",
            "review_steps",
        )
    }
    revised["refund_ratio"] = "0.5000"
    second = await client.put(
        f"/v1/policies/{policy['policy_key']}", json=revised, headers=auth("admin")
    )
    assert second.status_code == 200, second.text
    assert second.json()["version"] == 2
    versions = (
        await client.get(f"/v1/policies/{policy['policy_key']}/versions", headers=auth("admin"))
    ).json()
    assert [(v["version"], v["refund_ratio"], v["retired_at"] is None) for v in versions] == [
        (1, "1.0000", False),
        (2, "0.5000", True),
    ]
    bad = await client.post(
        "/v1/policies",
        json={**policy, "refund_ratio": 1.0, "policy_key": "x-y-z"},
        headers=auth("admin"),
    )
    assert bad.status_code == 422
