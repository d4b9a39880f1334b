"""A public join as a stranger holding a poster would try it: take over a person's record,
learn who is a member, spend membership numbers, join a closed union."""

import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.repository import IdentityRepository

AuthHeaders = Callable[..., dict[str, str]]
STRANGER_PHONE = "13999999999"


def cadre(auth: AuthHeaders, org_id: str) -> dict[str, str]:
    return auth(
        "cadre",
        org_scope=(org_id,),
        permissions=("manage_members", "review_joins", "manage_orgs"),
    )


async def invite(client: httpx.AsyncClient, auth: AuthHeaders, org_id: str, **body: Any) -> str:
    response = await client.post(
        f"/v1/orgs/{org_id}/invitations", json=body, headers=cadre(auth, org_id)
    )
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


async def person_in_state(
    client: httpx.AsyncClient, auth: AuthHeaders, person: Any, org_id: str, serial: int, state: str
) -> dict[str, Any]:
    """Test person `serial` in `org_id`, left in `state` by that union's own cadre."""
    headers = cadre(auth, org_id)
    if state == "rejected":
        code = await invite(client, auth, org_id)
        await client.post(f"/v1/join/{code}", json=person(serial))
        [member] = (
            await client.get(
                "/v1/members", params={"org_id": org_id, "state": "applied"}, headers=headers
            )
        ).json()["items"]
        await client.post(
            f"/v1/members/{member['id']}/reject", json={"reason": "材料不全"}, headers=headers
        )
        return member
    registered = await client.post(
        "/v1/members",
        json={
            "person": person(serial),
            "org_id": org_id,
            "state": "service_recipient" if state == "service_recipient" else "active",
        },
        headers=headers,
    )
    member: dict[str, Any] = registered.json()
    if state == "withdrawn":
        await client.post(
            f"/v1/members/{member['id']}/withdraw", json={"reason": "离职"}, headers=headers
        )
    return member


@pytest.mark.parametrize("state", ["service_recipient", "withdrawn", "rejected"])
async def test_stranger_with_a_poster_cannot_move_an_existing_person(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    tree: Any,
    person: Any,
    sms: Any,
    session: AsyncSession,
    state: str,
) -> None:
    # Defect 1: Gongshu's auto-approving poster moved a Shangcheng person into Gongshu, active.
    victim = await person_in_state(client, auth, person, tree.shangcheng_union, 41, state)
    poster = await invite(client, auth, tree.gongshu_union, auto_approve=True)

    attack = await client.post(
        f"/v1/join/{poster}", json=person(41, name="冒名者", phone=STRANGER_PHONE)
    )
    assert attack.status_code == 202, attack.text

    record = (
        await client.get(f"/v1/members/{victim['id']}", headers=cadre(auth, tree.shangcheng))
    ).json()
    assert (record["state"], record["org_id"]) == (state, tree.shangcheng_union)
    history = await client.get(
        f"/v1/members/{victim['id']}/history", headers=cadre(auth, tree.shangcheng)
    )
    assert all(e["org_id"] == tree.shangcheng_union for e in history.json()["events"])
    assert (
        await IdentityRepository(session).account_by_person(uuid.UUID(victim["person"]["id"]))
        is None
    )
    # The owner of the record is told, on the phone on record; the stranger learns nothing.
    assert "有人使用您的身份证号申请加入拱墅区外卖骑手工会" in sms.texts_to(person(41)["phone"])[-1]
    assert sms.texts_to(STRANGER_PHONE) == []
    [application] = (
        await client.get(
            f"/v1/orgs/{tree.gongshu_union}/join-applications",
            headers=cadre(auth, tree.gongshu_union),
        )
    ).json()
    assert (application["name"], application["phone_masked"]) == ("冒名者", "139****9999")
    assert state not in str(application)


async def test_a_public_join_opens_no_account(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any
) -> None:
    # Defect 1: the caller's password opened a member account on the person's record.
    poster = await invite(client, auth, tree.gongshu_union, auto_approve=True)
    with_password = await client.post(
        f"/v1/join/{poster}", json={**person(42), "password": "attacker-chosen-pw"}
    )
    assert with_password.status_code == 422
    signed_in = await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": person(42)["id_number"], "password": "x"},
    )
    assert signed_in.status_code == 400


async def test_every_public_join_answers_alike_whoever_the_id_number_belongs_to(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any
) -> None:
    # Defect 7: 409 already-member / application-pending told strangers who is a member where.
    await person_in_state(client, auth, person, tree.shangcheng_union, 43, "active")
    pending_code = await invite(client, auth, tree.shangcheng_union)
    await client.post(f"/v1/join/{pending_code}", json=person(44))
    poster = await invite(client, auth, tree.gongshu_union)

    answers = [
        await client.post(f"/v1/join/{poster}", json=person(serial, phone=STRANGER_PHONE))
        for serial in (43, 44, 45)  # active elsewhere, applied elsewhere, nobody
    ]
    assert [a.status_code for a in answers] == [202, 202, 202]
    assert answers[0].json() == answers[1].json() == answers[2].json()
    assert answers[0].headers.keys() == answers[2].headers.keys()


async def test_approving_an_application_for_a_member_held_elsewhere_asks_for_a_transfer(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any
) -> None:
    await person_in_state(client, auth, person, tree.shangcheng_union, 46, "active")
    poster = await invite(client, auth, tree.gongshu_union)
    await client.post(f"/v1/join/{poster}", json=person(46))
    gongshu = cadre(auth, tree.gongshu_union)
    [application] = (
        await client.get(f"/v1/orgs/{tree.gongshu_union}/join-applications", headers=gongshu)
    ).json()
    other_county = await client.post(
        f"/v1/join-applications/{application['id']}/approve",
        headers=cadre(auth, tree.shangcheng),
    )
    assert other_county.status_code == 404
    refused = await client.post(
        f"/v1/join-applications/{application['id']}/approve", headers=gongshu
    )
    assert refused.status_code == 409
    assert refused.json()["type"] == "urn:gonghui:problem:transfer-required"
    assert "上城" not in refused.text
    dismissed = await client.post(
        f"/v1/join-applications/{application['id']}/dismiss",
        json={"reason": "已在其他工会，请办理转会"},
        headers=gongshu,
    )
    assert dismissed.json()["state"] == "dismissed"


async def test_a_closed_unions_invitation_takes_no_join(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any
) -> None:
    poster = await invite(client, auth, tree.gongshu_union)
    read = await client.get(f"/v1/orgs/{tree.gongshu_union}", headers=cadre(auth, tree.gongshu))
    closed = await client.post(
        f"/v1/orgs/{tree.gongshu_union}/close",
        headers={**cadre(auth, tree.gongshu), "If-Match": read.headers["etag"]},
    )
    assert closed.status_code == 200, closed.text
    assert (await client.post(f"/v1/join/{poster}", json=person(47))).status_code == 410
    assert (await client.get(f"/v1/join/{poster}")).status_code == 410


async def test_a_failed_join_spends_no_membership_number(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any, sms: Any
) -> None:
    poster = await invite(client, auth, tree.gongshu_union, max_uses=1)
    assert (await client.post(f"/v1/join/{poster}", json=person(48))).status_code == 202
    assert (await client.post(f"/v1/join/{poster}", json=person(49))).status_code == 410
    registered = await client.post(
        "/v1/members",
        json={"person": person(50), "org_id": tree.gongshu_union},
        headers=cadre(auth, tree.gongshu),
    )
    first = next(t for t in sms.texts_to(person(48)["phone"]) if "会员号" in t).split("会员号 ")[1][
        :12
    ]
    assert int(registered.json()["membership_no"][2:]) == int(first[2:]) + 1


async def test_a_service_recipient_who_joins_is_joined_not_rejoined(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any
) -> None:
    served = await person_in_state(
        client, auth, person, tree.gongshu_union, 51, "service_recipient"
    )
    headers = cadre(auth, tree.gongshu)
    joined = await client.post(
        "/v1/members",
        json={"person": person(51), "org_id": tree.gongshu_union},
        headers=headers,
    )
    assert joined.status_code == 201, joined.text
    history = (await client.get(f"/v1/members/{served['id']}/history", headers=headers)).json()
    assert [e["kind"] for e in history["events"]] == ["enrolled", "joined"]


async def test_public_answers_take_the_same_minimum_time_for_anyone(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any, app: FastAPI
) -> None:
    # The work done for a new person (enrolment, a code) must not be timed apart from the
    # work done for a person on record.
    app.state.settings = app.state.settings.model_copy(update={"public_answer_min_seconds": 0.3})
    await person_in_state(client, auth, person, tree.shangcheng_union, 52, "active")
    poster = await invite(client, auth, tree.gongshu_union)
    calls = [
        ("post", f"/v1/join/{poster}", person(52)),
        ("post", f"/v1/join/{poster}", person(53)),
        (
            "post",
            "/v1/auth/activation-codes",
            {"id_number": person(52)["id_number"], "phone": person(52)["phone"]},
        ),
        (
            "post",
            "/v1/auth/activation-codes",
            {"id_number": person(54)["id_number"], "phone": person(54)["phone"]},
        ),
    ]
    for _, url, body in calls:
        started = time.monotonic()
        response = await client.post(url, json=body)
        assert response.status_code == 202
        assert time.monotonic() - started >= 0.3
    for serial in (52, 54):  # a wrong code, for a member and for nobody
        started = time.monotonic()
        refused = await client.post(
            "/v1/auth/password",
            json={
                "id_number": person(serial)["id_number"],
                "code": "000000",
                "password": "not-going-to-work",
            },
        )
        assert refused.status_code == 400
        assert time.monotonic() - started >= 0.3
