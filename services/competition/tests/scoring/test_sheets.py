"""Score sheets: marks within the rubric, drafts and submission, every change kept."""

from typing import Any

import pytest


@pytest.fixture
async def scoring(build_contest: Any, flow: Any, tree: Any) -> Any:
    run = flow(await build_contest())
    run.entries = await run.enter(["张一", "张二"], tree.hospital_a)
    await run.close_registration()
    run.stage_id = await run.start()
    run.panel_judges = await run.judges(3)
    await run.panel(run.stage_id, run.panel_judges)
    run.judge = run.panel_judges[0]
    run.sheet_path = f"/v1/judging/stages/{run.stage_id}/sheets/{run.entries[0]['code']}"
    return run


async def put(run: Any, body: dict[str, Any], **headers: str) -> Any:
    return await run.client.put(run.sheet_path, json=body, headers=run.judge.headers | headers)


async def test_marks_are_checked_against_the_rubric(scoring: Any) -> None:
    run = scoring
    for marks, submit in (
        ({"skill": "100.5"}, False),  # above the range
        ({"skill": "-1"}, False),
        ({"skill": "90", "speed": "1"}, False),  # not a criterion
        ({"skill": "90.1234"}, False),  # more than 3 places
        ({"skill": 90.5}, False),  # a JSON float
        ({"skill": "90"}, True),  # submitted without every mark
    ):
        response = await put(run, {"marks": marks, "submit": submit})
        assert response.status_code == 422, (marks, response.text)


async def test_a_draft_is_completed_then_submitted_with_its_etag(scoring: Any) -> None:
    run = scoring
    draft = await put(run, {"marks": {"skill": "88.5"}})
    assert draft.status_code == 200, draft.text
    assert (draft.json()["status"], draft.json()["total"]) == ("draft", None)
    assert (await put(run, {"marks": {"skill": "88.5", "time": "312.4"}})).status_code == 428
    stale = await put(run, {"marks": {"skill": "88.5"}}, **{"If-Match": 'W/"7"'})
    assert stale.status_code == 412
    submitted = await put(
        run,
        {"marks": {"skill": "88.5", "time": "312.4"}, "submit": True},
        **{"If-Match": draft.headers["ETag"]},
    )
    assert submitted.status_code == 200, submitted.text
    sheet = submitted.json()
    assert (sheet["status"], sheet["total"]) == ("submitted", "88.50000")
    assert sheet["marks"] == {"skill": "88.5", "time": "312.4"}
    read = await run.client.get(run.sheet_path, headers=run.judge.headers)
    assert read.headers["ETag"] == submitted.headers["ETag"]


async def test_a_submitted_sheet_changes_only_with_a_reason_and_every_change_is_kept(
    scoring: Any,
) -> None:
    run = scoring
    first = await run.mark(run.stage_id, run.judge, run.entries[0]["code"], skill="70", time="200")
    etag = (await run.client.get(run.sheet_path, headers=run.judge.headers)).headers["ETag"]
    body = {"marks": {"skill": "75", "time": "200"}}
    no_reason = await put(run, body, **{"If-Match": etag})
    assert no_reason.status_code == 422
    changed = await put(run, body | {"reason": "漏计一项操作分"}, **{"If-Match": etag})
    assert changed.status_code == 200, changed.text
    assert (first["total"], changed.json()["total"]) == ("70.00000", "75.00000")

    sheets = await run.call(
        "GET", f"/v1/stages/{run.stage_id}/entries/{run.entries[0]['id']}/sheets"
    )
    (sheet,) = sheets
    assert sheet["judge_name"] == "评委1"
    history = await run.call("GET", f"/v1/sheets/{sheet['id']}/history")
    assert [(h["before"] and h["before"]["total"], h["after"]["total"]) for h in history] == [
        (None, "70.00000"),
        ("70.00000", "75.00000"),
    ]
    assert history[1]["reason"] == "漏计一项操作分"
    assert history[1]["changed_by"] == run.judge.subject


async def test_ranked_stages_lock_sheets_until_reopened(scoring: Any) -> None:
    run = scoring
    await run.score_all(
        run.stage_id, run.panel_judges, lambda code, n: {"skill": "80", "time": "100"}
    )
    await run.rank(run.stage_id)
    etag = (await run.client.get(run.sheet_path, headers=run.judge.headers)).headers["ETag"]
    body = {"marks": {"skill": "81", "time": "100"}, "reason": "更正"}
    locked = await put(run, body, **{"If-Match": etag})
    assert locked.status_code == 409
    assert locked.json()["type"].endswith("sheet-locked")
    await run.call("POST", f"/v1/stages/{run.stage_id}/reopen")
    assert (await put(run, body, **{"If-Match": etag})).status_code == 200
    assert await run.results(run.stage_id) == []


async def test_a_judge_only_marks_entries_assigned_to_them(scoring: Any, tree: Any) -> None:
    run = scoring
    spare = (await run.judges(1))[0]
    await run.call("POST", f"/v1/stages/{run.stage_id}/panel", json={"judge_ids": [spare.id]})
    response = await run.client.put(
        run.sheet_path, json={"marks": {"skill": "1"}}, headers=spare.headers
    )
    assert response.status_code == 404


async def test_sheets_and_their_history_are_404_for_a_cadre_of_another_subtree(
    scoring: Any, tree: Any, organiser: Any
) -> None:
    run = scoring
    await run.mark(run.stage_id, run.judge, run.entries[0]["code"], skill="70", time="200")
    (sheet,) = await run.call(
        "GET", f"/v1/stages/{run.stage_id}/entries/{run.entries[0]['id']}/sheets"
    )
    outsider = organiser(tree.other_province)
    for path in (
        f"/v1/sheets/{sheet['id']}/history",
        f"/v1/stages/{run.stage_id}/entries/{run.entries[0]['id']}/sheets",
    ):
        assert (await run.client.get(path, headers=outsider)).status_code == 404, path
