"""Honours on a member's record: granted by cadres or the competition service, idempotent."""

from typing import Any

import httpx


def medal(member: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "membership_no": member["membership_no"],
        "kind": "may_day_labour_medal",
        "level": "provincial",
        "title": "浙江省五一劳动奖章",
        "awarded_on": "2026-04-28",
        **extra,
    }


async def test_competition_service_grants_once_per_award(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any, member_auth: Any
) -> None:
    member = await enrol(tree.gongshu_union, 51)
    service = auth("service", subject="client:competition")
    body = medal(member, source_ref="competition:award:42")
    first = await client.post("/v1/honours", json=body, headers=service)
    replay = await client.post("/v1/honours", json=body, headers=service)
    assert (first.status_code, replay.status_code) == (201, 200)
    assert replay.json()["id"] == first.json()["id"]

    mine = (await client.get("/v1/me/honours", headers=member_auth(member))).json()
    assert [h["title"] for h in mine] == ["浙江省五一劳动奖章"]


async def test_source_ref_cannot_be_reused_for_someone_else(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    first, second = await enrol(tree.gongshu_union, 52), await enrol(tree.gongshu_union, 53)
    service = auth("service")
    await client.post("/v1/honours", json=medal(first, source_ref="award:7"), headers=service)
    clash = await client.post(
        "/v1/honours", json=medal(second, source_ref="award:7"), headers=service
    )
    assert clash.status_code == 409


async def test_cadre_grants_in_own_subtree_only(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    member = await enrol(tree.gongshu_union, 54)
    own = auth("cadre", org_scope=(tree.gongshu,), permissions=("grant_honours",))
    other = auth("cadre", org_scope=(tree.shangcheng,), permissions=("grant_honours",))
    no_permission = auth("cadre", org_scope=(tree.gongshu,), permissions=("manage_members",))
    body = medal(member, kind="technical_expert", level="city", title="杭州市技术能手")
    assert (await client.post("/v1/honours", json=body, headers=other)).status_code == 404
    assert (await client.post("/v1/honours", json=body, headers=no_permission)).status_code == 403
    assert (await client.post("/v1/honours", json=body, headers=own)).status_code == 201
    assert (
        await client.get(f"/v1/members/{member['id']}/honours", headers=other)
    ).status_code == 404
    listed = await client.get(f"/v1/members/{member['id']}/honours", headers=own)
    assert [h["kind"] for h in listed.json()] == ["technical_expert"]


async def test_recipient_must_be_named_once(client: httpx.AsyncClient, auth: Any) -> None:
    body = {"kind": "craftsman", "level": "city", "title": "杭州工匠", "awarded_on": "2026-05-01"}
    response = await client.post("/v1/honours", json=body, headers=auth("service"))
    assert response.status_code == 422
