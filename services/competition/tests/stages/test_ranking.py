"""Ranking a stage: aggregation, tie-breaks, shared ranks, prizes, review flags, advancement
with decisions on boundary ties, embargo until publication, the notice period."""

from typing import Any

import pytest


async def scored(
    build_contest: Any,
    flow: Any,
    tree: Any,
    marks: dict[str, list[tuple[str, str]]],
    judges: int = 3,
    **event: Any,
) -> Any:
    """Entrants named in `marks`, each judge n marking (skill, time) = marks[name][n]."""
    run = flow(await build_contest(judges_per_entry=judges, **event))
    entries = await run.enter(list(marks), tree.hospital_a)
    run.by_code = {e["code"]: e["display_name"] for e in entries}
    run.ids = {e["display_name"]: e["id"] for e in entries}
    await run.close_registration()
    stages = [s["kind"] for s in run.contest.event["stages"]]
    run.stage_id = await run.start(stages[0])
    run.panel_judges = await run.judges(judges)
    await run.panel(run.stage_id, run.panel_judges)

    def mark(code: str, n: int) -> dict[str, str]:
        skill, time = marks[run.by_code[code]][n]
        return {"skill": skill, "time": time}

    await run.record_scores(run.stage_id, mark)
    return run


def standings(results: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    return [(r["display_name"], r["rank"], r["score"]) for r in results]


async def test_mean_then_time_breaks_ties_and_exact_ties_share_a_rank(
    build_contest: Any, flow: Any, tree: Any
) -> None:
    run = await scored(
        build_contest,
        flow,
        tree,
        {
            "甲": [("90", "300"), ("80", "300"), ("85", "300")],  # 85, 300 s
            "乙": [("85", "280"), ("85", "280"), ("85", "280")],  # 85, faster
            "丙": [("95", "310"), ("75", "310"), ("85", "310")],  # 85, slowest
            "丁": [("85", "300"), ("85", "300"), ("85", "300")],  # 85, 300 s: ties 甲
            "戊": [("60", "100"), ("70", "100"), ("71", "100")],  # 67
        },
    )
    summary = await run.rank(run.stage_id)
    assert (summary["ranked"], summary["open_ties"], summary["status"]) == (5, 0, "ranked")
    results = await run.results(run.stage_id)
    # Within a shared rank the order is by blind code, which is random.
    assert sorted(standings(results), key=lambda s: (s[1], s[0])) == [
        ("乙", 1, "85.0000"),
        ("丁", 2, "85.0000"),
        ("甲", 2, "85.0000"),
        ("丙", 4, "85.0000"),
        ("戊", 5, "67.0000"),
    ]
    prizes = {r["display_name"]: r["prize"] for r in results}
    assert prizes == {"乙": "first", "甲": "second", "丁": "second", "丙": "third", "戊": "third"}
    assert all(r["advances"] is False for r in results)


async def test_trimmed_mean_drops_the_highest_and_lowest_sheet(
    build_contest: Any, flow: Any, tree: Any
) -> None:
    run = await scored(
        build_contest,
        flow,
        tree,
        {
            "甲": [("100", "1"), ("80", "1"), ("80", "1"), ("80", "1"), ("0", "1")],
            "乙": [("82", "1"), ("81", "1"), ("79", "1"), ("70", "1"), ("90", "1")],
        },
        judges=5,
        aggregation="trimmed_mean",
        trim_min_judges=5,
    )
    await run.rank(run.stage_id)
    results = await run.results(run.stage_id)
    assert standings(results) == [("乙", 1, "80.6667"), ("甲", 2, "80.0000")]
    assert [(r["display_name"], r["spread"]) for r in results] == [
        ("乙", "20.00000"),
        ("甲", "100.00000"),
    ]


async def test_a_wide_spread_is_flagged_and_blocks_publication_until_reviewed(
    build_contest: Any, flow: Any, tree: Any
) -> None:
    run = await scored(
        build_contest,
        flow,
        tree,
        {
            "甲": [("95", "1"), ("60", "1"), ("90", "1")],
            "乙": [("80", "1"), ("82", "1"), ("81", "1")],
        },
        spread_threshold="20",
    )
    summary = await run.rank(run.stage_id)
    assert summary["flagged"] == 1
    flagged = await run.results(run.stage_id, flagged="true")
    assert [r["display_name"] for r in flagged] == ["甲"]
    refused = await run.client.post(f"/v1/stages/{run.stage_id}/publish", headers=run.headers)
    assert refused.status_code == 409
    await run.call(
        "POST",
        f"/v1/stages/{run.stage_id}/entries/{run.ids['甲']}/review",
        json={"note": "复核评分表，维持原评分"},
    )
    # The clearance holds for the same spread when ranked again.
    assert (await run.rank(run.stage_id))["flagged"] == 0
    published = await run.call("POST", f"/v1/stages/{run.stage_id}/publish")
    assert published["status"] == "published"
    assert published["notice_ends_at"] > published["published_at"]


async def test_ranking_waits_for_every_sheet_and_skips_no_shows(
    build_contest: Any, flow: Any, tree: Any
) -> None:
    run = flow(await build_contest(judges_per_entry=2))
    entries = await run.enter(["甲", "乙", "丙"], tree.hospital_a)
    await run.close_registration()
    stage_id = await run.start()
    judges = await run.judges(2)
    await run.panel(stage_id, judges)
    await run.call(
        "PUT",
        f"/v1/stages/{stage_id}/entries/{entries[2]['id']}/attendance",
        json={"attendance": "no_show"},
    )
    await run.mark(stage_id, judges[0], entries[0]["code"], skill="70", time="1")
    incomplete = await run.client.post(f"/v1/stages/{stage_id}/rank", headers=run.headers)
    assert incomplete.status_code == 409
    assert incomplete.json()["missing_sheets"] == 3
    await run.mark(stage_id, judges[1], entries[0]["code"], skill="70", time="1")
    for judge in judges:
        await run.mark(stage_id, judge, entries[1]["code"], skill="60", time="1")
    summary = await run.rank(stage_id)
    assert summary["ranked"] == 2
    progress = await run.call("GET", f"/v1/stages/{stage_id}/progress")
    assert (progress["competing"], progress["no_shows"], progress["missing_sheets"]) == (2, 1, 0)


PRELIMINARY_TOP_2 = [
    {"kind": "preliminary", "advancement": [{"group": "职工组", "kind": "top_n", "value": "2"}]},
    {"kind": "final"},
]


async def test_a_tie_across_the_boundary_waits_for_a_decision_that_fills_only_its_places(
    build_contest: Any, flow: Any, tree: Any
) -> None:
    same = [("80", "100"), ("80", "100"), ("80", "100")]
    run = await scored(
        build_contest,
        flow,
        tree,
        {
            "甲": [("90", "1"), ("90", "1"), ("90", "1")],
            "乙": same,
            "丙": same,
            "丁": [("50", "1")] * 3,
        },
        stages=PRELIMINARY_TOP_2,
    )
    summary = await run.rank(run.stage_id)
    assert (summary["advancing"], summary["open_ties"]) == (1, 1)
    results = {r["display_name"]: r["advances"] for r in await run.results(run.stage_id)}
    assert results == {"甲": True, "乙": None, "丙": None, "丁": False}
    refused = await run.client.post(f"/v1/stages/{run.stage_id}/publish", headers=run.headers)
    assert refused.json()["type"].endswith("decision-needed")

    (decision,) = await run.call("GET", f"/v1/stages/{run.stage_id}/decisions")
    assert (decision["rank"], decision["places"]) == (2, 1)
    assert {t["display_name"] for t in decision["tied"]} == {"乙", "丙"}
    outsider = run.ids["丁"]
    wrong = await run.client.post(
        f"/v1/decisions/{decision['id']}",
        json={"advancing_entry_ids": [outsider], "reason": "x"},
        headers=run.headers,
    )
    assert wrong.status_code == 422
    # One place is left: advancing both tied entries would put three through a top 2.
    both = await run.client.post(
        f"/v1/decisions/{decision['id']}",
        json={"advancing_entry_ids": [run.ids["乙"], run.ids["丙"]], "reason": "并列均晋级"},
        headers=run.headers,
    )
    assert both.status_code == 422
    await run.call(
        "POST",
        f"/v1/decisions/{decision['id']}",
        json={"advancing_entry_ids": [run.ids["丙"]], "reason": "现场加赛丙胜"},
    )
    # Ranking again keeps a decision on the same tie.
    assert (await run.rank(run.stage_id))["open_ties"] == 0
    await run.call("POST", f"/v1/stages/{run.stage_id}/publish")
    await run.end_notice(run.stage_id)
    await run.call("POST", f"/v1/stages/{run.stage_id}/close")

    final = await run.start("final")
    entries = await run.call("GET", f"/v1/stages/{final}/entries")
    assert sorted(run.by_code[e["entry_code"]] for e in entries) == ["丙", "甲"]


async def test_top_percent_and_threshold_rules(build_contest: Any, flow: Any, tree: Any) -> None:
    marks = {
        name: [(str(score), "1")] * 3
        for name, score in zip("ABCDEFG", range(90, 55, -5), strict=False)
    }
    run = await scored(
        build_contest,
        flow,
        tree,
        marks,
        stages=[
            {
                "kind": "preliminary",
                "advancement": [{"group": "职工组", "kind": "top_percent", "value": "30"}],
            },
            {"kind": "final"},
        ],
    )
    await run.rank(run.stage_id)
    advancing = [r["display_name"] for r in await run.results(run.stage_id) if r["advances"]]
    assert advancing == ["A", "B", "C"]  # ceil(7 × 30%) = 3

    await run.call("POST", f"/v1/stages/{run.stage_id}/reopen")
    group = run.contest.group()
    await run.call(
        "PUT",
        f"/v1/stages/{run.stage_id}/advancement",
        json=[{"group_id": group, "kind": "threshold", "value": "75"}],
    )
    await run.rank(run.stage_id)
    advancing = [r["display_name"] for r in await run.results(run.stage_id) if r["advances"]]
    assert advancing == ["A", "B", "C", "D"]


async def test_the_notice_period_must_run_before_a_stage_closes(
    build_contest: Any, flow: Any, tree: Any
) -> None:
    run = await scored(build_contest, flow, tree, {"甲": [("90", "1")] * 3})
    await run.rank(run.stage_id)
    await run.call("POST", f"/v1/stages/{run.stage_id}/publish")
    early = await run.client.post(f"/v1/stages/{run.stage_id}/close", headers=run.headers)
    assert early.status_code == 409
    assert early.json()["type"].endswith("notice-period")


async def test_cadre_of_another_subtree_gets_404_on_stage_routes(
    build_contest: Any, flow: Any, tree: Any, organiser: Any
) -> None:
    run = await scored(
        build_contest,
        flow,
        tree,
        {"甲": [("80", "1")] * 3, "乙": [("80", "1")] * 3},
        stages=PRELIMINARY_TOP_2[:0]
        + [
            {
                "kind": "preliminary",
                "advancement": [{"group": "职工组", "kind": "top_n", "value": "1"}],
            },
            {"kind": "final"},
        ],
    )
    await run.rank(run.stage_id)
    (decision,) = await run.call("GET", f"/v1/stages/{run.stage_id}/decisions")
    outsider = organiser(tree.other_province)
    entry, stage = run.ids["甲"], run.stage_id
    for method, path, body in (
        ("POST", f"/v1/stages/{stage}/start", None),
        ("GET", f"/v1/stages/{stage}/entries", None),
        ("PUT", f"/v1/stages/{stage}/entries/{entry}/attendance", {"attendance": "no_show"}),
        ("GET", f"/v1/stages/{stage}/progress", None),
        ("POST", f"/v1/stages/{stage}/rank", None),
        ("POST", f"/v1/stages/{stage}/reopen", None),
        ("GET", f"/v1/stages/{stage}/results", None),
        ("GET", f"/v1/stages/{stage}/decisions", None),
        (
            "POST",
            f"/v1/decisions/{decision['id']}",
            {"advancing_entry_ids": [], "reason": "均不晋级"},
        ),
        ("POST", f"/v1/stages/{stage}/entries/{entry}/review", {"note": "复核"}),
        ("POST", f"/v1/stages/{stage}/publish", None),
        ("POST", f"/v1/stages/{stage}/close", None),
    ):
        response = await run.client.request(method, path, json=body, headers=outsider)
        assert response.status_code == 404, (method, path, response.text)
        if path.startswith("/v1/decisions/"):  # named for what was asked for, not its stage
            assert response.json()["type"].endswith("decision-not-found"), response.text


@pytest.mark.parametrize("role", ["member", "enterprise"])
async def test_other_roles_cannot_run_stages(
    build_contest: Any, flow: Any, tree: Any, auth: Any, role: str
) -> None:
    run = await scored(build_contest, flow, tree, {"甲": [("80", "1")] * 3})
    response = await run.client.post(f"/v1/stages/{run.stage_id}/rank", headers=auth(role))
    assert response.status_code == 404


async def test_a_withdrawal_takes_the_entry_out_of_the_ranking(
    build_contest: Any, flow: Any, tree: Any
) -> None:
    run = await scored(
        build_contest, flow, tree, {"甲": [("90", "1")] * 3, "乙": [("80", "1")] * 3}
    )
    await run.rank(run.stage_id)
    await run.call("POST", f"/v1/entries/{run.ids['甲']}/withdraw", json={"reason": "因伤退赛"})
    # The stage was ranked with the entry in: it goes back to scoring.
    stage = (await run.call("GET", f"/v1/events/{run.contest.event_id}"))["stages"][0]
    assert stage["status"] == "scoring"
    entries = await run.call("GET", f"/v1/stages/{run.stage_id}/entries")
    assert {e["entry_id"]: e["attendance"] for e in entries}[run.ids["甲"]] == "withdrawn"
    # Attendance cannot bring it back, nor withdraw another entry behind its back.
    url = f"/v1/stages/{run.stage_id}/entries/{{}}/attendance"
    for entry, value in ((run.ids["甲"], "competing"), (run.ids["乙"], "withdrawn")):
        refused = await run.client.put(
            url.format(entry), json={"attendance": value}, headers=run.headers
        )
        assert refused.status_code == 409
        assert refused.json()["type"] == "urn:gonghui:problem:entry-withdrawn"
    await run.rank(run.stage_id)
    assert [(r["display_name"], r["rank"]) for r in await run.results(run.stage_id)] == [("乙", 1)]


async def test_prizes_change_until_the_final_is_ranked(
    build_contest: Any, flow: Any, tree: Any
) -> None:
    run = await scored(build_contest, flow, tree, {"甲": [("90", "1")] * 3})
    path = f"/v1/groups/{run.contest.group()}/awards"
    body = {
        "prizes": [{"prize": "special", "min_rank": 1, "max_rank": 1}],
        "honours": [{"honour": "may_day_labour_medal", "max_rank": 1}],
    }
    updated = await run.call("PUT", path, json=body)
    assert [p["prize"] for p in updated["prizes"]] == ["special"]
    overlapping = body | {
        "prizes": [
            {"prize": "first", "min_rank": 1, "max_rank": 2},
            {"prize": "second", "min_rank": 2, "max_rank": 3},
        ]
    }
    assert (await run.client.put(path, json=overlapping, headers=run.headers)).status_code == 422
    await run.rank(run.stage_id)
    assert [r["prize"] for r in await run.results(run.stage_id)] == ["special"]
    frozen = await run.client.put(path, json=body, headers=run.headers)
    assert frozen.status_code == 409
