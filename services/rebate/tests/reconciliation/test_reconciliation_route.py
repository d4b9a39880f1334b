"""`GET /v1/reconciliation` as its callers meet it: admins see every violation; a reviewing
cadre sees those placed in its own sub-tree, and a cadre of another county cannot tell that
any exist; whoever is not a reviewer is refused as on the queue. The violations are made as
only a bug or a hand in the database could: by SQL on the test's superuser connection."""

from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

THIRD_COUNTY_PATH = f"{'a' * 32}.{'b' * 32}.{'e' * 32}"


async def violations(
    client: httpx.AsyncClient, headers: dict[str, str], period: str | None = None
) -> set[tuple[str, str | None, str]]:
    params = {"period": period} if period else {}
    response = await client.get("/v1/reconciliation", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return {(v["invariant"], v["uscc"], v["detail"]) for v in response.json()["violations"]}


@pytest.fixture
async def broken(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    run_period: Any,
    org_paths: Any,
    session: AsyncSession,
) -> dict[str, str]:
    """One enterprise in each of two counties, each case broken in the database, and the
    ledger unbalanced: {"county": its credit code, "other": the other county's}."""
    county, other = make_uscc(1), make_uscc(2)
    membership.add_enterprise(county, org_path=org_paths.county)
    membership.add_enterprise(other, org_path=org_paths.other_county)
    await push(tax_partner, [fee_record(1), fee_record(2)])
    await run_period()
    cases = {
        c["uscc"]: c for c in (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    }
    assert await violations(client, auth("admin")) == set()
    # The county's case approved, then marked rejected behind the ledger's back: 2469.12 is
    # granted with no live case (a violation placed by that rejected case).
    approved = await client.post(
        f"/v1/cases/{cases[county]['id']}/review",
        json={"decision": "approve", "refund": cases[county]["refund"]},
        headers=auth("admin"),
    )
    assert approved.status_code == 200, approved.text
    await session.execute(
        text("UPDATE rebate.rebate_case SET status = 'rejected' WHERE id = :id"),
        {"id": cases[county]["id"]},
    )
    # The other county's case, still under review, raised by a yuan nobody reckoned.
    await session.execute(
        text("UPDATE rebate.rebate_case SET refund = refund + 1 WHERE id = :id"),
        {"id": cases[other]["id"]},
    )
    # And one unbalanced line on the ledger, which no organisation owns.
    await session.execute(
        text(
            """
            INSERT INTO rebate.ledger_entry (txn_id, kind, account, uscc, period, debit, credit)
            VALUES (gen_random_uuid(), 'collected', 'fees_held', :uscc, '2026-03', 5.00, 0)
            """
        ),
        {"uscc": other},
    )
    return {"county": county, "other": other}


async def test_admin_sees_every_violation_and_each_county_only_its_own(
    client: httpx.AsyncClient,
    auth: Any,
    reviewer: Any,
    org_paths: Any,
    broken: dict[str, str],
) -> None:
    everything = await violations(client, auth("admin"))
    kinds = {(invariant, uscc) for invariant, uscc, _ in everything}
    assert {
        ("refund_due", broken["county"]),
        ("refund_due", broken["other"]),
        ("trial_balance", None),
    } <= kinds
    own = await violations(client, reviewer(org_paths.county))
    assert {uscc for _, uscc, _ in own} == {broken["county"]}
    assert any("without a live case" in detail for _, _, detail in own)
    theirs = await violations(client, reviewer(org_paths.other_county))
    assert {uscc for _, uscc, _ in theirs} == {broken["other"]}
    # The province above both sees both counties' violations, but the ledger as a whole and
    # the audit chain stay with admins.
    province = await violations(client, reviewer(org_paths.province))
    assert province == own | theirs
    assert not any(invariant == "trial_balance" for invariant, _, _ in province)
    # By period: the same ones in March, none in April.
    assert await violations(client, reviewer(org_paths.county), "2026-03") == own
    assert await violations(client, auth("admin"), "2026-04") == set()


async def test_cadre_of_another_county_cannot_tell_that_violations_exist(
    client: httpx.AsyncClient,
    auth: Any,
    reviewer: Any,
    org_paths: Any,
    broken: dict[str, str],
) -> None:
    stranger = reviewer(THIRD_COUNTY_PATH)
    for period in (None, "2026-03"):
        params = {"period": period} if period else {}
        answer = await client.get("/v1/reconciliation", params=params, headers=stranger)
        # As on a healthy database: the same status, the same body.
        assert (answer.status_code, answer.json()) == (200, {"period": period, "violations": []})
    assert broken["county"] not in str(await violations(client, reviewer(org_paths.other_county)))


@pytest.mark.parametrize(
    "caller",
    ["member", "enterprise", "cadre_without_permission", "partner", "stranger"],
)
async def test_whoever_is_no_reviewer_is_refused_as_on_the_queue(
    client: httpx.AsyncClient,
    auth: Any,
    org_paths: Any,
    make_uscc: Any,
    broken: dict[str, str],
    caller: str,
) -> None:
    headers = {
        "member": auth("member"),
        "enterprise": auth("enterprise", enterprise_scope=broken["county"]),
        "cadre_without_permission": auth("cadre", org_scope_paths=[org_paths.county]),
        "partner": auth("partner"),
        "stranger": {},
    }[caller]
    answer = await client.get("/v1/reconciliation", headers=headers)
    queue = await client.get("/v1/exceptions", headers=headers)
    assert answer.status_code in (401, 403)
    assert (answer.status_code, answer.headers["content-type"]) == (
        queue.status_code,
        "application/problem+json",
    )
    assert broken["county"] not in answer.text
    assert "violations" not in answer.json()


async def test_a_malformed_period_is_refused(client: httpx.AsyncClient, auth: Any) -> None:
    answer = await client.get("/v1/reconciliation?period=2026-13", headers=auth("admin"))
    assert answer.status_code == 422
