"""What an organisation may be: a kind exists at certain levels only, and its region code
lies within its parent's; checked on create and on every update."""

from typing import Any

import httpx
import pytest

from membership.orgs.rules import region_within

ANY = {"If-Match": "*"}


def org(parent: str, kind: str, level: str, region: str, name: str = "新组织") -> dict[str, Any]:
    return {
        "name": name,
        "kind": kind,
        "level": level,
        "region_code": region,
        "parent_id": parent,
    }


@pytest.mark.parametrize(
    ("kind", "level"),
    [
        ("grassroots", "street"),  # a grassroots union posing as a street federation
        ("grassroots", "group"),
        ("group", "grassroots"),
        ("federation", "grassroots"),  # a federation where members are held
        ("federation", "group"),
        ("industry_union", "grassroots"),
        ("industry_federation", "group"),
    ],
)
async def test_kind_and_level_must_go_together(
    client: httpx.AsyncClient, auth: Any, tree: Any, kind: str, level: str
) -> None:
    response = await client.post(
        "/v1/orgs", json=org(tree.gongshu, kind, level, "330105"), headers=auth("admin")
    )
    assert response.status_code == 422
    assert response.json()["type"].endswith(":kind-level-mismatch")


@pytest.mark.parametrize(
    ("kind", "level"),
    [
        ("federation", "street"),
        ("grassroots", "grassroots"),
        ("industry_union", "county"),
        ("industry_federation", "county"),
        ("industry_federation", "street"),
    ],
)
async def test_sound_kind_and_level_pairs_are_accepted(
    client: httpx.AsyncClient, auth: Any, tree: Any, kind: str, level: str
) -> None:
    response = await client.post(
        "/v1/orgs", json=org(tree.gongshu, kind, level, "330105"), headers=auth("admin")
    )
    assert response.status_code == 201, response.text


async def test_region_must_lie_within_the_parents(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    county = auth("cadre", org_scope=(tree.gongshu,), permissions=("manage_orgs",))
    # 拱墅区 is 330105; 上城区 330102 and 宁波 330200 lie elsewhere.
    for region in ("330102", "330200", "110105"):
        response = await client.post(
            "/v1/orgs",
            json=org(tree.gongshu, "grassroots", "grassroots", region),
            headers=county,
        )
        assert response.status_code == 422, region
        assert response.json()["type"].endswith(":region-outside-parent")
    # A city under the province: any code of the province.
    city = await client.post(
        "/v1/orgs",
        json=org(tree.province, "federation", "city", "330200", "宁波市总工会"),
        headers=auth("admin"),
    )
    assert city.status_code == 201, city.text


async def test_an_update_cannot_move_the_region_out_of_the_parents(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    county = {**auth("cadre", org_scope=(tree.gongshu,), permissions=("manage_orgs",)), **ANY}
    moved_out = await client.patch(
        f"/v1/orgs/{tree.gongshu_union}", json={"region_code": "330102"}, headers=county
    )
    assert moved_out.status_code == 422
    assert moved_out.json()["type"].endswith(":region-outside-parent")
    renamed = await client.patch(
        f"/v1/orgs/{tree.gongshu_union}", json={"name": "拱墅区骑手工会"}, headers=county
    )
    assert renamed.status_code == 200
    assert renamed.json()["region_code"] == "330105"


async def test_a_parent_cannot_be_renumbered_away_from_its_children(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    city = {**auth("cadre", org_scope=(tree.city,), permissions=("manage_orgs",)), **ANY}
    # 拱墅区 renumbered to 上城区's code would leave its own union (330105) outside it.
    renumbered = await client.patch(
        f"/v1/orgs/{tree.gongshu}", json={"region_code": "330102"}, headers=city
    )
    assert renumbered.status_code == 422
    assert renumbered.json()["type"].endswith(":region-outside-parent")


@pytest.mark.parametrize(
    ("code", "parent", "within"),
    [
        ("330105", "330000", True),
        ("330105", "330100", True),
        ("330105", "330105", True),
        ("330102", "330105", False),
        ("330200", "330100", False),
        ("110105", "330000", False),
        ("330105", "100000", True),  # the whole country
    ],
)
def test_region_codes_nest_by_their_digits(code: str, parent: str, within: bool) -> None:
    assert region_within(code, parent) is within


async def test_a_move_out_of_the_parents_region_must_name_the_new_region(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    """The city's cadre moves 拱墅区's union under 上城区 without a word about where it is
    now: it would stay 330105, outside 上城区 (330102), for every region match after."""
    city = {**auth("cadre", org_scope=(tree.city,), permissions=("manage_orgs",)), **ANY}
    silent = await client.post(
        f"/v1/orgs/{tree.gongshu_union}/move",
        json={"new_parent_id": tree.shangcheng},
        headers=city,
    )
    assert silent.status_code == 422
    assert silent.json()["type"].endswith(":region-outside-parent")
    assert "region_code" in silent.json()["detail"]
    elsewhere = await client.post(
        f"/v1/orgs/{tree.gongshu_union}/move",
        json={"new_parent_id": tree.shangcheng, "region_code": "330105"},
        headers=city,
    )
    assert elsewhere.status_code == 422
    assert elsewhere.json()["type"].endswith(":region-outside-parent")
    unmoved = (await client.get(f"/v1/orgs/{tree.gongshu_union}", headers=city)).json()
    assert (unmoved["parent_id"], unmoved["region_code"]) == (tree.gongshu, "330105")


async def test_a_move_to_another_region_renumbers_the_whole_subtree(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    admin = auth("admin")
    group = await client.post(
        "/v1/orgs",
        json=org(tree.gongshu_union, "group", "group", "330105", "骑手一组"),
        headers=admin,
    )
    assert group.status_code == 201
    # 拱墅区 leaves 杭州 for 宁波 (330200): its code becomes one of 宁波's districts.
    ningbo = await client.post(
        "/v1/orgs",
        json=org(tree.province, "federation", "city", "330200", "宁波市总工会"),
        headers=admin,
    )
    moved = await client.post(
        f"/v1/orgs/{tree.gongshu}/move",
        json={"new_parent_id": ningbo.json()["id"], "region_code": "330203"},
        headers={**admin, **ANY},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["region_code"] == "330203"
    for org_id in (tree.gongshu_union, group.json()["id"]):
        below = (await client.get(f"/v1/orgs/{org_id}", headers=admin)).json()
        assert below["region_code"] == "330203"
    # Every code still lies within its parent's: a new union under it keeps the rule.
    stray = await client.post(
        "/v1/orgs",
        json=org(tree.gongshu, "grassroots", "grassroots", "330105"),
        headers=admin,
    )
    assert stray.status_code == 422


async def test_a_city_moved_to_another_province_keeps_its_districts_apart(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    admin = auth("admin")
    jiangsu = await client.post(
        "/v1/orgs",
        json={
            "name": "江苏省总工会",
            "kind": "federation",
            "level": "provincial",
            "region_code": "320000",
        },
        headers=admin,
    )
    moved = await client.post(
        f"/v1/orgs/{tree.city}/move",
        json={"new_parent_id": jiangsu.json()["id"], "region_code": "320100"},
        headers={**admin, **ANY},
    )
    assert moved.status_code == 200, moved.text
    codes = {
        (await client.get(f"/v1/orgs/{org_id}", headers=admin)).json()["region_code"]
        for org_id in (tree.shangcheng, tree.gongshu)
    }
    assert codes == {"320102", "320105"}
