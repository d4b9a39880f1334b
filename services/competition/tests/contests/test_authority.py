"""Authority by level and scope: a competition stands at most at its host's level, its
organisers (承办) are the creator's own offices or offices below them, and an organisation
the caller may not name is refused alike whether it exists elsewhere or not."""

import dataclasses
import uuid
from collections.abc import Callable
from typing import Any

import httpx

Org = Any


def competition(host: Org, level: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": "职工劳动竞赛",
        "kind": "labour",
        "level": level,
        "year": 2026,
        "host_org_id": str(host.id),
        **extra,
    }


async def test_a_county_cadre_cannot_host_a_national_or_city_competition(
    client: httpx.AsyncClient, tree: Any, organiser: Callable[[Org], dict[str, str]]
) -> None:
    county = organiser(tree.shangcheng)
    for level in ("national", "provincial", "city"):
        response = await client.post(
            "/v1/competitions", json=competition(tree.shangcheng, level), headers=county
        )
        assert response.status_code == 403, (level, response.text)
        assert response.json()["type"].endswith("level-above-host")
    for level in ("county", "enterprise"):
        response = await client.post(
            "/v1/competitions", json=competition(tree.shangcheng, level), headers=county
        )
        assert response.status_code == 201, (level, response.text)


async def test_a_provincial_cadre_hosting_through_a_county_is_bound_by_the_county(
    client: httpx.AsyncClient, tree: Any, organiser: Callable[[Org], dict[str, str]]
) -> None:
    # The caller's own office is the province, but the host named is the county.
    province = organiser(tree.province)
    response = await client.post(
        "/v1/competitions", json=competition(tree.shangcheng, "provincial"), headers=province
    )
    assert response.status_code == 403


async def test_organisers_must_lie_in_the_creators_scope(
    client: httpx.AsyncClient,
    tree: Any,
    organiser: Callable[[Org], dict[str, str]],
    membership: Any,
) -> None:
    county = organiser(tree.shangcheng)
    unknown = uuid.uuid4()
    answers = []
    # The city above, a sibling county, another province, and no organisation at all.
    for org_id in (tree.city.id, tree.gongshu.id, tree.other_province.id, unknown):
        body = competition(tree.shangcheng, "county", organiser_org_ids=[str(org_id)])
        response = await client.post("/v1/competitions", json=body, headers=county)
        assert response.status_code == 422, response.text
        answers.append((response.json()["type"], response.json()["title"]))
    assert len(set(answers)) == 1
    listed = await client.get("/v1/competitions", headers=organiser(tree.city))
    assert listed.json()["items"] == []

    body = competition(tree.shangcheng, "county", organiser_org_ids=[str(tree.hospital_a.id)])
    created = await client.post("/v1/competitions", json=body, headers=county)
    assert created.status_code == 201, created.text


async def test_a_closed_organisation_hosts_nothing(
    client: httpx.AsyncClient,
    tree: Any,
    organiser: Callable[[Org], dict[str, str]],
    membership: Any,
) -> None:
    closed = membership.org(tree.shangcheng.child("已撤销街道工会", "street"))
    membership.org(dataclasses.replace(closed, status="closed"))
    response = await client.post(
        "/v1/competitions",
        json=competition(closed, "enterprise"),
        headers=organiser(tree.shangcheng),
    )
    assert response.status_code == 422
