"""Transfers and approvals keep the register consistent: members go to open grassroots
unions only, never end up active in a closed one, the receiving union sees who asks to come
(masked), and the old union keeps the history up to the day the member left."""

from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

AuthHeaders = Callable[..., dict[str, str]]
ANY = {"If-Match": "*"}


def cadre(auth: AuthHeaders, org_id: str) -> dict[str, str]:
    return auth(
        "cadre",
        org_scope=(org_id,),
        permissions=("manage_members", "review_joins", "manage_orgs"),
    )


async def test_a_transfer_cannot_target_a_federation(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, enrol: Any, member_auth: Any
) -> None:
    member = await enrol(tree.shangcheng_union, 70)
    for target in (tree.gongshu, tree.city, tree.province):
        response = await client.post(
            "/v1/me/transfers", json={"to_org_id": target}, headers=member_auth(member)
        )
        assert response.status_code == 422, target
        assert response.json()["type"].endswith(":transfer-target-not-grassroots")
    me = (await client.get("/v1/me", headers=member_auth(member))).json()
    assert me["state"] == "active"


async def close_behind_the_api(session: AsyncSession, org_id: str) -> None:
    """A closure that raced an application or transfer past the checks of `close`."""
    await session.execute(
        text("UPDATE membership.org SET status = 'closed' WHERE id = :id"), {"id": org_id}
    )
    await session.commit()


async def apply_by_qr(client: httpx.AsyncClient, union: dict[str, str], org: str, body: Any) -> Any:
    invitation = await client.post(
        f"/v1/orgs/{org}/invitations", json={"expires_in_hours": 24, "max_uses": 5}, headers=union
    )
    assert invitation.status_code == 201, invitation.text
    applied = await client.post(f"/v1/join/{invitation.json()['code']}", json=body)
    assert applied.status_code in (201, 202), applied.text
    queue = await client.get(
        "/v1/members", params={"org_id": org, "state": "applied"}, headers=union
    )
    [application] = queue.json()["items"]
    return application


async def test_a_union_with_pending_arrivals_cannot_close(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    tree: Any,
    enrol: Any,
    member_auth: Any,
    person: Any,
) -> None:
    member = await enrol(tree.shangcheng_union, 71)
    asked = await client.post(
        "/v1/me/transfers", json={"to_org_id": tree.gongshu_union}, headers=member_auth(member)
    )
    assert asked.status_code == 201, asked.text
    receiving = cadre(auth, tree.gongshu)
    close_url = f"/v1/orgs/{tree.gongshu_union}/close"
    refused = await client.post(close_url, headers={**receiving, **ANY})
    assert refused.status_code == 409
    assert refused.json()["type"].endswith(":org-not-empty")
    rejected = await client.post(
        f"/v1/transfers/{asked.json()['id']}/reject", json={"reason": "本会撤销"}, headers=receiving
    )
    assert rejected.status_code == 200, rejected.text

    application = await apply_by_qr(client, receiving, tree.gongshu_union, person(75))
    assert (await client.post(close_url, headers={**receiving, **ANY})).status_code == 409
    await client.post(
        f"/v1/members/{application['id']}/reject", json={"reason": "本会撤销"}, headers=receiving
    )
    closed = await client.post(close_url, headers={**receiving, **ANY})
    assert closed.status_code == 200, closed.text
    # Asking anew for the closed union is refused up front.
    again = await client.post(
        "/v1/me/transfers", json={"to_org_id": tree.gongshu_union}, headers=member_auth(member)
    )
    assert again.status_code == 409


async def test_a_transfer_is_never_approved_into_a_closed_union(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    tree: Any,
    enrol: Any,
    member_auth: Any,
    session: AsyncSession,
) -> None:
    member = await enrol(tree.shangcheng_union, 76)
    asked = await client.post(
        "/v1/me/transfers", json={"to_org_id": tree.gongshu_union}, headers=member_auth(member)
    )
    await close_behind_the_api(session, tree.gongshu_union)
    approved = await client.post(
        f"/v1/transfers/{asked.json()['id']}/approve", headers=cadre(auth, tree.gongshu)
    )
    assert approved.status_code == 409
    assert approved.json()["type"].endswith(":org-closed")
    me = (await client.get("/v1/me", headers=member_auth(member))).json()
    assert (me["state"], me["org_id"]) == ("transferring", tree.shangcheng_union)


async def test_a_pending_application_cannot_be_approved_after_closure(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    tree: Any,
    person: Any,
    session: AsyncSession,
) -> None:
    """Defect 10: a closed organisation still took approvals; the member ended up active."""
    union = cadre(auth, tree.gongshu)
    application = await apply_by_qr(client, union, tree.gongshu_union, person(72))
    await close_behind_the_api(session, tree.gongshu_union)
    approved = await client.post(f"/v1/members/{application['id']}/approve", headers=union)
    assert approved.status_code == 409
    assert approved.json()["type"].endswith(":org-closed")
    still = await client.get(f"/v1/members/{application['id']}", headers=union)
    assert still.json()["state"] == "applied"


async def test_approvers_see_who_asks_to_come_masked(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, enrol: Any, member_auth: Any
) -> None:
    member = await enrol(tree.shangcheng_union, 73)
    asked = await client.post(
        "/v1/me/transfers", json={"to_org_id": tree.gongshu_union}, headers=member_auth(member)
    )
    assert asked.status_code == 201
    incoming = await client.get(
        "/v1/transfers", params={"org_id": tree.gongshu}, headers=cadre(auth, tree.gongshu)
    )
    [transfer] = incoming.json()
    assert transfer["membership_no"] == member["membership_no"]
    assert transfer["person"]["name"] == member["person"]["name"]
    assert transfer["person"]["id_number_masked"] == member["person"]["id_number_masked"]
    assert "*" in transfer["person"]["id_number_masked"]
    assert "*" in transfer["person"]["phone_masked"]
    assert (transfer["from_org_name"], transfer["to_org_name"]) == (
        "上城区快递行业工会",
        "拱墅区外卖骑手工会",
    )
    assert "id_number" not in transfer["person"]
    assert "phone" not in transfer["person"]


async def test_the_old_union_keeps_the_history_up_to_the_transfer(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, enrol: Any, member_auth: Any
) -> None:
    """Defect 10: the old union lost sight of the member's history with it."""
    member = await enrol(tree.shangcheng_union, 74)
    asked = await client.post(
        "/v1/me/transfers", json={"to_org_id": tree.gongshu_union}, headers=member_auth(member)
    )
    receiving, old = cadre(auth, tree.gongshu), cadre(auth, tree.shangcheng)
    approved = await client.post(f"/v1/transfers/{asked.json()['id']}/approve", headers=receiving)
    assert approved.status_code == 200, approved.text
    suspended = await client.post(
        f"/v1/members/{member['id']}/suspend", json={"reason": "欠缴会费"}, headers=receiving
    )
    assert suspended.status_code == 200, suspended.text

    history = await client.get(f"/v1/members/{member['id']}/history", headers=old)
    assert history.status_code == 200, history.text
    kinds = [e["kind"] for e in history.json()["events"]]
    assert kinds[-1] == "transferred"
    assert "suspended" not in kinds
    assert [a["org_id"] for a in history.json()["affiliations"]] == [tree.shangcheng_union]
    # The rest of the record stays with the new union.
    assert (await client.get(f"/v1/members/{member['id']}", headers=old)).status_code == 404
    full = (await client.get(f"/v1/members/{member['id']}/history", headers=receiving)).json()
    assert [e["kind"] for e in full["events"]][-1] == "suspended"
    # A county the member never belonged to sees nothing.
    xihu = await client.post(
        "/v1/orgs",
        json={
            "name": "西湖区总工会",
            "kind": "federation",
            "level": "county",
            "region_code": "330106",
            "parent_id": tree.city,
        },
        headers=auth("admin"),
    )
    stranger = cadre(auth, xihu.json()["id"])
    response = await client.get(f"/v1/members/{member['id']}/history", headers=stranger)
    assert response.status_code == 404
