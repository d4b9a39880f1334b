"""The demo contests have the reported shapes, and an admin can take them to the end."""

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from competition.contests.models import Competition, Event, EventGroup
from competition.entries.models import Entry, Participant
from competition.seed import CITY, OBSTETRICS, DemoSeeder, membership_hosts


async def test_demo_contests_have_the_reported_shapes_and_run_to_the_end(
    session: AsyncSession, client: httpx.AsyncClient, app: FastAPI, tree: Any, organiser: Any
) -> None:
    # Hosted under membership's province and city, so their cadres run the demo.
    hosts = await membership_hosts(app.state.membership)
    assert hosts is not None
    assert [h.id for h in hosts] == [tree.province.id, tree.city.id]
    await DemoSeeder(session, hosts).run()
    await session.commit()
    admin = organiser(tree.province)
    by_name = {c.name: c for c in await session.scalars(select(Competition))}
    obstetrics, city = by_name[OBSTETRICS], by_name[CITY]

    async def count(model: Any, competition: Competition) -> int:
        query = (
            select(func.count()).select_from(model).where(model.competition_id == competition.id)
        )
        return int(await session.scalar(query) or 0)

    assert (await count(Entry, obstetrics), await count(Participant, obstetrics)) == (43, 215)
    assert await count(Event, city) == 14
    assert await count(Participant, city) == 630
    groups = await session.scalars(
        select(EventGroup.name)
        .join(Event, Event.id == EventGroup.event_id)
        .where(Event.competition_id == city.id)
    )
    assert sorted(set(groups)) == ["学生组", "职工组"]

    (event,) = (await client.get(f"/v1/competitions/{obstetrics.id}/events", headers=admin)).json()
    stage = event["stages"][0]["id"]
    progress = (await client.get(f"/v1/stages/{stage}/progress", headers=admin)).json()
    assert (progress["competing"], progress["missing_sheets"]) == (43, 0)
    ranked = (await client.post(f"/v1/stages/{stage}/rank", headers=admin)).json()
    assert ranked["ranked"] == 43
    for flagged in (
        await client.get(f"/v1/stages/{stage}/results", params={"flagged": "true"}, headers=admin)
    ).json()["items"]:
        await client.post(
            f"/v1/stages/{stage}/entries/{flagged['entry_id']}/review",
            json={"note": "复核通过"},
            headers=admin,
        )
    for step in ("publish", "close"):
        response = await client.post(f"/v1/stages/{stage}/{step}", headers=admin)
        assert response.status_code == 200, response.text
    done = await client.post(f"/v1/competitions/{obstetrics.id}/finalise", headers=admin)
    assert done.status_code == 200, done.text
    assert done.json()["honours_queued"] == 0
    assert done.json()["honours_skipped"] == 15  # 5 people × pioneer, expert, medal


async def test_without_membership_the_demo_is_hosted_by_snapshots(
    session: AsyncSession, app: FastAPI, membership: Any
) -> None:
    membership.down = True
    assert await membership_hosts(app.state.membership) is None
    await DemoSeeder(session).run()
    names = await session.scalars(select(Competition.name).order_by(Competition.name))
    assert sorted(names) == sorted([OBSTETRICS, CITY])
