"""A record held at intake (a probable duplicate, or a held record's correction) is queued for
the people who decide it: the federation of the enterprise's case, else the office the policy
names for the record's region; another county meets it as an entry that does not exist."""

from typing import Any

import httpx

POLICY: dict[str, Any] = {
    "policy_key": "fj-2026-small-micro",
    "name": "福建省小微企业工会经费全额返还",
    "region_prefixes": ["35"],
    "period_from": "2026-01",
    "period_to": "2026-12",
}


async def entries(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = await client.get("/v1/exceptions", headers=headers)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


async def test_a_duplicate_of_a_payment_already_in_a_case_goes_to_that_cases_county(
    second_tax_partner: Any,
    client: httpx.AsyncClient,
    auth: Any,
    reviewer: Any,
    org_paths: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    run_period: Any,
) -> None:
    await push(tax_partner, [fee_record(1, fee_amount="800.00")])
    membership.add_enterprise(make_uscc(1), org_path=org_paths.county)
    await run_period()
    second = second_tax_partner
    again = fee_record(1, record_id="FZ-000001", fee_amount="800.00")
    assert (await push(second, [again])).json()["probable_duplicates"] == ["FZ-000001"]

    county, other = reviewer(org_paths.county), reviewer(org_paths.other_county)
    [entry] = await entries(client, county)
    assert (entry["reason"], entry["uscc"]) == ("probable_duplicate", make_uscc(1))
    assert await entries(client, other) == []
    dismiss = f"/v1/exceptions/{entry['id']}/dismiss"
    refused = await client.post(dismiss, json={"reason": "同一笔缴费"}, headers=other)
    assert refused.status_code == 404
    done = await client.post(dismiss, json={"reason": "同一笔缴费，已核实"}, headers=county)
    assert done.status_code == 200, done.text
    assert done.json()["resolution"] == "dismissed"


async def test_a_duplicate_before_any_case_goes_to_the_office_the_policy_names(
    second_tax_partner: Any,
    client: httpx.AsyncClient,
    auth: Any,
    reviewer: Any,
    org_paths: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
) -> None:
    offices = [{"region_prefix": "350102", "org_id": org_paths.id_of(org_paths.county)}]
    created = await client.post(
        "/v1/policies", json=POLICY | {"queue_offices": offices}, headers=auth("admin")
    )
    assert created.status_code == 201, created.text
    await push(tax_partner, [fee_record(1, fee_amount="800.00")])
    second = second_tax_partner
    again = fee_record(1, record_id="FZ-000001", fee_amount="800.00")
    assert (await push(second, [again])).json()["probable_duplicates"] == ["FZ-000001"]
    [entry] = await entries(client, reviewer(org_paths.county))
    assert entry["reason"] == "probable_duplicate"
    assert await entries(client, reviewer(org_paths.other_county)) == []
    # Records of a region no office covers stay with admins.
    elsewhere = fee_record(2, region_code="350105", fee_amount="900.00")
    await push(tax_partner, [elsewhere])
    await push(second, [{**elsewhere, "record_id": "FZ-000002"}])
    assert len(await entries(client, reviewer(org_paths.county))) == 1
    assert len(await entries(client, auth("admin"))) == 2
