"""Who sees which enterprise: the affiliated org's sub-tree, the enterprise itself, services."""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

AuthHeaders = Callable[..., dict[str, str]]
Register = Callable[..., Awaitable[dict[str, Any]]]


async def test_cadre_of_other_county_gets_404_on_every_route_with_an_id(
    client: httpx.AsyncClient, tree: Any, cadre: Any, register: Register, make_uscc: Any
) -> None:
    enterprise = await register(make_uscc(300), union_org_id=tree.shangcheng_union)
    url = f"/v1/enterprises/{enterprise['id']}"
    gongshu = {**cadre(tree.gongshu), "If-Match": "*"}
    answers = {
        "read": await client.get(url, headers=gongshu),
        "history": await client.get(f"{url}/affiliations", headers=gongshu),
        "update": await client.patch(url, json={"name": "抢注"}, headers=gongshu),
        "reaffiliate": await client.post(
            f"{url}/affiliation", json={"org_id": tree.gongshu}, headers=gongshu
        ),
        "by code": await client.get(
            "/v1/enterprises", params={"uscc": enterprise["uscc"]}, headers=gongshu
        ),
        "list": await client.get(
            "/v1/enterprises", params={"org_id": tree.shangcheng}, headers=gongshu
        ),
    }
    for name, response in answers.items():
        assert response.status_code == 404, name
    for name in ("read", "history", "update", "reaffiliate", "by code"):
        assert answers[name].json()["type"] == "urn:gonghui:problem:enterprise-not-found", name
    # Nothing was changed by the attempts.
    same = await client.get(url, headers=cadre(tree.shangcheng))
    assert same.json()["name"] == enterprise["name"]
    assert same.headers["etag"] == 'W/"1"'


async def test_cadre_above_sees_and_a_plain_cadre_reads_without_manage_permission(
    client: httpx.AsyncClient, tree: Any, cadre: Any, register: Register, make_uscc: Any
) -> None:
    enterprise = await register(make_uscc(301))
    url = f"/v1/enterprises/{enterprise['id']}"
    assert (await client.get(url, headers=cadre(tree.city))).status_code == 200
    reviewer = cadre(tree.shangcheng, "review_joins")
    assert (await client.get(url, headers=reviewer)).status_code == 200
    update = await client.patch(url, json={"name": "x"}, headers={**reviewer, "If-Match": "*"})
    assert update.status_code == 403


async def test_enterprise_account_sees_only_itself(
    client: httpx.AsyncClient, auth: AuthHeaders, register: Register, make_uscc: Any
) -> None:
    own = await register(make_uscc(302))
    other = await register(make_uscc(303))
    me = auth("enterprise", enterprise_scope=own["uscc"])
    assert (await client.get(f"/v1/enterprises/{own['id']}", headers=me)).status_code == 200
    assert (
        await client.get(f"/v1/enterprises/{own['id']}/affiliations", headers=me)
    ).status_code == 200
    by_code = await client.get("/v1/enterprises", params={"uscc": own["uscc"]}, headers=me)
    assert by_code.json()["id"] == own["id"]

    assert (await client.get(f"/v1/enterprises/{other['id']}", headers=me)).status_code == 404
    assert (
        await client.get("/v1/enterprises", params={"uscc": other["uscc"]}, headers=me)
    ).status_code == 404
    lookup = await client.post(
        "/v1/enterprises/lookup", json={"usccs": [own["uscc"], other["uscc"]]}, headers=me
    )
    assert [e["id"] for e in lookup.json()["found"]] == [own["id"]]
    assert lookup.json()["missing"] == [{"uscc": other["uscc"], "reason": "not_found"}]
    # It sees itself but does not manage itself.
    update = await client.patch(
        f"/v1/enterprises/{own['id']}", json={"name": "x"}, headers={**me, "If-Match": "*"}
    )
    assert update.status_code == 403


@pytest.mark.parametrize("role", ["member", "partner"])
async def test_members_and_partners_see_no_enterprise(
    client: httpx.AsyncClient, auth: AuthHeaders, register: Register, make_uscc: Any, role: str
) -> None:
    enterprise = await register(make_uscc(304))
    headers = auth(role)
    assert (
        await client.get(f"/v1/enterprises/{enterprise['id']}", headers=headers)
    ).status_code == 404
    lookup = await client.post(
        "/v1/enterprises/lookup", json={"usccs": [enterprise["uscc"]]}, headers=headers
    )
    assert lookup.status_code == 403


async def test_a_token_is_required(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/enterprises", params={"uscc": "x"})).status_code == 401
    assert (await client.post("/v1/enterprises/lookup", json={"usccs": ["x"]})).status_code == 401


async def test_service_reads_any_enterprise_by_code(
    client: httpx.AsyncClient, auth: AuthHeaders, register: Register, make_uscc: Any
) -> None:
    enterprise = await register(make_uscc(305))
    response = await client.get(
        "/v1/enterprises", params={"uscc": enterprise["uscc"].lower()}, headers=auth("service")
    )
    assert response.status_code == 200
    assert response.json()["id"] == enterprise["id"]
    assert response.headers["etag"] == 'W/"1"'


async def test_lookup_by_code_checks_the_code(
    client: httpx.AsyncClient, auth: AuthHeaders, make_uscc: Any
) -> None:
    admin = auth("admin")
    absent = await client.get("/v1/enterprises", params={"uscc": make_uscc(306)}, headers=admin)
    assert absent.status_code == 404
    malformed = await client.get("/v1/enterprises", params={"uscc": "ABC"}, headers=admin)
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["loc"] == ["query", "uscc"]
    neither = await client.get("/v1/enterprises", headers=admin)
    assert neither.status_code == 422


async def test_list_pages_through_a_subtree_by_name(
    client: httpx.AsyncClient,
    tree: Any,
    cadre: Any,
    register: Register,
    make_uscc: Any,
) -> None:
    # Equal names on purpose: the cursor must break ties by id.
    for serial in range(5):
        await register(make_uscc(310 + serial), name="同名企业")
    await register(make_uscc(320), name="拱墅企业", affiliated_org_id=tree.gongshu)
    flagged = make_uscc(321)
    await register(flagged[:-1] + ("0" if flagged[-1] != "0" else "1"), name="待复核企业")

    city, seen, cursor = cadre(tree.city), [], None
    while True:
        params: dict[str, Any] = {"org_id": tree.city, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get("/v1/enterprises", params=params, headers=city)).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len({e["id"] for e in seen}) == 7

    shangcheng = (
        await client.get(
            "/v1/enterprises", params={"org_id": tree.shangcheng}, headers=cadre(tree.shangcheng)
        )
    ).json()
    assert {e["name"] for e in shangcheng["items"]} == {"同名企业", "待复核企业"}
    review = (
        await client.get(
            "/v1/enterprises", params={"org_id": tree.city, "needs_review": True}, headers=city
        )
    ).json()
    assert [e["name"] for e in review["items"]] == ["待复核企业"]


async def test_list_refuses_a_foreign_cursor(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    response = await client.get(
        "/v1/enterprises",
        params={"org_id": tree.city, "cursor": "WzFd"},  # [1]
        headers=auth("admin"),
    )
    assert response.status_code == 400
