"""Joining by QR code without an account, the approval queue, invitation limits."""

from collections.abc import Callable
from typing import Any

import httpx

AuthHeaders = Callable[..., dict[str, str]]


def cadre(auth: AuthHeaders, org_id: str) -> dict[str, str]:
    return auth("cadre", org_scope=(org_id,), permissions=("manage_members", "review_joins"))


async def invite(
    client: httpx.AsyncClient, headers: dict[str, str], org_id: str, **body: Any
) -> dict[str, Any]:
    response = await client.post(f"/v1/orgs/{org_id}/invitations", json=body, headers=headers)
    assert response.status_code == 201, response.text
    invitation: dict[str, Any] = response.json()
    return invitation


async def test_worker_joins_by_qr_and_cadre_of_an_ancestor_approves(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any, sms: Any
) -> None:
    invitation = await invite(client, cadre(auth, tree.shangcheng), tree.shangcheng_union)
    assert invitation["join_url"].endswith(f"/v1/join/{invitation['code']}")

    info = await client.get(f"/v1/join/{invitation['code']}")
    assert info.json()["org_name"] == "上城区快递行业工会"
    joined = await client.post(f"/v1/join/{invitation['code']}", json=person(21, "courier"))
    assert joined.status_code == 202, joined.text
    assert joined.json()["org_name"] == "上城区快递行业工会"
    [text] = sms.texts_to(person(21)["phone"])
    assert "您已申请加入上城区快递行业工会" in text

    city = cadre(auth, tree.city)
    queue = (
        await client.get(
            "/v1/members", params={"org_id": tree.city, "state": "applied"}, headers=city
        )
    ).json()
    [member] = queue["items"]
    assert member["membership_no"] in text
    assert member["channel"] == "qr_code"
    member_id = member["id"]
    assert (
        await client.post(f"/v1/members/{member_id}/approve", headers=cadre(auth, tree.gongshu))
    ).status_code == 404
    approved = await client.post(f"/v1/members/{member_id}/approve", headers=city)
    assert approved.status_code == 200
    assert approved.json()["state"] == "active"
    assert approved.json()["card_no"]


async def test_rejected_worker_applying_again_is_reviewed_before_coming_back(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any
) -> None:
    headers = cadre(auth, tree.shangcheng)
    code = (await invite(client, headers, tree.shangcheng_union))["code"]
    await client.post(f"/v1/join/{code}", json=person(22))
    queue = (
        await client.get(
            "/v1/members", params={"org_id": tree.shangcheng, "state": "applied"}, headers=headers
        )
    ).json()
    member_id = queue["items"][0]["id"]
    assert (
        await client.post(f"/v1/members/{member_id}/reject", json={}, headers=headers)
    ).status_code == 422
    rejected = await client.post(
        f"/v1/members/{member_id}/reject", json={"reason": "不在本区工作"}, headers=headers
    )
    assert rejected.json()["state"] == "rejected"
    again = await client.post(f"/v1/join/{code}", json=person(22))
    assert again.status_code == 202
    member = (await client.get(f"/v1/members/{member_id}", headers=headers)).json()
    assert member["state"] == "rejected"

    [application] = (
        await client.get(f"/v1/orgs/{tree.shangcheng_union}/join-applications", headers=headers)
    ).json()
    assert application["name"] == "骑手22"
    approved = await client.post(
        f"/v1/join-applications/{application['id']}/approve", headers=headers
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "approved"
    history = (await client.get(f"/v1/members/{member_id}/history", headers=headers)).json()
    assert [e["kind"] for e in history["events"]] == ["enrolled", "rejected", "rejoined"]
    assert history["events"][1]["reason"] == "不在本区工作"
    assert history["events"][2]["to_state"] == "active"


async def test_auto_approve_invitation_makes_an_active_member(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any, sms: Any
) -> None:
    headers = cadre(auth, tree.gongshu)
    code = (await invite(client, headers, tree.gongshu_union, auto_approve=True))["code"]
    joined = await client.post(f"/v1/join/{code}", json=person(23))
    assert joined.status_code == 202
    listed = await client.get("/v1/members", params={"org_id": tree.gongshu}, headers=headers)
    assert [m["state"] for m in listed.json()["items"]] == ["active"]
    assert "您已加入拱墅区外卖骑手工会" in sms.texts_to(person(23)["phone"])[0]


async def test_scanning_again_answers_alike_and_enrols_once(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any
) -> None:
    headers = cadre(auth, tree.gongshu)
    invitation = await invite(client, headers, tree.gongshu_union, max_uses=2)
    first = await client.post(f"/v1/join/{invitation['code']}", json=person(24))
    again = await client.post(f"/v1/join/{invitation['code']}", json=person(24))
    assert (first.status_code, again.status_code) == (202, 202)
    assert first.json() == again.json()
    used_up = await client.post(f"/v1/join/{invitation['code']}", json=person(25))
    assert used_up.status_code == 410
    read = await client.get(f"/v1/invitations/{invitation['id']}", headers=headers)
    assert read.json()["use_count"] == 2
    listed = await client.get("/v1/members", params={"org_id": tree.gongshu}, headers=headers)
    assert len(listed.json()["items"]) == 1


async def test_revoked_and_unknown_invitations(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any
) -> None:
    headers = cadre(auth, tree.gongshu)
    invitation = await invite(client, headers, tree.gongshu_union)
    assert (
        await client.post(f"/v1/invitations/{invitation['id']}/revoke", headers=headers)
    ).status_code == 200
    revoked = await client.post(f"/v1/join/{invitation['code']}", json=person(26))
    assert revoked.status_code == 410
    assert revoked.json()["type"] == "urn:gonghui:problem:invitation-closed"
    assert (await client.get("/v1/join/not-a-real-code")).status_code == 404


async def test_invalid_join_form_is_422_and_stores_nothing(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any
) -> None:
    headers = cadre(auth, tree.gongshu)
    invitation = await invite(client, headers, tree.gongshu_union)
    bad = await client.post(f"/v1/join/{invitation['code']}", json=person(27, phone="12345"))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["body", "phone"]
    queue = await client.get("/v1/members", params={"org_id": tree.gongshu}, headers=headers)
    assert queue.json()["items"] == []


async def test_qr_codes_render_and_are_scoped(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    invitation = await invite(client, cadre(auth, tree.gongshu), tree.gongshu_union)
    png = await client.get(
        f"/v1/invitations/{invitation['id']}/qr.png", headers=cadre(auth, tree.gongshu)
    )
    assert png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    svg = await client.get(
        f"/v1/invitations/{invitation['id']}/qr.svg", headers=cadre(auth, tree.gongshu)
    )
    assert svg.text.lstrip().startswith("<svg")
    for suffix in ("", "/qr.png", "/qr.svg", "/revoke"):
        method = client.post if suffix == "/revoke" else client.get
        response = await method(
            f"/v1/invitations/{invitation['id']}{suffix}", headers=cadre(auth, tree.shangcheng)
        )
        assert response.status_code == 404, suffix
    other_org = await client.post(
        f"/v1/orgs/{tree.gongshu_union}/invitations", json={}, headers=cadre(auth, tree.shangcheng)
    )
    assert other_org.status_code == 404
