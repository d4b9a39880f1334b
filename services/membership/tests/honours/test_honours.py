"""Honours on a member's record: granted by cadres or the competition service, idempotent,
and only by an office that holds the authority: the granting organisation lies in the
caller's sub-tree and stands at the honour's level or above; a service client needs the
`grant_honours` permission by name."""

import uuid
from typing import Any

import httpx
import pytest

GRANTER = ("grant_honours",)


def medal(member: dict[str, Any], granting_org_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "membership_no": member["membership_no"],
        "kind": "may_day_labour_medal",
        "level": "provincial",
        "title": "浙江省五一劳动奖章",
        "awarded_on": "2026-04-28",
        "granting_org_id": granting_org_id,
        **extra,
    }


async def test_competition_service_grants_once_per_award(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any, member_auth: Any
) -> None:
    member = await enrol(tree.gongshu_union, 51)
    service = auth("service", subject="client:competition", permissions=GRANTER)
    body = medal(member, tree.province, source_ref="competition:award:42")
    first = await client.post("/v1/honours", json=body, headers=service)
    replay = await client.post("/v1/honours", json=body, headers=service)
    assert (first.status_code, replay.status_code) == (201, 200)
    assert replay.json()["id"] == first.json()["id"]
    assert first.json()["granting_org_id"] == tree.province

    mine = (await client.get("/v1/me/honours", headers=member_auth(member))).json()
    assert [h["title"] for h in mine] == ["浙江省五一劳动奖章"]


async def test_service_client_without_grant_honours_cannot_grant(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    member = await enrol(tree.gongshu_union, 60)
    rebate = auth("service", subject="client:rebate")
    response = await client.post("/v1/honours", json=medal(member, tree.province), headers=rebate)
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_source_ref_cannot_be_reused_for_someone_else(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    first, second = await enrol(tree.gongshu_union, 52), await enrol(tree.gongshu_union, 53)
    service = auth("service", permissions=GRANTER)
    await client.post(
        "/v1/honours", json=medal(first, tree.province, source_ref="award:7"), headers=service
    )
    clash = await client.post(
        "/v1/honours", json=medal(second, tree.province, source_ref="award:7"), headers=service
    )
    assert clash.status_code == 409


async def test_cadre_grants_in_own_subtree_only(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    member = await enrol(tree.gongshu_union, 54)
    own = auth("cadre", org_scope=(tree.gongshu,), permissions=GRANTER)
    other = auth("cadre", org_scope=(tree.shangcheng,), permissions=GRANTER)
    no_permission = auth("cadre", org_scope=(tree.gongshu,), permissions=("manage_members",))
    body = medal(
        member, tree.gongshu, kind="technical_expert", level="county", title="拱墅区技术能手"
    )
    assert (await client.post("/v1/honours", json=body, headers=other)).status_code == 404
    assert (await client.post("/v1/honours", json=body, headers=no_permission)).status_code == 403
    assert (await client.post("/v1/honours", json=body, headers=own)).status_code == 201
    assert (
        await client.get(f"/v1/members/{member['id']}/honours", headers=other)
    ).status_code == 404
    listed = await client.get(f"/v1/members/{member['id']}/honours", headers=own)
    assert [h["kind"] for h in listed.json()] == ["technical_expert"]


async def test_county_cadre_cannot_grant_a_national_medal_naming_the_province(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    """Defect 4: a county cadre put a national May Day Labour Medal on a member's record."""
    member = await enrol(tree.gongshu_union, 55)
    county = auth("cadre", org_scope=(tree.gongshu,), permissions=GRANTER)
    attempts = [
        # An organisation above the caller's sub-tree, at the right level for a provincial one.
        medal(member, tree.province),
        medal(member, tree.province, level="national", title="全国五一劳动奖章"),
        # The caller's own county, for an honour above its level.
        medal(member, tree.gongshu, level="national", title="全国五一劳动奖章"),
        medal(member, tree.gongshu, level="city", title="杭州市五一劳动奖章"),
        # Another county's federation, at the county level.
        medal(member, tree.shangcheng, level="county", title="上城区五一劳动奖章"),
    ]
    for body in attempts:
        response = await client.post("/v1/honours", json=body, headers=county)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["type"].endswith(":invalid-granting-org")
    listed = await client.get(f"/v1/members/{member['id']}/honours", headers=county)
    assert listed.json() == []


@pytest.mark.parametrize(
    ("level", "granting", "status"),
    [
        ("provincial", "province", 201),
        ("national", "province", 422),
        ("city", "city", 201),
        ("provincial", "city", 422),
        ("county", "gongshu", 201),
        ("enterprise", "gongshu_union", 201),
        ("county", "gongshu_union", 422),
    ],
)
async def test_a_service_grant_is_held_to_the_granting_org_level(
    client: httpx.AsyncClient,
    auth: Any,
    tree: Any,
    enrol: Any,
    level: str,
    granting: str,
    status: int,
) -> None:
    member = await enrol(tree.gongshu_union, 56)
    service = auth("service", subject="client:competition", permissions=GRANTER)
    body = medal(member, getattr(tree, granting), level=level, title=f"{level} 奖章")
    assert (await client.post("/v1/honours", json=body, headers=service)).status_code == status


async def test_unknown_or_closed_granting_org_is_422_not_500(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    member = await enrol(tree.gongshu_union, 57)
    service = auth("service", permissions=GRANTER)
    unknown = medal(member, str(uuid.uuid4()))
    response = await client.post("/v1/honours", json=unknown, headers=service)
    assert response.status_code == 422
    assert response.json()["type"].endswith(":invalid-granting-org")

    admin = auth("admin")
    closing = await client.post(
        "/v1/orgs",
        json={
            "name": "拱墅区某街道工会",
            "kind": "federation",
            "level": "street",
            "region_code": "330105",
            "parent_id": tree.gongshu,
        },
        headers=admin,
    )
    street = closing.json()["id"]
    closed = await client.post(f"/v1/orgs/{street}/close", headers={**admin, "If-Match": "*"})
    assert closed.status_code == 200, closed.text
    body = medal(member, street, level="enterprise", title="先进个人")
    assert (await client.post("/v1/honours", json=body, headers=service)).status_code == 422


async def test_granting_org_is_required(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    member = await enrol(tree.gongshu_union, 58)
    body = medal(member, tree.province)
    del body["granting_org_id"]
    service = auth("service", permissions=GRANTER)
    assert (await client.post("/v1/honours", json=body, headers=service)).status_code == 422


async def test_client_credentials_carry_the_clients_permissions(
    client: httpx.AsyncClient, admin_headers: dict[str, str], tree: Any, enrol: Any
) -> None:
    """Contract C3 end to end: the permission travels from the client's record to its token."""
    member = await enrol(tree.gongshu_union, 59)
    tokens = {}
    for client_id, permissions in (("competition", ["grant_honours"]), ("rebate", [])):
        created = await client.post(
            "/v1/service-clients",
            json={"client_id": client_id, "name": client_id, "permissions": permissions},
            headers=admin_headers,
        )
        assert created.status_code == 201, created.text
        assert created.json()["permissions"] == permissions
        token = await client.post(
            "/v1/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
                "client_secret": created.json()["client_secret"],
            },
        )
        tokens[client_id] = {"Authorization": f"Bearer {token.json()['access_token']}"}
    body = medal(member, tree.province)
    refused = await client.post("/v1/honours", json=body, headers=tokens["rebate"])
    granted = await client.post("/v1/honours", json=body, headers=tokens["competition"])
    assert (refused.status_code, granted.status_code) == (403, 201)


async def test_recipient_must_be_named_once(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    body = {
        "kind": "craftsman",
        "level": "city",
        "title": "杭州工匠",
        "awarded_on": "2026-05-01",
        "granting_org_id": tree.city,
    }
    response = await client.post("/v1/honours", json=body, headers=auth("service"))
    assert response.status_code == 422
