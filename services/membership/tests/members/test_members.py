"""Registration at a service point, personal data at rest and in responses, lookups, scope."""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from membership.people.generate import valid_id_number as id_number

AuthHeaders = Callable[..., dict[str, str]]


def cadre(auth: AuthHeaders, org_id: str, *permissions: str) -> dict[str, str]:
    return auth(
        "cadre", org_scope=(org_id,), permissions=permissions or ("manage_members", "review_joins")
    )


Register = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def register(client: httpx.AsyncClient, person: Any) -> Register:
    async def post(
        headers: dict[str, str], org_id: str, serial: int, **extra: Any
    ) -> httpx.Response:
        return await client.post(
            "/v1/members",
            json={"person": person(serial, **extra), "org_id": org_id},
            headers=headers,
        )

    return post


async def test_registration_masks_personal_data_and_issues_a_card(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register
) -> None:
    response = await register(cadre(auth, tree.shangcheng), tree.shangcheng_union, 7)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["state"] == "active"
    assert body["membership_no"].startswith("GH")
    assert len(body["card_no"]) == 16
    assert body["person"]["id_number_masked"] == id_number(7)[:6] + "********" + id_number(7)[-4:]
    assert body["person"]["phone_masked"] == "138****0007"
    assert id_number(7) not in response.text
    assert "13800000007" not in response.text


async def test_personal_data_is_ciphertext_at_rest(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    tree: Any,
    session: AsyncSession,
    register: Register,
) -> None:
    await register(cadre(auth, tree.shangcheng), tree.shangcheng_union, 8)
    row = (await session.execute(text("SELECT * FROM membership.person"))).mappings().one()
    stored = " ".join(str(v) for v in row.values())
    assert id_number(8) not in stored
    assert id_number(8).encode() not in bytes(row["id_number_enc"])
    assert b"13800000008" not in bytes(row["phone_enc"])


async def test_registering_twice_changes_nothing(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register
) -> None:
    headers = cadre(auth, tree.shangcheng)
    first = await register(headers, tree.shangcheng_union, 9)
    again = await register(headers, tree.shangcheng_union, 9, name="别名")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["person"]["name"] == "骑手9"


async def test_registering_a_person_held_in_another_county_names_neither_union_nor_state(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register, person: Any
) -> None:
    # Defect 7: an active member and a pending applicant of Shangcheng answered 409
    # already-member and 409 application-pending to a Gongshu cadre, telling them apart.
    await register(cadre(auth, tree.shangcheng), tree.shangcheng_union, 10)
    code = (
        await client.post(
            f"/v1/orgs/{tree.shangcheng_union}/invitations",
            json={},
            headers=cadre(auth, tree.shangcheng),
        )
    ).json()["code"]
    assert (await client.post(f"/v1/join/{code}", json=person(19))).status_code == 202

    answers = [
        await register(cadre(auth, tree.gongshu), tree.gongshu_union, serial) for serial in (10, 19)
    ]
    for answer in answers:
        assert answer.status_code == 409
        body = answer.json()
        assert body["type"] == "urn:gonghui:problem:transfer-required"
        assert "上城" not in answer.text
        assert "pending" not in answer.text
    assert {a.json()["detail"] for a in answers} == {answers[0].json()["detail"]}


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("33010219900307123", "18 characters"),
        ("33010219901307123X", "birth date"),
        (id_number(11)[:17] + ("1" if id_number(11)[17] == "0" else "0"), "check digit"),
    ],
)
async def test_invalid_id_numbers_are_422_with_a_reason(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, bad: str, reason: str, person: Any
) -> None:
    response = await client.post(
        "/v1/members",
        json={"person": person(11, id_number=bad), "org_id": tree.shangcheng_union},
        headers=cadre(auth, tree.shangcheng),
    )
    assert response.status_code == 422
    assert reason in response.json()["detail"]
    assert response.json()["errors"][0]["loc"] == ["body", "person", "id_number"]


async def test_lookup_by_id_number_within_scope_only(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register
) -> None:
    created = await register(cadre(auth, tree.shangcheng), tree.shangcheng_union, 12)
    found = await client.post(
        "/v1/members/lookup",
        json={"id_number": id_number(12).lower()},
        headers=cadre(auth, tree.city),
    )
    assert found.status_code == 200
    assert found.json()["id"] == created.json()["id"]
    other = await client.post(
        "/v1/members/lookup", json={"id_number": id_number(12)}, headers=cadre(auth, tree.gongshu)
    )
    assert other.status_code == 404


async def test_lookup_by_members_themselves_and_services(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, enrol: Any, member_auth: Any
) -> None:
    member = await enrol(tree.shangcheng_union, 14)
    other = await enrol(tree.shangcheng_union, 15)

    async def lookup(serial: int, headers: dict[str, str]) -> httpx.Response:
        return await client.post(
            "/v1/members/lookup", json={"id_number": id_number(serial)}, headers=headers
        )

    own = await lookup(14, member_auth(member))
    assert own.status_code == 200
    assert own.json()["membership_no"] == member["membership_no"]
    assert id_number(14) not in own.text
    assert (await lookup(15, member_auth(member))).status_code == 404
    by_service = await lookup(15, auth("service"))
    assert by_service.status_code == 200
    assert by_service.json()["id"] == other["id"]
    assert (await lookup(16, auth("service"))).status_code == 404
    malformed = await client.post(
        "/v1/members/lookup", json={"id_number": "12345"}, headers=auth("service")
    )
    assert malformed.status_code == 422


async def test_cadre_of_other_county_gets_404_on_every_member_route(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register
) -> None:
    member_id = (await register(cadre(auth, tree.shangcheng), tree.shangcheng_union, 13)).json()[
        "id"
    ]
    other = cadre(auth, tree.gongshu)
    assert (await client.get(f"/v1/members/{member_id}", headers=other)).status_code == 404
    assert (await client.get(f"/v1/members/{member_id}/history", headers=other)).status_code == 404
    for action in ("approve", "reject", "suspend", "reinstate", "withdraw"):
        response = await client.post(
            f"/v1/members/{member_id}/{action}", json={"reason": "test reason"}, headers=other
        )
        assert response.status_code == 404, action
    listing = await client.get("/v1/members", params={"org_id": tree.shangcheng}, headers=other)
    assert listing.status_code == 404
    registration = await register(other, tree.shangcheng_union, 14)
    assert registration.status_code == 404


async def test_suspend_reinstate_withdraw_keep_history(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register
) -> None:
    headers = cadre(auth, tree.shangcheng)
    member_id = (await register(headers, tree.shangcheng_union, 15)).json()["id"]
    for action, state in (
        ("suspend", "suspended"),
        ("reinstate", "active"),
        ("withdraw", "withdrawn"),
    ):
        response = await client.post(
            f"/v1/members/{member_id}/{action}",
            json={"reason": f"{action} for the test"},
            headers=headers,
        )
        assert response.status_code == 200, response.text
        assert response.json()["state"] == state
    again = await client.post(
        f"/v1/members/{member_id}/suspend", json={"reason": "no"}, headers=headers
    )
    assert again.status_code == 409

    history = (await client.get(f"/v1/members/{member_id}/history", headers=headers)).json()
    assert [e["kind"] for e in history["events"]] == [
        "enrolled",
        "suspended",
        "reinstated",
        "withdrawn",
    ]
    assert len(history["affiliations"]) == 1
    assert history["affiliations"][0]["ended_at"] is not None


async def test_member_list_pages_through_a_subtree(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register
) -> None:
    await register(cadre(auth, tree.shangcheng), tree.shangcheng_union, 16)
    await register(cadre(auth, tree.gongshu), tree.gongshu_union, 17)
    await register(cadre(auth, tree.gongshu), tree.gongshu_union, 18)
    city = cadre(auth, tree.city)
    first = (
        await client.get("/v1/members", params={"org_id": tree.city, "limit": 2}, headers=city)
    ).json()
    assert len(first["items"]) == 2
    rest = (
        await client.get(
            "/v1/members",
            params={"org_id": tree.city, "limit": 2, "cursor": first["next_cursor"]},
            headers=city,
        )
    ).json()
    assert len(rest["items"]) == 1
    assert rest["next_cursor"] is None
    gongshu_only = await client.get("/v1/members", params={"org_id": tree.gongshu}, headers=city)
    assert len(gongshu_only.json()["items"]) == 2


async def test_batch_lookup_by_membership_number_for_services(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register
) -> None:
    first = (await register(cadre(auth, tree.shangcheng), tree.shangcheng_union, 71)).json()
    second = (await register(cadre(auth, tree.gongshu), tree.gongshu_union, 72)).json()
    numbers = [first["membership_no"], second["membership_no"].lower(), "GH9999999999"]
    response = await client.post(
        "/v1/members/batch-lookup", json={"membership_nos": numbers}, headers=auth("service")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert {m["membership_no"] for m in body["found"]} == {
        first["membership_no"],
        second["membership_no"],
    }
    assert body["missing"] == ["GH9999999999"]
    summary = next(m for m in body["found"] if m["id"] == first["id"])
    assert summary["org_path"].endswith(tree.shangcheng_union.replace("-", ""))
    scoped = await client.post(
        "/v1/members/batch-lookup",
        json={"membership_nos": numbers},
        headers=cadre(auth, tree.gongshu),
    )
    assert [m["id"] for m in scoped.json()["found"]] == [second["id"]]
