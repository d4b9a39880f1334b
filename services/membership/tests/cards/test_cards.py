"""E-member cards: a short-lived token, checked at a service-centre counter."""

from typing import Any

import httpx


async def test_card_token_verifies_with_masked_details_only(
    client: httpx.AsyncClient, tree: Any, enrol: Any, member_auth: Any
) -> None:
    member = await enrol(tree.gongshu_union, 41, name="王小明")
    card = await client.post("/v1/me/card-token", headers=member_auth(member))
    assert card.status_code == 200
    assert card.json()["card_no"] == member["card_no"]

    check = await client.post("/v1/cards/verify", json={"token": card.json()["token"]})
    body = check.json()
    assert body["valid"] is True
    assert body["name_masked"] == "王**"
    assert body["org_name"] == "拱墅区外卖骑手工会"
    assert body["card_no_masked"].endswith(member["card_no"][-4:])
    assert member["card_no"] not in check.text
    assert "id_number" not in check.text


async def test_suspended_member_card_is_not_valid(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any, member_auth: Any
) -> None:
    member = await enrol(tree.gongshu_union, 42)
    token = (await client.post("/v1/me/card-token", headers=member_auth(member))).json()["token"]
    cadre = auth("cadre", org_scope=(tree.gongshu,), permissions=("manage_members",))
    await client.post(
        f"/v1/members/{member['id']}/suspend", json={"reason": "欠缴会费"}, headers=cadre
    )
    body = (await client.post("/v1/cards/verify", json={"token": token})).json()
    assert body["valid"] is False
    assert body["reason"] == "membership_suspended"
    assert (await client.post("/v1/me/card-token", headers=member_auth(member))).status_code == 409


async def test_forged_and_access_tokens_are_not_cards(client: httpx.AsyncClient, auth: Any) -> None:
    access_token = auth("member")["Authorization"].removeprefix("Bearer ")
    for token in (access_token, "x" * 40):
        body = (await client.post("/v1/cards/verify", json={"token": token})).json()
        assert body == {**body, "valid": False, "reason": "not_a_card", "name_masked": None}
