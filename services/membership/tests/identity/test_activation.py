"""Every member can sign in, and only they can: a one-time code sent to the phone on record
opens the account or resets the password; members sign in with any of their numbers."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.models import OneTimeCode

AuthHeaders = Callable[..., dict[str, str]]
NEW_PASSWORD = "my-own-long-password"


async def request_code(client: httpx.AsyncClient, id_number: str, phone: str) -> httpx.Response:
    return await client.post(
        "/v1/auth/activation-codes", json={"id_number": id_number, "phone": phone}
    )


async def set_password(
    client: httpx.AsyncClient, id_number: str, code: str, password: str = NEW_PASSWORD
) -> httpx.Response:
    return await client.post(
        "/v1/auth/password", json={"id_number": id_number, "code": code, "password": password}
    )


async def token(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    return await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
    )


async def test_member_registered_by_a_cadre_activates_and_signs_in_with_any_number(
    client: httpx.AsyncClient, tree: Any, enrol: Any, person: Any, sms: Any
) -> None:
    # Defect 2: a member registered at a service point had no way ever to get a login.
    member = await enrol(tree.shangcheng_union, 61)
    form = person(61)
    requested = await request_code(client, form["id_number"], form["phone"])
    assert requested.status_code == 202, requested.text
    done = await set_password(client, form["id_number"], sms.code_for(form["phone"]))
    assert done.status_code == 200, done.text
    assert done.json()["username"] == member["membership_no"].lower()

    for login in (member["membership_no"], form["id_number"].lower(), form["phone"]):
        signed_in = await token(client, login, NEW_PASSWORD)
        assert signed_in.status_code == 200, (login, signed_in.text)
    me = await client.get(
        "/v1/me", headers={"Authorization": f"Bearer {signed_in.json()['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["id"] == member["id"]


async def test_a_new_member_activates_with_the_code_from_the_join_sms(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, person: Any, sms: Any
) -> None:
    headers = auth("cadre", org_scope=(tree.gongshu,), permissions=("manage_members",))
    code = (
        await client.post(f"/v1/orgs/{tree.gongshu_union}/invitations", json={}, headers=headers)
    ).json()["code"]
    form = person(62)
    assert (await client.post(f"/v1/join/{code}", json=form)).status_code == 202
    done = await set_password(client, form["id_number"], sms.code_for(form["phone"]))
    assert done.status_code == 200, done.text
    assert (await token(client, form["phone"], NEW_PASSWORD)).status_code == 200


async def test_wrong_phone_or_unknown_person_answers_alike_and_sends_nothing(
    client: httpx.AsyncClient, tree: Any, enrol: Any, person: Any, sms: Any
) -> None:
    await enrol(tree.shangcheng_union, 63)
    form = person(63)
    answers = [
        await request_code(client, form["id_number"], "13999999999"),  # not the phone on record
        await request_code(client, person(64)["id_number"], person(64)["phone"]),  # nobody
        await request_code(client, form["id_number"], form["phone"]),
    ]
    assert [a.status_code for a in answers] == [202, 202, 202]
    assert answers[0].json() == answers[1].json() == answers[2].json()
    assert sms.texts_to("13999999999") == []
    assert sms.texts_to(person(64)["phone"]) == []
    assert len(sms.texts_to(form["phone"])) == 1
    # Nobody's code opens an account for a number not on the register.
    refused = await set_password(client, person(64)["id_number"], "123456")
    assert refused.status_code == 400
    assert refused.json()["type"] == "urn:gonghui:problem:invalid-code"


async def test_codes_are_single_use_stored_hashed_and_expire(
    client: httpx.AsyncClient, tree: Any, enrol: Any, person: Any, sms: Any, session: AsyncSession
) -> None:
    await enrol(tree.shangcheng_union, 65)
    form = person(65)
    await request_code(client, form["id_number"], form["phone"])
    code = sms.code_for(form["phone"])
    stored = (await session.scalars(select(OneTimeCode))).one()
    assert code.encode() not in stored.code_hash
    assert len(stored.code_hash) == 32
    assert (await set_password(client, form["id_number"], code)).status_code == 200
    replay = await set_password(client, form["id_number"], code, "an-attackers-password")
    assert replay.status_code == 400
    assert (await token(client, form["phone"], "an-attackers-password")).status_code == 400

    await request_code(client, form["id_number"], form["phone"])
    late = sms.code_for(form["phone"])
    await session.execute(
        update(OneTimeCode).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    await session.commit()
    assert (await set_password(client, form["id_number"], late)).status_code == 400


async def test_a_forgotten_password_is_reset_through_the_same_path(
    client: httpx.AsyncClient, tree: Any, enrol: Any, person: Any, sms: Any
) -> None:
    member = await enrol(tree.shangcheng_union, 66)
    form = person(66)
    for password in (NEW_PASSWORD, "a-second-new-password"):
        await request_code(client, form["id_number"], form["phone"])
        done = await set_password(client, form["id_number"], sms.code_for(form["phone"]), password)
        assert done.json()["username"] == member["membership_no"].lower()
    assert (await token(client, form["id_number"], NEW_PASSWORD)).status_code == 400
    assert (await token(client, form["id_number"], "a-second-new-password")).status_code == 200


async def test_only_the_newest_code_counts_and_wrong_guesses_burn_it(
    client: httpx.AsyncClient, tree: Any, enrol: Any, person: Any, sms: Any
) -> None:
    await enrol(tree.shangcheng_union, 67)
    form = person(67)
    await request_code(client, form["id_number"], form["phone"])
    older = sms.code_for(form["phone"])
    await request_code(client, form["id_number"], form["phone"])
    newer = sms.code_for(form["phone"])
    if older != newer:
        assert (await set_password(client, form["id_number"], older)).status_code == 400
    wrong = "000000" if newer != "000000" else "111111"
    for _ in range(4):
        assert (await set_password(client, form["id_number"], wrong)).status_code == 400
    burned = await set_password(client, form["id_number"], newer)
    assert burned.status_code in (400, 429)


async def test_code_requests_are_limited_per_person_known_or_not(
    client: httpx.AsyncClient, tree: Any, enrol: Any, person: Any, sms: Any
) -> None:
    await enrol(tree.shangcheng_union, 68)
    for serial in (68, 69):  # on the register, and not
        form = person(serial)
        answers = [
            (await request_code(client, form["id_number"], form["phone"])).status_code
            for _ in range(6)
        ]
        assert answers == [202] * 5 + [429]
    assert len(sms.texts_to(person(68)["phone"])) == 5


async def test_wrong_codes_lock_the_person_and_the_address(
    client: httpx.AsyncClient, tree: Any, enrol: Any, person: Any, sms: Any
) -> None:
    await enrol(tree.shangcheng_union, 70)
    form = person(70)
    await request_code(client, form["id_number"], form["phone"])
    code = sms.code_for(form["phone"])
    wrong = "000000" if code != "000000" else "111111"
    answers = [(await set_password(client, form["id_number"], wrong)).status_code for _ in range(5)]
    assert answers == [400] * 5
    locked = await set_password(client, form["id_number"], code)
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0
    # The same address guessing at another person's code is locked too.
    other = await set_password(client, person(71)["id_number"], "123456")
    assert other.status_code == 429


async def test_the_owner_locked_out_by_a_stranger_gets_back_in_with_a_code(
    client: httpx.AsyncClient, tree: Any, enrol: Any, person: Any, sms: Any, app: Any
) -> None:
    member = await enrol(tree.shangcheng_union, 72)
    form = person(72)
    await request_code(client, form["id_number"], form["phone"])
    await set_password(client, form["id_number"], sms.code_for(form["phone"]))
    transport = httpx.ASGITransport(app=app, client=("198.51.100.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as stranger:
        for n in range(5):
            await token(stranger, member["membership_no"], f"guess-{n}")
    assert (await token(client, form["phone"], NEW_PASSWORD)).status_code == 429
    await request_code(client, form["id_number"], form["phone"])
    await set_password(client, form["id_number"], sms.code_for(form["phone"]), "a-fresh-password-2")
    assert (await token(client, form["phone"], "a-fresh-password-2")).status_code == 200
