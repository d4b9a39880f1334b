"""The public leaderboard: no token, nothing before publication, names and organisations
masked, cursor pages."""

from typing import Any

import httpx

from servicekit.pagination import encode_cursor


async def ranked(
    build_contest: Any,
    flow: Any,
    tree: Any,
    names: list[str],
    marks: list[int] | None = None,
    **event: Any,
) -> Any:
    run = flow(await build_contest(**event))
    entries = await run.enter(names, tree.hospital_a)
    marks = marks or [90 - n for n in range(len(names))]
    score = {e["code"]: str(mark) for e, mark in zip(entries, marks, strict=True)}
    await run.close_registration()
    run.stage_id = await run.start()
    await run.panel(run.stage_id, await run.judges(3))
    await run.record_scores(run.stage_id, lambda code, n: {"skill": score[code], "time": "9"})
    await run.rank(run.stage_id)
    return run


async def test_results_are_embargoed_until_published_then_public_and_masked(
    client: httpx.AsyncClient, build_contest: Any, flow: Any, tree: Any
) -> None:
    run = await ranked(build_contest, flow, tree, ["张三丰", "李小龙", "王五"])
    board = f"/v1/public/events/{run.contest.event_id}/leaderboard"
    assert (await client.get(board)).status_code == 404
    assert (await client.get(f"/v1/public/competitions/{run.contest.id}")).status_code == 404

    await run.call("POST", f"/v1/stages/{run.stage_id}/publish")
    response = await client.get(board)
    assert response.status_code == 200, response.text
    page = response.json()
    assert (page["event_name"], page["group_name"], page["stage"]["status"]) == (
        "产科临床技能",
        "职工组",
        "published",
    )
    assert [(r["rank"], r["name"], r["organisation"], r["score"]) for r in page["items"]] == [
        (1, "张**", "杭州*******工会", "90.0000"),
        (2, "李**", "杭州*******工会", "89.0000"),
        (3, "王*", "杭州*******工会", "88.0000"),
    ]
    assert "张三丰" not in response.text
    assert "第一人民医院" not in response.text

    overview = (await client.get(f"/v1/public/competitions/{run.contest.id}")).json()
    assert overview["hosts"] == ["浙江省总工会"]
    (event,) = overview["events"]
    assert [s["kind"] for s in event["published_stages"]] == ["final"]


async def test_leaderboard_pages_with_a_cursor(
    client: httpx.AsyncClient, build_contest: Any, flow: Any, tree: Any
) -> None:
    run = await ranked(build_contest, flow, tree, [f"选手{n}" for n in range(7)])
    await run.call("POST", f"/v1/stages/{run.stage_id}/publish")
    board = f"/v1/public/events/{run.contest.event_id}/leaderboard"
    seen, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 3, "group_id": run.contest.group()}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get(board, params=params)).json()
        seen += [r["rank"] for r in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [1, 2, 3, 4, 5, 6, 7]
    assert "entry_code" not in str(page)  # blind codes stay with the judges

    # A cursor not handed out by this list is refused, never read as the first page.
    for bad in (encode_cursor(["x", "y"]), encode_cursor([1])):
        refused = await client.get(board, params={"cursor": bad})
        assert refused.status_code == 400
        assert refused.json()["type"] == "urn:gonghui:problem:invalid-cursor"
    # One outside the cursors' alphabet is refused as the document's pattern says.
    malformed = await client.get(board, params={"cursor": "%%%"})
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["loc"] == ["query", "cursor"]


async def test_pages_split_shared_ranks_without_losing_or_repeating_a_line(
    client: httpx.AsyncClient, build_contest: Any, flow: Any, tree: Any
) -> None:
    names = [f"选手{n}" for n in range(7)]
    run = await ranked(build_contest, flow, tree, names, marks=[90, 90, 90, 89, 89, 88, 88])
    await run.call("POST", f"/v1/stages/{run.stage_id}/publish")
    board = f"/v1/public/events/{run.contest.event_id}/leaderboard"
    whole = (await client.get(board, params={"limit": 50})).json()["items"]
    assert [r["rank"] for r in whole] == [1, 1, 1, 4, 4, 6, 6]
    for limit in (1, 2):  # a shared rank over three pages, and split between two
        seen, cursor = [], None
        while True:
            params: dict[str, Any] = {"limit": limit}
            if cursor:
                params["cursor"] = cursor
            page = (await client.get(board, params=params)).json()
            seen += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == whole, limit


async def test_students_show_their_masked_school(
    client: httpx.AsyncClient, build_contest: Any, flow: Any, tree: Any
) -> None:
    run = flow(
        await build_contest(
            groups=[{"kind": "employee", "name": "职工组"}, {"kind": "student", "name": "学生组"}]
        )
    )
    await run.enter(["职工甲"], tree.hospital_a)
    student = await run.call(
        "POST",
        f"/v1/events/{run.contest.event_id}/student-entries",
        201,
        json={
            "group_id": run.contest.group("学生组"),
            "name": "陈同学",
            "school": "浙江中医药大学",
        },
    )
    await run.call("POST", f"/v1/entries/{student['id']}/approve")
    await run.close_registration()
    stage_id = await run.start()
    await run.panel(stage_id, await run.judges(3))
    await run.record_scores(stage_id, lambda code, n: {"skill": "70", "time": "9"})
    await run.rank(stage_id)
    await run.call("POST", f"/v1/stages/{stage_id}/publish")
    page = (
        await client.get(
            f"/v1/public/events/{run.contest.event_id}/leaderboard",
            params={"group_id": run.contest.group("学生组")},
        )
    ).json()
    assert [(r["name"], r["organisation"]) for r in page["items"]] == [("陈**", "浙江***大学")]
