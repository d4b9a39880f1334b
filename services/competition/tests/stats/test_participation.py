"""Participation per sub-tree and year, across competitions, counted in person-entries."""

from typing import Any

import httpx


async def test_participation_counts_approved_people_of_the_subtree_by_year(
    client: httpx.AsyncClient,
    build_contest: Any,
    flow: Any,
    tree: Any,
    auth: Any,
    organiser: Any,
) -> None:
    labour = flow(await build_contest(competition={"kind": "labour", "year": 2025}))
    await labour.enter(["甲", "乙"], tree.hospital_a)
    await labour.enter(["丙"], tree.hospital_b)
    pending = labour.membership.member(tree.hospital_a, "待审")
    await labour.call(
        "POST",
        f"/v1/events/{labour.contest.event_id}/entries",
        201,
        json={"group_id": labour.contest.group(), "membership_no": pending},
    )
    skills = flow(await build_contest(format="team", team_size=3, competition={"year": 2026}))
    team = [skills.membership.member(tree.hospital_a, f"队员{n}") for n in range(3)]
    entry = await skills.call(
        "POST",
        f"/v1/events/{skills.contest.event_id}/team-entries",
        201,
        json={
            "group_id": skills.contest.group(),
            "org_id": str(tree.hospital_a.id),
            "team_name": "一院队",
            "membership_nos": team,
        },
    )
    await skills.call("POST", f"/v1/entries/{entry['id']}/approve")

    city = auth("cadre", orgs=(tree.city,))
    whole = (await client.get("/v1/stats/participation", headers=city)).json()
    assert [
        (
            y["year"],
            y["competitions"],
            y["entries"],
            y["participations"],
            y["labour"],
            y["vocational_skills"],
        )
        for y in whole["years"]
    ] == [
        (2025, 1, 3, 3, 3, 0),
        (2026, 1, 1, 3, 0, 3),
    ]
    assert whole["participations"] == 6

    gongshu = (
        await client.get(
            "/v1/stats/participation", params={"org_id": str(tree.gongshu.id)}, headers=city
        )
    ).json()
    assert (gongshu["org_name"], gongshu["participations"]) == ("拱墅区总工会", 1)
    shangcheng = auth("cadre", orgs=(tree.shangcheng,))
    own = (
        await client.get("/v1/stats/participation", params={"year_from": 2026}, headers=shangcheng)
    ).json()
    assert [(y["year"], y["participations"]) for y in own["years"]] == [(2026, 3)]

    outside = await client.get(
        "/v1/stats/participation", params={"org_id": str(tree.gongshu.id)}, headers=shangcheng
    )
    assert outside.status_code == 404
    member = auth("member", person_id="00000000-0000-0000-0000-000000000001")
    assert (await client.get("/v1/stats/participation", headers=member)).status_code == 403
    everything = (await client.get("/v1/stats/participation", headers=auth("admin"))).json()
    assert everything["participations"] == 6
