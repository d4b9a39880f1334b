"""Re-affiliation to another federation: both sides must be yours, history is only appended."""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

AuthHeaders = Callable[..., dict[str, str]]
Register = Callable[..., Awaitable[dict[str, Any]]]


async def test_reaffiliation_closes_the_old_row_and_opens_a_new_one(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    tree: Any,
    cadre: Any,
    register: Register,
    make_uscc: Any,
) -> None:
    enterprise = await register(make_uscc(200))
    url = f"/v1/enterprises/{enterprise['id']}"
    city_cadre = cadre(tree.city)
    subject_headers = auth(
        "cadre", org_scope=(tree.city,), permissions=("manage_enterprises",), subject="cadre-zhao"
    )

    moved = await client.post(
        f"{url}/affiliation",
        json={"org_id": tree.gongshu},
        headers={**subject_headers, "If-Match": 'W/"1"'},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["affiliated_org_id"] == tree.gongshu
    assert moved.headers["etag"] == 'W/"2"'

    history = (await client.get(f"{url}/affiliations", headers=city_cadre)).json()
    assert [row["org_id"] for row in history] == [tree.shangcheng, tree.gongshu]
    first, current = history
    assert first["ended_at"] == current["started_at"]
    assert current["ended_at"] is None
    assert current["changed_by"] == "cadre-zhao"

    # The old county lost sight of it, the new one gained it.
    assert (await client.get(url, headers=cadre(tree.shangcheng))).status_code == 404
    assert (await client.get(url, headers=cadre(tree.gongshu))).status_code == 200


async def test_first_affiliation_is_written_on_registration(
    client: httpx.AsyncClient, tree: Any, cadre: Any, make_uscc: Any
) -> None:
    headers = cadre(tree.shangcheng)
    created = await client.post(
        "/v1/enterprises",
        json={
            "uscc": make_uscc(201),
            "name": "上城小微企业",
            "region_code": "330102",
            "size_class": "micro",
            "affiliated_org_id": tree.shangcheng,
        },
        headers=headers,
    )
    assert created.status_code == 201
    history = (
        await client.get(f"/v1/enterprises/{created.json()['id']}/affiliations", headers=headers)
    ).json()
    assert len(history) == 1
    assert history[0]["org_id"] == tree.shangcheng
    assert history[0]["ended_at"] is None


async def test_caller_must_manage_both_federations(
    client: httpx.AsyncClient, tree: Any, cadre: Any, register: Register, make_uscc: Any
) -> None:
    enterprise = await register(make_uscc(202))
    response = await client.post(
        f"/v1/enterprises/{enterprise['id']}/affiliation",
        json={"org_id": tree.gongshu},
        headers={**cadre(tree.shangcheng), "If-Match": "*"},
    )
    assert response.status_code == 404
    assert response.json()["type"] == "urn:gonghui:problem:org-not-found"
    without_permission = await client.post(
        f"/v1/enterprises/{enterprise['id']}/affiliation",
        json={"org_id": tree.gongshu},
        headers={**cadre(tree.city, "manage_orgs"), "If-Match": "*"},
    )
    assert without_permission.status_code == 403


async def test_reaffiliation_needs_the_current_etag(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register, make_uscc: Any
) -> None:
    enterprise = await register(make_uscc(203))
    url = f"/v1/enterprises/{enterprise['id']}/affiliation"
    admin = auth("admin")
    missing = await client.post(url, json={"org_id": tree.gongshu}, headers=admin)
    assert missing.status_code == 428
    await client.patch(
        f"/v1/enterprises/{enterprise['id']}",
        json={"size_class": "small"},
        headers={**admin, "If-Match": 'W/"1"'},
    )
    stale = await client.post(
        url, json={"org_id": tree.gongshu}, headers={**admin, "If-Match": 'W/"1"'}
    )
    assert stale.status_code == 412
    history = await client.get(f"/v1/enterprises/{enterprise['id']}/affiliations", headers=admin)
    assert len(history.json()) == 1


async def test_reaffiliation_to_the_same_or_a_non_federation_is_refused(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register, make_uscc: Any
) -> None:
    enterprise = await register(make_uscc(204))
    url = f"/v1/enterprises/{enterprise['id']}/affiliation"
    headers = {**auth("admin"), "If-Match": "*"}
    same = await client.post(url, json={"org_id": tree.shangcheng}, headers=headers)
    assert same.status_code == 409
    assert same.json()["type"] == "urn:gonghui:problem:already-affiliated"
    grassroots = await client.post(url, json={"org_id": tree.gongshu_union}, headers=headers)
    assert grassroots.status_code == 422


async def test_reaffiliation_to_a_closed_federation_is_refused(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register, make_uscc: Any
) -> None:
    admin = auth("admin")
    empty = await client.post(
        "/v1/orgs",
        json={
            "name": "西湖区总工会",
            "kind": "federation",
            "level": "county",
            "region_code": "330106",
            "parent_id": tree.city,
        },
        headers=admin,
    )
    closed = await client.post(
        f"/v1/orgs/{empty.json()['id']}/close", headers={**admin, "If-Match": "*"}
    )
    assert closed.status_code == 200
    enterprise = await register(make_uscc(205))
    response = await client.post(
        f"/v1/enterprises/{enterprise['id']}/affiliation",
        json={"org_id": empty.json()["id"]},
        headers={**admin, "If-Match": "*"},
    )
    assert response.status_code == 409
    assert response.json()["type"] == "urn:gonghui:problem:org-closed"
