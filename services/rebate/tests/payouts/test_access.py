"""Who sees a case's payouts: admins, cadres of the sub-tree with review_rebates, and the
enterprise itself; everyone else gets 404, and no one sees a whole account number."""

from typing import Any

import httpx


async def test_payouts_are_seen_by_the_sub_tree_and_the_enterprise_only(
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    reviewer: Any,
    org_paths: Any,
    make_uscc: Any,
) -> None:
    case = await make_case()
    url = f"/v1/cases/{case.id}/payouts"

    for allowed in (
        auth("admin"),
        reviewer(org_paths.county),
        reviewer(org_paths.province),
        auth("enterprise", enterprise_scope=case.uscc),
    ):
        response = await client.get(url, headers=allowed)
        assert response.status_code == 200, response.text
        [payout] = response.json()
        assert case.union_account_no not in response.text
        assert payout["account_no_masked"].endswith(case.union_account_no[-4:])

    for refused in (
        reviewer(org_paths.other_county),
        auth("cadre", org_scope_paths=[org_paths.county]),  # without review_rebates
        auth("enterprise", enterprise_scope=make_uscc(2)),
        auth("member"),
        auth("partner"),
    ):
        response = await client.get(url, headers=refused)
        assert response.status_code == 404, response.text
        assert response.headers["content-type"] == "application/problem+json"

    unknown = await client.get(
        "/v1/cases/00000000-0000-0000-0000-000000000001/payouts", headers=auth("admin")
    )
    assert unknown.status_code == 404
    assert (await client.get(url)).status_code == 401
