"""Competitions and events: created in the host's sub-tree, seen by the tree around it."""

from collections.abc import Callable
from typing import Any

import httpx

COMPETITION = {
    "name": "杭州市职工职业技能大赛",
    "kind": "vocational_skills",
    "level": "city",
    "year": 2026,
}


async def test_organiser_creates_and_reads_a_competition(
    client: httpx.AsyncClient, tree: Any, organiser: Callable[..., dict[str, str]]
) -> None:
    headers = organiser(tree.city)
    body = {
        **COMPETITION,
        "host_org_id": str(tree.city.id),
        "organiser_org_ids": [str(tree.gongshu.id)],
    }
    created = await client.post("/v1/competitions", json=body, headers=headers)
    assert created.status_code == 201, created.text
    competition = created.json()
    assert competition["status"] == "draft"
    assert [(o["role"], o["org_name"]) for o in competition["orgs"]] == [
        ("host", "杭州市总工会"),
        ("organiser", "拱墅区总工会"),
    ]
    read = await client.get(f"/v1/competitions/{competition['id']}", headers=headers)
    assert read.headers["ETag"] == 'W/"1"'
    listed = (await client.get("/v1/competitions", headers=headers)).json()
    assert [c["id"] for c in listed["items"]] == [competition["id"]]


async def test_host_outside_the_callers_subtree_is_422_and_no_permission_is_403(
    client: httpx.AsyncClient, tree: Any, auth: Any, organiser: Any
) -> None:
    body = {**COMPETITION, "host_org_id": str(tree.city.id)}
    outsider = organiser(tree.other_province)
    refused = await client.post("/v1/competitions", json=body, headers=outsider)
    unknown = await client.post(
        "/v1/competitions",
        json={**body, "host_org_id": "00000000-0000-0000-0000-000000000009"},
        headers=outsider,
    )
    # Held elsewhere or unknown, alike.
    assert (refused.status_code, refused.json()["type"]) == (422, unknown.json()["type"])
    assert refused.json()["title"] == unknown.json()["title"]
    no_permission = auth("cadre", orgs=(tree.city,), permissions=("review_joins",))
    response = await client.post("/v1/competitions", json=body, headers=no_permission)
    assert response.status_code == 403
    member = auth("member", person_id="00000000-0000-0000-0000-000000000001")
    assert (await client.post("/v1/competitions", json=body, headers=member)).status_code == 403


async def test_drafts_are_seen_by_organisers_only_and_announced_ones_by_delegations(
    client: httpx.AsyncClient, tree: Any, auth: Any, build_contest: Any
) -> None:
    contest = await build_contest(tree.city, open_registration=False)
    delegation = auth("cadre", orgs=(tree.hospital_a,), permissions=("run_competitions",))
    path = f"/v1/competitions/{contest.id}"
    assert (await client.get(path, headers=delegation)).status_code == 404
    assert (await client.get("/v1/competitions", headers=delegation)).json()["items"] == []

    opened = await client.post(f"{path}/open-registration", headers=contest.headers)
    assert opened.json()["status"] == "registration"
    assert (await client.get(path, headers=delegation)).status_code == 200
    listed = (await client.get("/v1/competitions", headers=delegation)).json()["items"]
    assert [c["id"] for c in listed] == [contest.id]
    # Seeing is not running: the delegation's cadre may not change it.
    response = await client.post(f"{path}/close-registration", headers=delegation)
    assert response.status_code == 403
    above = auth("cadre", orgs=(tree.province,))
    assert (await client.get(path, headers=above)).status_code == 200


async def test_cadre_of_another_subtree_gets_404_for_everything_that_takes_an_id(
    client: httpx.AsyncClient, tree: Any, organiser: Any, build_contest: Any
) -> None:
    contest = await build_contest(tree.city)
    outsider = organiser(tree.other_province)
    group, stage = contest.group(), contest.stage()
    for method, path, body in (
        ("GET", f"/v1/competitions/{contest.id}", None),
        ("PATCH", f"/v1/competitions/{contest.id}", {"name": "改名"}),
        ("POST", f"/v1/competitions/{contest.id}/open-registration", None),
        ("POST", f"/v1/competitions/{contest.id}/close-registration", None),
        ("GET", f"/v1/competitions/{contest.id}/events", None),
        ("POST", f"/v1/competitions/{contest.id}/events", {}),
        ("GET", f"/v1/events/{contest.event_id}", None),
        ("PATCH", f"/v1/events/{contest.event_id}", {"name": "改名"}),
        ("PUT", f"/v1/groups/{group}/awards", {"prizes": []}),
        ("PUT", f"/v1/stages/{stage}/advancement", []),
    ):
        headers = outsider | {"If-Match": "*"}
        response = await client.request(method, path, json=body, headers=headers)
        assert response.status_code in (404, 422), (method, path, response.text)
        if response.status_code == 422:
            # Body validation runs first; a valid body from the outsider is still refused.
            continue
        assert response.json()["type"].endswith("not-found"), (method, path)


async def test_updates_need_the_current_etag(
    client: httpx.AsyncClient, tree: Any, build_contest: Any
) -> None:
    contest = await build_contest(tree.city)
    path = f"/v1/competitions/{contest.id}"
    missing = await client.patch(path, json={"notice_days": 7}, headers=contest.headers)
    assert missing.status_code == 428
    stale = await client.patch(
        path, json={"notice_days": 7}, headers=contest.headers | {"If-Match": 'W/"9"'}
    )
    assert stale.status_code == 412
    current = (await client.get(path, headers=contest.headers)).headers["ETag"]
    updated = await client.patch(
        path, json={"notice_days": 7}, headers=contest.headers | {"If-Match": current}
    )
    assert updated.status_code == 200
    assert updated.json()["notice_days"] == 7
    assert updated.headers["ETag"] != current


async def test_event_defaults_honours_by_format_and_group(
    client: httpx.AsyncClient, tree: Any, build_contest: Any
) -> None:
    team = await build_contest(
        format="team",
        team_size=5,
        groups=[{"kind": "employee", "name": "职工组"}],
    )
    honours = [h["honour"] for h in team.event["groups"][0]["honours"]]
    assert honours == ["worker_pioneer", "technical_expert"]
    assert [p["prize"] for p in team.event["groups"][0]["prizes"]] == ["first", "second", "third"]

    individual = await build_contest(
        competition={"kind": "labour"},
        groups=[{"kind": "employee", "name": "职工组"}, {"kind": "student", "name": "学生组"}],
    )
    by_name = {g["name"]: g for g in individual.event["groups"]}
    assert [h["honour"] for h in by_name["职工组"]["honours"]] == ["may_day_labour_medal"]
    assert by_name["学生组"]["honours"] == []
    assert individual.event["vocational"] is False


async def test_event_rules_are_checked(
    client: httpx.AsyncClient, tree: Any, build_contest: Any, event_payload: Any
) -> None:
    contest = await build_contest()
    path = f"/v1/competitions/{contest.id}/events"

    async def refused(**overrides: Any) -> int:
        body = event_payload(name="另一个项目", **overrides)
        return (await client.post(path, json=body, headers=contest.headers)).status_code

    assert (
        await refused(
            groups=[
                {
                    "kind": "student",
                    "name": "学生组",
                    "honours": [{"honour": "may_day_labour_medal"}],
                }
            ]
        )
        == 422
    )
    assert (
        await refused(
            groups=[
                {"kind": "employee", "name": "职工组", "honours": [{"honour": "worker_pioneer"}]}
            ]
        )
        == 422
    )
    assert await refused(stages=[{"kind": "final"}, {"kind": "preliminary"}]) == 422
    assert await refused(stages=[{"kind": "preliminary"}, {"kind": "final"}]) == 422
    assert await refused(format="team") == 422
    assert await refused(rubric={"criteria": [], "tie_breaks": []}) == 422
    bad_tie_break = {
        "criteria": [{"code": "a", "name": "A", "kind": "judged", "max_mark": "10", "weight": "1"}],
        "tie_breaks": ["b"],
    }
    assert await refused(rubric=bad_tie_break) == 422
    float_weight = {
        "criteria": [{"code": "a", "name": "A", "kind": "judged", "max_mark": "10", "weight": 0.5}]
    }
    assert await refused(rubric=float_weight) == 422
    ok = await refused(
        stages=[
            {
                "kind": "preliminary",
                "advancement": [{"group": "职工组", "kind": "top_percent", "value": "30"}],
            },
            {"kind": "final"},
        ]
    )
    assert ok == 201

    # Event names are unique within a competition: a second one, or a rename onto it, is 409.
    again = await client.post(path, json=event_payload(name="另一个项目"), headers=contest.headers)
    assert again.status_code == 409
    assert again.json()["type"] == "urn:gonghui:problem:event-name-taken"
    event = f"/v1/events/{contest.event_id}"
    etag = (await client.get(event, headers=contest.headers)).headers["ETag"]
    renamed = await client.patch(
        event, json={"name": "另一个项目"}, headers=contest.headers | {"If-Match": etag}
    )
    assert renamed.status_code == 409
    assert renamed.json()["type"] == "urn:gonghui:problem:event-name-taken"


async def test_event_rules_freeze_when_a_stage_starts(
    client: httpx.AsyncClient, tree: Any, build_contest: Any
) -> None:
    contest = await build_contest()
    path = f"/v1/events/{contest.event_id}"
    current = (await client.get(path, headers=contest.headers)).headers["ETag"]
    response = await client.patch(
        path,
        json={"aggregation": "trimmed_mean", "spread_threshold": "15"},
        headers=contest.headers | {"If-Match": current},
    )
    assert response.status_code == 200, response.text
    assert response.json()["aggregation"] == "trimmed_mean"
    assert response.json()["spread_threshold"] == "15"


async def test_problems_are_titled_in_chinese_when_asked(
    client: httpx.AsyncClient, tree: Any, organiser: Any
) -> None:
    response = await client.get(
        "/v1/competitions/00000000-0000-0000-0000-000000000001",
        headers=organiser(tree.city) | {"Accept-Language": "zh-CN"},
    )
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "竞赛不存在"
