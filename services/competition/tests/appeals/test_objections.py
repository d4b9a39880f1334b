"""Publication, the public notice period, objections, and the rescore an upheld one leads to,
previewed before it is applied."""

from typing import Any

import pytest
from sqlalchemy import text


@pytest.fixture
async def published(build_contest: Any, flow: Any, tree: Any) -> Any:
    """Final of three: 甲 (hospital A) 90, 乙 (hospital B) 85, 丙 (hospital B) 80; published."""
    run = flow(await build_contest())
    run.a = await run.enter(["甲"], tree.hospital_a)
    run.b = await run.enter(["乙", "丙"], tree.hospital_b)
    run.ids = {e["display_name"]: e["id"] for e in run.a + run.b}
    run.codes = {e["display_name"]: e["code"] for e in run.a + run.b}
    scores = {run.codes["甲"]: "90", run.codes["乙"]: "85", run.codes["丙"]: "80"}
    await run.close_registration()
    run.stage_id = await run.start()
    run.panel_judges = await run.judges(3)
    await run.panel(run.stage_id, run.panel_judges)
    await run.record_scores(run.stage_id, lambda c, n: {"skill": scores[c], "time": "60"})
    await run.rank(run.stage_id)
    await run.call("POST", f"/v1/stages/{run.stage_id}/publish")
    run.delegation_b = run.auth("cadre", orgs=(tree.hospital_b,))
    return run


async def lodge(run: Any, headers: dict[str, str], against: str, for_: str) -> Any:
    body = {
        "entry_id": run.ids[against],
        "for_entry_id": run.ids[for_],
        "reason": "甲的操作计时有误",
    }
    return await run.client.post(
        f"/v1/stages/{run.stage_id}/objections", json=body, headers=headers
    )


async def test_an_upheld_objection_is_rescored_previewed_and_applied(published: Any) -> None:
    run = published
    lodged = await lodge(run, run.delegation_b, "甲", "乙")
    assert lodged.status_code == 201, lodged.text
    objection = lodged.json()
    assert objection["status"] == "lodged"
    mine = await run.call("GET", f"/v1/stages/{run.stage_id}/objections", headers=run.delegation_b)
    assert [o["id"] for o in mine] == [objection["id"]]

    upheld = await run.call(
        "POST", f"/v1/objections/{objection['id']}/uphold", json={"note": "经核查计时有误"}
    )
    assert upheld["status"] == "upheld"
    stage = (await run.call("GET", f"/v1/events/{run.contest.event_id}"))["stages"][0]
    assert stage["status"] == "rescoring"

    # Only the disputed entry's sheets open again; every change is kept.
    for judge in run.panel_judges:
        sheet_path = f"/v1/judging/stages/{run.stage_id}/sheets/{run.codes['甲']}"
        etag = (await run.client.get(sheet_path, headers=judge.headers)).headers["ETag"]
        body = {"marks": {"skill": "84", "time": "60"}, "reason": "复评：扣除超时分"}
        response = await run.client.put(
            sheet_path, json=body, headers=judge.headers | {"If-Match": etag}
        )
        assert response.status_code == 200, response.text
    other = f"/v1/judging/stages/{run.stage_id}/sheets/{run.codes['乙']}"
    judge = run.panel_judges[0]
    etag = (await run.client.get(other, headers=judge.headers)).headers["ETag"]
    locked = await run.client.put(
        other,
        json={"marks": {"skill": "99", "time": "60"}, "reason": "趁机改分"},
        headers=judge.headers | {"If-Match": etag},
    )
    assert locked.status_code == 409

    preview = await run.call("GET", f"/v1/stages/{run.stage_id}/rescore/preview")
    moves = {
        c["display_name"]: (c["old_rank"], c["new_rank"], c["old_prize"], c["new_prize"])
        for c in preview["changes"]
    }
    assert moves == {"甲": (1, 2, "first", "second"), "乙": (2, 1, "second", "first")}
    # Published results stand until the rescore is applied.
    results = {r["display_name"]: r["rank"] for r in await run.results(run.stage_id)}
    assert results == {"甲": 1, "乙": 2, "丙": 3}

    stale = await run.client.post(
        f"/v1/stages/{run.stage_id}/rescore/apply",
        json={"fingerprint": "0" * 64},
        headers=run.headers,
    )
    assert stale.status_code == 409
    outcome = await run.call(
        "POST",
        f"/v1/stages/{run.stage_id}/rescore/apply",
        json={"fingerprint": preview["fingerprint"]},
    )
    assert (outcome["status"], outcome["changed"]) == ("published", 2)
    results = {r["display_name"]: (r["rank"], r["prize"]) for r in await run.results(run.stage_id)}
    assert results == {"甲": (2, "second"), "乙": (1, "first"), "丙": (3, "second")}
    resolved = await run.call("GET", f"/v1/objections/{objection['id']}")
    assert resolved["status"] == "resolved"


async def test_who_may_object_and_when(published: Any, tree: Any, auth: Any) -> None:
    run = published
    # A cadre with no entry in the stage, and a member of no entry, may not.
    stranger = auth("cadre", orgs=(tree.shangcheng,))
    assert (await lodge(run, stranger, "乙", "丙")).status_code == 403
    entrant = auth(
        "member",
        person_id=run.membership.members[run.a[0]["participants"][0]["membership_no"]]["person_id"],
    )
    own = await lodge(run, entrant, "乙", "甲")
    assert own.status_code == 201, own.text

    dismissed = await run.call(
        "POST", f"/v1/objections/{own.json()['id']}/dismiss", json={"note": "计时无误"}
    )
    assert dismissed["status"] == "dismissed"
    again = await run.client.post(
        f"/v1/objections/{own.json()['id']}/uphold", json={"note": "改判"}, headers=run.headers
    )
    assert again.status_code == 409


async def test_open_objections_hold_the_stage_open(published: Any, session: Any) -> None:
    run = published
    objection = (await lodge(run, run.delegation_b, "甲", "乙")).json()
    await session.execute(
        text(
            "UPDATE competition.stage SET notice_ends_at = now() - interval '1 second'"
            " WHERE id = :id"
        ),
        {"id": run.stage_id},
    )
    late = await lodge(run, run.delegation_b, "丙", "乙")
    assert late.status_code == 409
    held = await run.client.post(f"/v1/stages/{run.stage_id}/close", headers=run.headers)
    assert held.json()["type"].endswith("decision-needed")
    await run.call("POST", f"/v1/objections/{objection['id']}/dismiss", json={"note": "无误"})
    closed = await run.call("POST", f"/v1/stages/{run.stage_id}/close")
    assert closed["status"] == "closed"


async def test_cadre_of_another_subtree_gets_404_on_objection_routes(
    published: Any, tree: Any, organiser: Any
) -> None:
    run = published
    objection = (await lodge(run, run.delegation_b, "甲", "乙")).json()
    outsider = organiser(tree.other_province)
    for method, path, body in (
        (
            "POST",
            f"/v1/stages/{run.stage_id}/objections",
            {"entry_id": run.ids["甲"], "for_entry_id": run.ids["乙"], "reason": "外省异议测试"},
        ),
        ("GET", f"/v1/stages/{run.stage_id}/objections", None),
        ("GET", f"/v1/objections/{objection['id']}", None),
        ("POST", f"/v1/objections/{objection['id']}/uphold", {"note": "维持"}),
        ("POST", f"/v1/objections/{objection['id']}/dismiss", {"note": "驳回"}),
        ("GET", f"/v1/stages/{run.stage_id}/rescore/preview", None),
        ("POST", f"/v1/stages/{run.stage_id}/rescore/apply", {"fingerprint": "0" * 64}),
    ):
        response = await run.client.request(method, path, json=body, headers=outsider)
        assert response.status_code == 404, (method, path, response.text)
