"""Transfers keep the membership number; the receiving union decides; history stays."""

from collections.abc import Callable
from typing import Any

import httpx

AuthHeaders = Callable[..., dict[str, str]]


def cadre(auth: AuthHeaders, org_id: str) -> dict[str, str]:
    return auth("cadre", org_scope=(org_id,), permissions=("manage_members", "review_joins"))


async def grassroots(
    client: httpx.AsyncClient, auth: AuthHeaders, parent: str, region: str, name: str = "第二工会"
) -> str:
    body = {
        "name": name,
        "kind": "grassroots",
        "level": "grassroots",
        "region_code": region,
        "parent_id": parent,
    }
    response = await client.post("/v1/orgs", json=body, headers=auth("admin"))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_member_transfers_and_keeps_the_number(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, enrol: Any, member_auth: Any
) -> None:
    member = await enrol(tree.shangcheng_union, 31)
    asked = await client.post(
        "/v1/me/transfers",
        json={"to_org_id": tree.gongshu_union, "reason": "换站点"},
        headers=member_auth(member),
    )
    assert asked.status_code == 201, asked.text
    transfer = asked.json()
    me = (await client.get("/v1/me", headers=member_auth(member))).json()
    assert me["state"] == "transferring"

    incoming = await client.get(
        "/v1/transfers", params={"org_id": tree.gongshu}, headers=cadre(auth, tree.gongshu)
    )
    assert [t["id"] for t in incoming.json()] == [transfer["id"]]
    # The old union cannot approve; the receiving one does.
    old_side = await client.post(
        f"/v1/transfers/{transfer['id']}/approve", headers=cadre(auth, tree.shangcheng)
    )
    assert old_side.status_code == 404
    approved = await client.post(
        f"/v1/transfers/{transfer['id']}/approve", headers=cadre(auth, tree.gongshu)
    )
    assert approved.status_code == 200
    assert approved.json()["state"] == "approved"

    after = (
        await client.get(f"/v1/members/{member['id']}", headers=cadre(auth, tree.gongshu))
    ).json()
    assert after["membership_no"] == member["membership_no"]
    assert after["org_id"] == tree.gongshu_union
    assert after["state"] == "active"
    assert (
        await client.get(f"/v1/members/{member['id']}", headers=cadre(auth, tree.shangcheng))
    ).status_code == 404

    history = (await client.get("/v1/me/history", headers=member_auth(member))).json()
    assert [a["org_name"] for a in history["affiliations"]] == [
        "上城区快递行业工会",
        "拱墅区外卖骑手工会",
    ]
    assert history["affiliations"][0]["ended_at"] is not None
    assert history["affiliations"][1]["ended_at"] is None


async def test_rejected_transfer_returns_the_member_to_the_old_union(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, enrol: Any
) -> None:
    member = await enrol(tree.shangcheng_union, 32)
    transfer = (
        await client.post(
            f"/v1/members/{member['id']}/transfers",
            json={"to_org_id": tree.gongshu_union},
            headers=cadre(auth, tree.shangcheng),
        )
    ).json()
    rejected = await client.post(
        f"/v1/transfers/{transfer['id']}/reject",
        json={"reason": "人员不在本区"},
        headers=cadre(auth, tree.gongshu),
    )
    assert rejected.json()["state"] == "rejected"
    again = await client.post(
        f"/v1/transfers/{transfer['id']}/approve", headers=cadre(auth, tree.gongshu)
    )
    assert again.status_code == 409
    member_now = (
        await client.get(f"/v1/members/{member['id']}", headers=cadre(auth, tree.shangcheng))
    ).json()
    assert (member_now["state"], member_now["org_id"]) == ("active", tree.shangcheng_union)


async def test_cancel_and_double_request(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, enrol: Any, member_auth: Any
) -> None:
    member = await enrol(tree.shangcheng_union, 33)
    headers = member_auth(member)
    transfer = (
        await client.post(
            "/v1/me/transfers", json={"to_org_id": tree.gongshu_union}, headers=headers
        )
    ).json()
    twice = await client.post(
        "/v1/me/transfers", json={"to_org_id": tree.gongshu_union}, headers=headers
    )
    assert twice.status_code == 409
    cancelled = await client.post(f"/v1/transfers/{transfer['id']}/cancel", headers=headers)
    assert cancelled.json()["state"] == "cancelled"
    assert (await client.get("/v1/me", headers=headers)).json()["state"] == "active"


async def test_transfer_routes_hide_other_counties(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, enrol: Any
) -> None:
    member = await enrol(tree.shangcheng_union, 34)
    second_union = await grassroots(client, auth, tree.shangcheng, "330102")
    transfer = (
        await client.post(
            f"/v1/members/{member['id']}/transfers",
            json={"to_org_id": second_union},
            headers=cadre(auth, tree.shangcheng),
        )
    ).json()
    outsider = cadre(auth, tree.gongshu)
    for method, path in (
        ("GET", f"/v1/transfers/{transfer['id']}"),
        ("POST", f"/v1/transfers/{transfer['id']}/approve"),
        ("POST", f"/v1/transfers/{transfer['id']}/cancel"),
        ("POST", f"/v1/members/{member['id']}/transfers"),
    ):
        body = {"to_org_id": tree.gongshu_union} if path.endswith("/transfers") else None
        response = await client.request(method, path, json=body, headers=outsider)
        assert response.status_code == 404, path
    reject = await client.post(
        f"/v1/transfers/{transfer['id']}/reject", json={"reason": "not mine"}, headers=outsider
    )
    assert reject.status_code == 404
    listing = await client.get(
        "/v1/transfers", params={"org_id": tree.shangcheng}, headers=outsider
    )
    assert listing.status_code == 404


async def test_another_member_cannot_transfer_me(
    client: httpx.AsyncClient, tree: Any, enrol: Any, member_auth: Any
) -> None:
    me = await enrol(tree.shangcheng_union, 35)
    other = await enrol(tree.shangcheng_union, 36)
    response = await client.post(
        f"/v1/members/{me['id']}/transfers",
        json={"to_org_id": tree.gongshu_union},
        headers=member_auth(other),
    )
    assert response.status_code == 404
