"""Judges: panels per stage, conflicts of interest (own sub-tree, declared), automatic
assignment that respects them, blind codes."""

from collections import Counter
from typing import Any

import pytest


@pytest.fixture
async def started(build_contest: Any, flow: Any, tree: Any) -> Any:
    """Three entrants from each of two hospitals; the final has started."""
    run = flow(await build_contest())
    run.a = await run.enter(["甲一", "甲二", "甲三"], tree.hospital_a)
    run.b = await run.enter(["乙一", "乙二", "乙三"], tree.hospital_b)
    await run.close_registration()
    run.stage_id = await run.start()
    return run


async def assignments(run: Any) -> list[dict[str, Any]]:
    page = await run.call("GET", f"/v1/stages/{run.stage_id}/assignments", params={"limit": 200})
    return list(page["items"])


async def test_assignment_keeps_judges_off_their_own_subtree_and_spreads_the_load(
    started: Any, tree: Any
) -> None:
    run = started
    own = await run.judges(2, tree.hospital_a)  # may not score hospital A's entrants
    neutral = await run.judges(3)
    plan = await run.panel(run.stage_id, own + neutral)
    assert (plan["entries"], plan["added"], plan["short"]) == (6, 18, [])

    rows = await assignments(run)
    per_entry = Counter(r["entry_id"] for r in rows)
    assert set(per_entry.values()) == {3}
    hospital_a = {e["id"] for e in run.a}
    own_ids = {j.id for j in own}
    assert not [r for r in rows if r["entry_id"] in hospital_a and r["judge_id"] in own_ids]
    load = sorted(j["entries"] for j in plan["load"])
    assert load == [3, 3, 4, 4, 4]

    again = await run.call("POST", f"/v1/stages/{run.stage_id}/assignments/auto")
    assert again["added"] == 0


async def test_entries_without_enough_eligible_judges_are_reported(started: Any, tree: Any) -> None:
    run = started
    judges = await run.judges(1, tree.hospital_a) + await run.judges(2)
    plan = await run.panel(run.stage_id, judges)
    assert sorted(plan["short"]) == sorted(e["code"] for e in run.a)
    progress = await run.call("GET", f"/v1/stages/{run.stage_id}/progress")
    assert progress["short_entries"] == 3
    response = await run.client.post(f"/v1/stages/{run.stage_id}/rank", headers=run.headers)
    assert response.status_code == 409
    assert response.json()["short_entries"] == 3


async def test_a_declared_conflict_voids_the_sheet_and_a_rerun_replaces_the_judge(
    started: Any, tree: Any
) -> None:
    run = started
    judges = await run.judges(4)
    await run.panel(run.stage_id, judges)
    entry = run.b[0]
    rows = [r for r in await assignments(run) if r["entry_id"] == entry["id"]]
    judge = next(j for j in judges if j.id == rows[0]["judge_id"])
    sheet = await run.mark(run.stage_id, judge, entry["code"], skill="90", time="300")

    await run.call(
        "POST",
        f"/v1/judges/{judge.id}/conflicts",
        201,
        json={"entry_id": entry["id"], "reason": "评委与选手为同科室同事"},
    )
    after = [r["judge_id"] for r in await assignments(run) if r["entry_id"] == entry["id"]]
    assert judge.id not in after
    assert len(after) == 2
    sheets = await run.call("GET", f"/v1/stages/{run.stage_id}/entries/{entry['id']}/sheets")
    assert [s["status"] for s in sheets] == ["void"]
    history = await run.call("GET", f"/v1/sheets/{sheets[0]['id']}/history")
    assert [h["after"]["status"] for h in history] == ["submitted", "void"]
    assert history[1]["reason"] == "评委与选手为同科室同事"
    assert sheet["total"] == "90.00000"

    plan = await run.call("POST", f"/v1/stages/{run.stage_id}/assignments/auto")
    assert plan["added"] == 1
    replaced = [r["judge_id"] for r in await assignments(run) if r["entry_id"] == entry["id"]]
    assert len(replaced) == 3
    assert judge.id not in replaced
    await run.call(
        "PUT",
        f"/v1/judging/stages/{run.stage_id}/sheets/{entry['code']}",
        404,
        json={"marks": {"skill": "1"}},
        headers=judge.headers,
    )


async def test_judges_see_blind_codes_and_declare_their_own_conflicts(
    started: Any, tree: Any
) -> None:
    run = started
    judges = await run.judges(3)
    await run.panel(run.stage_id, judges)
    judge = judges[0]
    mine = await run.call("GET", "/v1/judging/stages", headers=judge.headers)
    assert [(s["event_name"], s["assigned"], s["submitted"]) for s in mine] == [
        ("产科临床技能", 6, 0)
    ]
    detail = await run.client.get(f"/v1/judging/stages/{run.stage_id}", headers=judge.headers)
    text = detail.text
    assert all(e["code"] in text for e in run.a + run.b)
    assert not any(name in text for name in ("甲一", "乙一", "医院"))
    assert [c["code"] for c in detail.json()["rubric"]["criteria"]] == ["skill", "time"]

    code = run.a[0]["code"]
    await run.call(
        "POST",
        f"/v1/judging/competitions/{run.contest.id}/conflicts",
        201,
        json={"entry_code": code.lower(), "reason": "选手是我的学生"},
        headers=judge.headers,
    )
    codes = [
        e["entry_code"]
        for e in (
            await run.call("GET", f"/v1/judging/stages/{run.stage_id}", headers=judge.headers)
        )["entries"]
    ]
    assert code not in codes


async def test_who_is_not_on_the_panel_sees_nothing(started: Any, tree: Any, auth: Any) -> None:
    run = started
    await run.panel(run.stage_id, await run.judges(3))
    stranger = auth("cadre", permissions=("judge",), subject="judge-elsewhere")
    for path in (
        f"/v1/judging/stages/{run.stage_id}",
        f"/v1/judging/stages/{run.stage_id}/sheets/{run.a[0]['code']}",
    ):
        assert (await run.client.get(path, headers=stranger)).status_code == 404
    declared = await run.client.post(
        f"/v1/judging/competitions/{run.contest.id}/conflicts",
        json={"entry_code": run.a[0]["code"], "reason": "认识选手"},
        headers=stranger,
    )
    assert declared.status_code == 404
    no_permission = auth("cadre", orgs=(tree.city,))
    response = await run.client.get("/v1/judging/stages", headers=no_permission)
    assert response.status_code == 403


async def test_cadre_of_another_subtree_gets_404_on_judging_routes(
    started: Any, tree: Any, organiser: Any
) -> None:
    run = started
    judges = await run.judges(3)
    await run.panel(run.stage_id, judges)
    outsider = organiser(tree.other_province)
    judge_id, stage = judges[0].id, run.stage_id
    for method, path, body in (
        (
            "POST",
            f"/v1/competitions/{run.contest.id}/judges",
            {"username": "judge.elsewhere"},
        ),
        ("GET", f"/v1/competitions/{run.contest.id}/judges", None),
        ("GET", f"/v1/stages/{stage}/panel", None),
        ("POST", f"/v1/stages/{stage}/panel", {"judge_ids": [judge_id]}),
        ("DELETE", f"/v1/stages/{stage}/panel/{judge_id}", None),
        (
            "POST",
            f"/v1/judges/{judge_id}/conflicts",
            {"entry_id": run.a[0]["id"], "reason": "同事"},
        ),
        ("GET", f"/v1/judges/{judge_id}/conflicts", None),
        ("POST", f"/v1/stages/{stage}/assignments/auto", None),
        ("GET", f"/v1/stages/{stage}/assignments", None),
        ("GET", f"/v1/stages/{stage}/entries/{run.a[0]['id']}/sheets", None),
    ):
        response = await run.client.request(method, path, json=body, headers=outsider)
        assert response.status_code == 404, (method, path, response.text)


async def test_a_judge_who_scored_stays_on_the_panel(started: Any, tree: Any) -> None:
    run = started
    judges = await run.judges(3)
    await run.panel(run.stage_id, judges)
    await run.mark(run.stage_id, judges[0], run.b[0]["code"], skill="80", time="200")
    response = await run.client.delete(
        f"/v1/stages/{run.stage_id}/panel/{judges[0].id}", headers=run.headers
    )
    assert response.status_code == 409
    removed = await run.client.delete(
        f"/v1/stages/{run.stage_id}/panel/{judges[1].id}", headers=run.headers
    )
    assert removed.status_code == 204
    panel = await run.call("GET", f"/v1/stages/{run.stage_id}/panel")
    assert {j["id"] for j in panel} == {judges[0].id, judges[2].id}
