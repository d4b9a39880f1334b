"""The organisation tree: create, read, rename, move a whole sub-tree, close; sub-tree scope."""

from collections.abc import Callable
from typing import Any

import httpx
import pytest

AuthHeaders = Callable[..., dict[str, str]]


def cadre(auth: AuthHeaders, org_id: str, *permissions: str) -> dict[str, str]:
    return auth("cadre", org_scope=(org_id,), permissions=permissions or ("manage_orgs",))


async def test_tree_reads_children_and_subtree_in_order(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    admin = auth("admin")
    children = (await client.get(f"/v1/orgs/{tree.city}/children", headers=admin)).json()
    assert [o["name"] for o in children["items"]] == ["上城区总工会", "拱墅区总工会"]

    subtree = (await client.get(f"/v1/orgs/{tree.province}/subtree", headers=admin)).json()
    assert len(subtree["items"]) == 6
    assert subtree["items"][0]["id"] == tree.province
    assert [o["depth"] for o in subtree["items"]][:3] == [1, 2, 3]


async def test_subtree_pages_with_a_cursor(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    admin, seen, cursor = auth("admin"), [], None
    while True:
        params = {"limit": 4} | ({"cursor": cursor} if cursor else {})
        page = (
            await client.get(f"/v1/orgs/{tree.province}/subtree", params=params, headers=admin)
        ).json()
        seen += [o["id"] for o in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 6


async def test_cadre_of_other_county_gets_404(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    shangcheng_cadre = cadre(auth, tree.shangcheng)
    for path in (
        f"/v1/orgs/{tree.gongshu}",
        f"/v1/orgs/{tree.gongshu_union}",
        f"/v1/orgs/{tree.gongshu}/children",
        f"/v1/orgs/{tree.gongshu}/subtree",
        f"/v1/orgs/{tree.city}",
    ):
        response = await client.get(path, headers=shangcheng_cadre)
        assert response.status_code == 404, path
        assert response.json()["type"] == "urn:gonghui:problem:org-not-found"
    for path, body in ((f"/v1/orgs/{tree.gongshu}", {"name": "x"}),):
        response = await client.patch(
            path, json=body, headers={**shangcheng_cadre, "If-Match": "*"}
        )
        assert response.status_code == 404
    move = await client.post(
        f"/v1/orgs/{tree.gongshu_union}/move",
        json={"new_parent_id": tree.shangcheng},
        headers={**shangcheng_cadre, "If-Match": "*"},
    )
    assert move.status_code == 404
    close = await client.post(
        f"/v1/orgs/{tree.gongshu_union}/close", headers={**shangcheng_cadre, "If-Match": "*"}
    )
    assert close.status_code == 404
    create = await client.post(
        "/v1/orgs",
        json={
            "name": "x",
            "kind": "grassroots",
            "level": "grassroots",
            "region_code": "330105",
            "parent_id": tree.gongshu,
        },
        headers=shangcheng_cadre,
    )
    assert create.status_code == 404


async def test_cadre_sees_own_subtree_and_entry_point(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    headers = cadre(auth, tree.shangcheng)
    assert (
        await client.get(f"/v1/orgs/{tree.shangcheng_union}", headers=headers)
    ).status_code == 200
    entry = (await client.get("/v1/orgs", headers=headers)).json()
    assert [o["id"] for o in entry] == [tree.shangcheng]


async def test_cadre_without_permission_gets_403(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    headers = cadre(auth, tree.shangcheng, "review_joins")
    response = await client.post(
        "/v1/orgs",
        json={
            "name": "新工会",
            "kind": "grassroots",
            "level": "grassroots",
            "region_code": "330102",
            "parent_id": tree.shangcheng,
        },
        headers=headers,
    )
    assert response.status_code == 403


async def test_member_sees_no_organisation(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    response = await client.get(f"/v1/orgs/{tree.shangcheng}", headers=auth("member"))
    assert response.status_code == 404


async def test_rename_needs_the_current_etag(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    headers = cadre(auth, tree.shangcheng)
    read = await client.get(f"/v1/orgs/{tree.shangcheng_union}", headers=headers)
    current = read.headers["etag"]

    missing = await client.patch(
        f"/v1/orgs/{tree.shangcheng_union}", json={"name": "新名"}, headers=headers
    )
    assert missing.status_code == 428
    renamed = await client.patch(
        f"/v1/orgs/{tree.shangcheng_union}",
        json={"name": "上城区快递员工会"},
        headers={**headers, "If-Match": current},
    )
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "上城区快递员工会"
    assert renamed.headers["etag"] != current
    stale = await client.patch(
        f"/v1/orgs/{tree.shangcheng_union}",
        json={"name": "again"},
        headers={**headers, "If-Match": current},
    )
    assert stale.status_code == 412


async def test_move_takes_the_whole_subtree(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    admin = auth("admin")
    group = await client.post(
        "/v1/orgs",
        json={
            "name": "快递一组",
            "kind": "group",
            "level": "group",
            "region_code": "330102",
            "parent_id": tree.shangcheng_union,
        },
        headers=admin,
    )
    assert group.status_code == 201
    moved = await client.post(
        f"/v1/orgs/{tree.shangcheng_union}/move",
        json={"new_parent_id": tree.gongshu, "region_code": "330105"},
        headers={**admin, "If-Match": "*"},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["parent_id"] == tree.gongshu

    gongshu_subtree = (await client.get(f"/v1/orgs/{tree.gongshu}/subtree", headers=admin)).json()
    names = {o["name"] for o in gongshu_subtree["items"]}
    assert {"上城区快递行业工会", "快递一组"} <= names
    shangcheng = (await client.get(f"/v1/orgs/{tree.shangcheng}/subtree", headers=admin)).json()
    assert [o["name"] for o in shangcheng["items"]] == ["上城区总工会"]
    # The former county's cadre has lost sight of it, the new one has gained it.
    assert (
        await client.get(f"/v1/orgs/{group.json()['id']}", headers=cadre(auth, tree.shangcheng))
    ).status_code == 404
    assert (
        await client.get(f"/v1/orgs/{group.json()['id']}", headers=cadre(auth, tree.gongshu))
    ).status_code == 200


async def test_move_under_own_subtree_is_refused(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    response = await client.post(
        f"/v1/orgs/{tree.city}/move",
        json={"new_parent_id": tree.shangcheng},
        headers={**auth("admin"), "If-Match": "*"},
    )
    assert response.status_code == 422
    assert response.json()["type"] == "urn:gonghui:problem:invalid-hierarchy"


@pytest.mark.parametrize(
    ("kind", "level", "status"),
    [
        ("federation", "city", 422),  # a city union under a county
        ("federation", "county", 422),  # the same level beside a regional union
        ("industry_federation", "county", 201),  # industry federations stand beside it
        ("grassroots", "grassroots", 201),
    ],
)
async def test_levels_must_descend(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, kind: str, level: str, status: int
) -> None:
    response = await client.post(
        "/v1/orgs",
        json={
            "name": "测试",
            "kind": kind,
            "level": level,
            "region_code": "330102",
            "parent_id": tree.shangcheng,
        },
        headers=auth("admin"),
    )
    assert response.status_code == status, response.text


async def test_close_refuses_an_org_with_open_children(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    admin = {**auth("admin"), "If-Match": "*"}
    busy = await client.post(f"/v1/orgs/{tree.shangcheng}/close", headers=admin)
    assert busy.status_code == 409
    closed = await client.post(f"/v1/orgs/{tree.shangcheng_union}/close", headers=admin)
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    under_closed = await client.post(
        "/v1/orgs",
        json={
            "name": "组",
            "kind": "group",
            "level": "group",
            "region_code": "330102",
            "parent_id": tree.shangcheng_union,
        },
        headers=auth("admin"),
    )
    assert under_closed.status_code == 409


async def test_only_admin_creates_roots_and_region_codes_are_checked(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    root = {
        "name": "江苏省总工会",
        "kind": "federation",
        "level": "provincial",
        "region_code": "320000",
    }
    assert (
        await client.post("/v1/orgs", json=root, headers=cadre(auth, tree.province))
    ).status_code == 403
    bad = await client.post(
        "/v1/orgs", json={**root, "region_code": "32000"}, headers=auth("admin")
    )
    assert bad.status_code == 422
    assert ["body", "region_code"] in [e["loc"] for e in bad.json()["errors"]]


async def test_children_with_the_same_name_all_appear_across_pages(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    admin = auth("admin")
    for _ in range(3):
        body = {"name": "工会小组", "kind": "group", "level": "group", "region_code": "330102"}
        await client.post(
            "/v1/orgs", json={**body, "parent_id": tree.shangcheng_union}, headers=admin
        )
    seen, cursor = [], None
    while True:
        params = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = (
            await client.get(
                f"/v1/orgs/{tree.shangcheng_union}/children", params=params, headers=admin
            )
        ).json()
        seen += [o["id"] for o in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(set(seen)) == 3
