"""The phone on record is where sign-in codes go: only a cadre of the member's union sets it,
the change is in the member's history and the old number is told."""

from collections.abc import Callable
from typing import Any

import httpx

AuthHeaders = Callable[..., dict[str, str]]


def cadre(auth: AuthHeaders, org_id: str) -> dict[str, str]:
    return auth("cadre", org_scope=(org_id,), permissions=("manage_members",))


async def test_a_member_imported_without_a_phone_can_activate_once_a_cadre_sets_it(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any, sms: Any
) -> None:
    member = (
        await client.post(
            "/v1/members",
            json={"person": person(81, phone=None), "org_id": tree.shangcheng_union},
            headers=cadre(auth, tree.shangcheng),
        )
    ).json()
    set_phone = await client.put(
        f"/v1/members/{member['id']}/phone",
        json={"phone": "13700000081"},
        headers=cadre(auth, tree.shangcheng),
    )
    assert set_phone.status_code == 200, set_phone.text
    assert set_phone.json()["person"]["phone_masked"] == "137****0081"
    await client.post(
        "/v1/auth/activation-codes",
        json={"id_number": person(81)["id_number"], "phone": "13700000081"},
    )
    done = await client.post(
        "/v1/auth/password",
        json={
            "id_number": person(81)["id_number"],
            "code": sms.code_for("13700000081"),
            "password": "my-own-long-password",
        },
    )
    assert done.status_code == 200, done.text


async def test_only_the_members_own_union_changes_the_phone_and_the_old_number_is_told(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    tree: Any,
    enrol: Any,
    member_auth: Any,
    person: Any,
    sms: Any,
) -> None:
    member = await enrol(tree.shangcheng_union, 82)
    await client.post(
        "/v1/auth/activation-codes",
        json={"id_number": person(82)["id_number"], "phone": person(82)["phone"]},
    )
    sent_to_old = sms.code_for(person(82)["phone"])
    url = f"/v1/members/{member['id']}/phone"
    for intruder in (cadre(auth, tree.gongshu), member_auth(member), auth("enterprise")):
        response = await client.put(url, json={"phone": "13999999999"}, headers=intruder)
        assert response.status_code == 404
    changed = await client.put(
        url, json={"phone": "13700000082"}, headers=cadre(auth, tree.shangcheng)
    )
    assert changed.status_code == 200
    assert "已变更为 137****0082" in sms.texts_to(person(82)["phone"])[-1]
    stale = await client.post(
        "/v1/auth/password",
        json={
            "id_number": person(82)["id_number"],
            "code": sent_to_old,
            "password": "my-own-long-password",
        },
    )
    assert stale.status_code == 400
    history = (
        await client.get(f"/v1/members/{member['id']}/history", headers=cadre(auth, tree.city))
    ).json()
    assert history["events"][-1]["kind"] == "phone_changed"
    assert "13700000082" not in str(history)
