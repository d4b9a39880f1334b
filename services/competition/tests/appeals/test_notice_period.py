"""The public notice period (公示) holds: a floor by level, never shortened once results were
on notice, a full period again after a rescore, and organisers do not object to their own
results."""

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text


@pytest.fixture
async def published(build_contest: Any, flow: Any, tree: Any) -> Any:
    """A provincial final of two, 甲 (hospital A) ahead of 乙 (hospital B); published."""
    run = flow(await build_contest())
    (a,) = await run.enter(["甲"], tree.hospital_a)
    (b,) = await run.enter(["乙"], tree.hospital_b)
    run.ids = {"甲": a["id"], "乙": b["id"]}
    scores = {a["code"]: "90", b["code"]: "85"}
    await run.close_registration()
    run.stage_id = await run.start()
    await run.panel(run.stage_id, await run.judges(3))
    await run.record_scores(run.stage_id, lambda c, n: {"skill": scores[c], "time": "60"})
    await run.rank(run.stage_id)
    await run.call("POST", f"/v1/stages/{run.stage_id}/publish")
    return run


def body(host: Any, level: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": "职工技能竞赛",
        "kind": "vocational_skills",
        "level": level,
        "year": 2026,
        "host_org_id": str(host.id),
        **extra,
    }


async def test_notice_days_below_the_floor_are_refused(
    client: httpx.AsyncClient, tree: Any, organiser: Any
) -> None:
    province, city = organiser(tree.province), organiser(tree.city)
    for headers, host, level, days, status in (
        (province, tree.province, "provincial", 0, 422),
        (province, tree.province, "provincial", 4, 422),
        (province, tree.province, "provincial", 5, 201),
        (city, tree.city, "city", 2, 422),
        (city, tree.city, "city", 3, 201),
    ):
        response = await client.post(
            "/v1/competitions", json=body(host, level, notice_days=days), headers=headers
        )
        assert response.status_code == status, (level, days, response.text)
    defaults = [
        (await client.post("/v1/competitions", json=body(host, level), headers=headers)).json()
        for headers, host, level in (
            (province, tree.province, "provincial"),
            (city, tree.city, "city"),
        )
    ]
    assert [c["notice_days"] for c in defaults] == [5, 3]


async def test_the_notice_period_cannot_shrink_once_results_were_published(
    published: Any,
) -> None:
    run = published
    path = f"/v1/competitions/{run.contest.id}"
    for days in (0, 4):
        response = await run.client.patch(
            path,
            json={"notice_days": days},
            headers=run.headers | {"If-Match": await etag(run, path)},
        )
        assert response.status_code in (409, 422), (days, response.text)
    grown = await run.client.patch(
        path, json={"notice_days": 7}, headers=run.headers | {"If-Match": await etag(run, path)}
    )
    assert grown.status_code == 200, grown.text
    shrunk = await run.client.patch(
        path, json={"notice_days": 6}, headers=run.headers | {"If-Match": await etag(run, path)}
    )
    assert shrunk.status_code == 409
    early = await run.client.post(f"/v1/stages/{run.stage_id}/close", headers=run.headers)
    assert early.status_code == 409


async def etag(run: Any, path: str) -> str:
    return str((await run.client.get(path, headers=run.headers)).headers["ETag"])


async def test_a_rescore_republishes_for_the_full_period_from_the_republication(
    published: Any, session: Any
) -> None:
    run = published
    # A row stored with no notice period (before the floor existed) gets the floor all
    # the same.
    await session.execute(
        text("UPDATE competition.competition SET notice_days = 0 WHERE id = :id"),
        {"id": run.contest.id},
    )
    delegation_b = run.auth("cadre", orgs=(run.tree.hospital_b,))
    lodged = await run.client.post(
        f"/v1/stages/{run.stage_id}/objections",
        json={"entry_id": run.ids["甲"], "for_entry_id": run.ids["乙"], "reason": "甲计时有误"},
        headers=delegation_b,
    )
    assert lodged.status_code == 201, lodged.text
    await run.call("POST", f"/v1/objections/{lodged.json()['id']}/uphold", json={"note": "复核"})
    # Nothing changes in the rescore; the results are announced again all the same.
    preview = await run.call("GET", f"/v1/stages/{run.stage_id}/rescore/preview")
    outcome = await run.call(
        "POST",
        f"/v1/stages/{run.stage_id}/rescore/apply",
        json={"fingerprint": preview["fingerprint"]},
    )
    assert (outcome["status"], outcome["changed"]) == ("published", 0)
    stage = (await run.call("GET", f"/v1/events/{run.contest.event_id}"))["stages"][0]
    published_at = datetime.fromisoformat(stage["published_at"])
    ends = datetime.fromisoformat(stage["notice_ends_at"])
    assert ends - published_at >= timedelta(days=5)
    early = await run.client.post(f"/v1/stages/{run.stage_id}/close", headers=run.headers)
    assert early.status_code == 409


async def test_organisers_cannot_lodge_objections(published: Any) -> None:
    run = published
    # The host's organiser covers every delegation below it, and still may not object.
    response = await run.client.post(
        f"/v1/stages/{run.stage_id}/objections",
        json={
            "entry_id": run.ids["甲"],
            "for_entry_id": run.ids["乙"],
            "reason": "乙的名次计算有误",
        },
        headers=run.headers,
    )
    assert response.status_code == 403, response.text
    objections = await run.call("GET", f"/v1/stages/{run.stage_id}/objections")
    assert objections == []
