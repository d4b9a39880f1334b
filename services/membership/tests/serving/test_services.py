"""Serve first, then join (先服务后入会): the services a worker received are recorded for
the organisation that gave them, listed for whoever sees the person, and counted in the
statistics of that organisation's sub-tree."""

import uuid
from typing import Any

import httpx


def recorder(auth: Any, org_id: str) -> dict[str, str]:
    return auth("cadre", org_scope=(org_id,), permissions=("manage_members",))


def service(org_id: str, kind: str = "gift", **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "org_id": org_id, "served_on": "2026-11-20", **extra}


async def recipient(client: httpx.AsyncClient, auth: Any, org_id: str, body: Any) -> Any:
    response = await client.post(
        "/v1/members",
        json={"person": body, "org_id": org_id, "state": "service_recipient"},
        headers=recorder(auth, org_id),
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_services_are_recorded_listed_and_counted(
    client: httpx.AsyncClient, auth: Any, tree: Any, person: Any, member_auth: Any
) -> None:
    rider = await recipient(client, auth, tree.gongshu_union, person(80))
    assert rider["state"] == "service_recipient"
    url = f"/v1/people/{rider['person']['id']}/services"
    county = recorder(auth, tree.gongshu)
    for kind, org_id in (("legal_aid", tree.gongshu), ("gift", tree.gongshu_union)):
        created = await client.post(
            url, json=service(org_id, kind, note="欠薪维权"), headers=county
        )
        assert created.status_code == 201, created.text
        assert created.json()["kind"] == kind
    listed = await client.get(url, headers=county)
    assert sorted(s["kind"] for s in listed.json()) == ["gift", "legal_aid"]
    own = await client.get(url, headers=member_auth(rider))
    assert len(own.json()) == 2

    admin = auth("admin")
    stats = {
        org: (await client.get(f"/v1/orgs/{org}/stats", headers=admin)).json()["services"]
        for org in (tree.gongshu_union, tree.gongshu, tree.city, tree.shangcheng)
    }
    assert stats == {tree.gongshu_union: 1, tree.gongshu: 2, tree.city: 2, tree.shangcheng: 0}


async def test_other_county_neither_sees_nor_records(
    client: httpx.AsyncClient, auth: Any, tree: Any, person: Any, member_auth: Any
) -> None:
    rider = await recipient(client, auth, tree.gongshu_union, person(81))
    url = f"/v1/people/{rider['person']['id']}/services"
    other = recorder(auth, tree.shangcheng)
    assert (await client.get(url, headers=other)).status_code == 404
    # Neither for the person, nor naming its own organisation as the giver.
    recorded = await client.post(url, json=service(tree.shangcheng), headers=other)
    assert recorded.status_code == 404
    # A cadre of the person's county cannot book it on another county's organisation.
    county = recorder(auth, tree.gongshu)
    assert (
        await client.post(url, json=service(tree.shangcheng), headers=county)
    ).status_code == 404
    # Another person, and nobody at all, alike.
    someone = await recipient(client, auth, tree.gongshu_union, person(82))
    assert (await client.get(url, headers=member_auth(someone))).status_code == 404
    unknown = f"/v1/people/{uuid.uuid4()}/services"
    assert (await client.get(unknown, headers=county)).status_code == 404
    stats = await client.get(f"/v1/orgs/{tree.shangcheng}/stats", headers=auth("admin"))
    assert stats.json()["services"] == 0


async def test_recording_needs_manage_members(
    client: httpx.AsyncClient, auth: Any, tree: Any, person: Any, member_auth: Any
) -> None:
    rider = await recipient(client, auth, tree.gongshu_union, person(83))
    url = f"/v1/people/{rider['person']['id']}/services"
    reviewer = auth("cadre", org_scope=(tree.gongshu,), permissions=("review_joins",))
    assert (await client.post(url, json=service(tree.gongshu), headers=reviewer)).status_code == 403
    own = await client.post(url, json=service(tree.gongshu), headers=member_auth(rider))
    assert own.status_code == 403
    bad_kind = await client.post(
        url, json=service(tree.gongshu, "cash"), headers=recorder(auth, tree.gongshu)
    )
    assert bad_kind.status_code == 422
