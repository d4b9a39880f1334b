"""Sub-tree statistics follow every membership change."""

from datetime import UTC, datetime
from typing import Any

import httpx


async def stats(client: httpx.AsyncClient, auth: Any, org_id: str) -> dict[str, Any]:
    response = await client.get(f"/v1/orgs/{org_id}/stats", headers=auth("admin"))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_counts_follow_joins_transfers_and_withdrawals(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    await enrol(tree.shangcheng_union, 61, employment_form="employee")
    rider = await enrol(tree.shangcheng_union, 62, employment_form="delivery_rider")
    await enrol(tree.gongshu_union, 63, employment_form="courier")

    city = await stats(client, auth, tree.city)
    assert (city["organisations"], city["members"], city["new_form_members"]) == (5, 3, 2)
    month = datetime.now(UTC).strftime("%Y-%m")
    assert city["joins_by_month"] == [{"month": month, "joins": 3}]
    shangcheng = await stats(client, auth, tree.shangcheng)
    assert (shangcheng["members"], shangcheng["new_form_members"]) == (2, 1)

    cadre = auth("cadre", org_scope=(tree.city,), permissions=("manage_members", "review_joins"))
    transfer = await client.post(
        f"/v1/members/{rider['id']}/transfers",
        json={"to_org_id": tree.gongshu_union},
        headers=cadre,
    )
    await client.post(f"/v1/transfers/{transfer.json()['id']}/approve", headers=cadre)
    assert (await stats(client, auth, tree.shangcheng))["members"] == 1
    gongshu = await stats(client, auth, tree.gongshu)
    assert (gongshu["members"], gongshu["new_form_members"]) == (2, 2)
    assert (await stats(client, auth, tree.city))["joins_by_month"][0]["joins"] == 3

    await client.post(f"/v1/members/{rider['id']}/withdraw", json={"reason": "离职"}, headers=cadre)
    assert (await stats(client, auth, tree.city))["members"] == 2


async def test_new_form_unions_are_counted(client: httpx.AsyncClient, auth: Any, tree: Any) -> None:
    response = await client.post(
        "/v1/orgs",
        json={
            "name": "拱墅区网约车司机工会",
            "kind": "grassroots",
            "level": "grassroots",
            "region_code": "330105",
            "parent_id": tree.gongshu,
            "new_form": True,
        },
        headers=auth("admin"),
    )
    assert response.status_code == 201
    assert (await stats(client, auth, tree.city))["new_form_unions"] == 1


async def test_stats_of_other_county_are_404(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    cadre = auth("cadre", org_scope=(tree.shangcheng,))
    assert (await client.get(f"/v1/orgs/{tree.gongshu}/stats", headers=cadre)).status_code == 404
    bad_month = await client.get(
        f"/v1/orgs/{tree.shangcheng}/stats", params={"from_month": "2026-13"}, headers=cadre
    )
    assert bad_month.status_code == 422
