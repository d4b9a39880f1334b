"""Judges stand on membership's word: an account with the judge permission, found by
username, from the account's own organisation. Conflicts run both ways along the tree, and
whoever judges a competition sees codes, not names, until the results are published."""

from typing import Any

import pytest


@pytest.fixture
async def started(build_contest: Any, flow: Any, tree: Any) -> Any:
    """Two entrants from hospital A (under 上城区), two from hospital B; the final started."""
    run = flow(await build_contest())
    run.a = await run.enter(["甲一", "甲二"], tree.hospital_a)
    run.b = await run.enter(["乙一", "乙二"], tree.hospital_b)
    await run.close_registration()
    run.stage_id = await run.start()
    return run


async def add(run: Any, body: dict[str, Any]) -> Any:
    return await run.client.post(
        f"/v1/competitions/{run.contest.id}/judges", json=body, headers=run.headers
    )


async def test_a_judge_is_an_account_with_the_judge_permission(started: Any, tree: Any) -> None:
    run = started
    # What the organiser used to be able to type: any subject, any organisation.
    typed = await add(
        run, {"subject": "not-an-account", "name": "张三", "org_id": str(tree.city.id)}
    )
    assert typed.status_code == 422
    unknown = await add(run, {"username": "nobody.here"})
    reviewer, _ = run.membership.account(tree.city, "审核员", permissions=("review_joins",))
    no_permission = await add(run, {"username": reviewer})
    # Unknown, or known without the permission: the same answer.
    assert (unknown.status_code, no_permission.status_code) == (422, 422)
    assert unknown.json()["type"] == no_permission.json()["type"]
    assert unknown.json()["type"].endswith("judge-account-not-found")
    assert await run.call("GET", f"/v1/competitions/{run.contest.id}/judges") == []


async def test_the_judges_organisation_is_the_accounts(started: Any, tree: Any) -> None:
    run = started
    username, account_id = run.membership.account(tree.hospital_b, "李评委")
    added = await add(run, {"username": username})
    assert added.status_code == 201, added.text
    judge = added.json()
    assert (judge["subject"], judge["username"], judge["name"]) == (account_id, username, "李评委")
    assert (judge["org_id"], judge["org_name"]) == (str(tree.hospital_b.id), "杭州市妇产科医院工会")
    again = await add(run, {"username": username})
    assert again.status_code == 409


async def test_an_account_of_no_organisation_cannot_judge(started: Any, tree: Any) -> None:
    """An expert's account placed nowhere would have no conflicts to check: the organiser
    could seat anyone's colleague as an 'outside expert'."""
    run = started
    expert, _ = run.membership.account(None, "外聘专家")
    refused = await add(run, {"username": expert})
    assert refused.status_code == 422
    assert refused.json()["type"].endswith(":judge-without-organisation")
    assert "organisation" in refused.json()["detail"]
    assert await run.call("GET", f"/v1/competitions/{run.contest.id}/judges") == []


async def test_a_second_organisation_of_the_account_is_no_way_around_a_conflict(
    started: Any, tree: Any
) -> None:
    """The organiser picks a judge whose account acts for the neutral medical society first
    and for hospital A's union second: conflicts run against both, so the judge scores
    hospital B's entrants only."""
    run = started
    username, _ = run.membership.account(
        tree.medical_society, "两头的评委", also=(tree.hospital_a,)
    )
    added = await add(run, {"username": username})
    assert added.status_code == 201, added.text
    assert added.json()["org_id"] == str(tree.medical_society.id)
    slipped = added.json()["id"]
    neutral = await run.judges(2)
    await run.call(
        "POST",
        f"/v1/stages/{run.stage_id}/panel",
        json={"judge_ids": [slipped, *(j.id for j in neutral)]},
    )
    plan = await run.call("POST", f"/v1/stages/{run.stage_id}/assignments/auto")
    assert sorted(plan["short"]) == sorted(e["code"] for e in run.a)
    page = await run.call("GET", f"/v1/stages/{run.stage_id}/assignments", params={"limit": 200})
    scored = {r["entry_id"] for r in page["items"] if r["judge_id"] == slipped}
    assert scored == {e["id"] for e in run.b}


async def test_organisers_find_judges_by_username(started: Any, tree: Any) -> None:
    run = started
    await run.judges(2)
    username, _ = run.membership.account(tree.medical_society, "王评委")
    await add(run, {"username": username})
    found = await run.call(
        "GET", f"/v1/competitions/{run.contest.id}/judges", params={"username": username}
    )
    assert [(j["username"], j["name"]) for j in found] == [(username, "王评委")]


async def test_a_judge_from_above_an_entry_does_not_score_it(started: Any, tree: Any) -> None:
    run = started
    # A 上城区 federation judge sits above hospital A: the old rule only looked down the tree.
    above = await run.judges(1, tree.shangcheng)
    neutral = await run.judges(2)
    plan = await run.panel(run.stage_id, above + neutral)
    assert sorted(plan["short"]) == sorted(e["code"] for e in run.a)
    page = await run.call("GET", f"/v1/stages/{run.stage_id}/assignments", params={"limit": 200})
    scored_by_above = {r["entry_id"] for r in page["items"] if r["judge_id"] == above[0].id}
    assert scored_by_above == {e["id"] for e in run.b}


async def test_a_cadre_who_judges_sees_codes_not_names_until_published(
    started: Any, tree: Any, auth: Any
) -> None:
    run = started
    # The province's organiser is also a judge account of a neutral organisation.
    username, subject = run.membership.account(tree.medical_society, "兼任评委的干部")
    await add(run, {"username": username})
    judges = await run.judges(3)
    cadre = auth(
        "cadre",
        orgs=(tree.province,),
        permissions=("run_competitions", "judge"),
        subject=subject,
    )
    await run.panel(run.stage_id, judges)
    names = ("甲一", "甲二", "乙一", "乙二", "医院")

    listed = await run.client.get(f"/v1/competitions/{run.contest.id}/entries", headers=cadre)
    assert listed.status_code == 200, listed.text
    assert all(e["names_withheld"] for e in listed.json()["items"])
    assert {e["code"] for e in listed.json()["items"]} == {e["code"] for e in run.a + run.b}
    one = await run.client.get(f"/v1/entries/{run.a[0]['id']}", headers=cadre)
    for response in (listed, one):
        assert not any(name in response.text for name in names), response.text

    scores = {run.a[0]["code"]: "90", run.a[1]["code"]: "80", run.b[0]["code"]: "80"}
    scores[run.b[1]["code"]] = "70"
    await run.record_scores(run.stage_id, lambda c, n: {"skill": scores[c], "time": "60"})
    await run.call("POST", f"/v1/stages/{run.stage_id}/rank", headers=cadre)
    results = await run.client.get(f"/v1/stages/{run.stage_id}/results", headers=cadre)
    assert results.status_code == 200
    assert not any(name in results.text for name in names), results.text
    # The organiser who does not judge sees them.
    assert {r["display_name"] for r in await run.results(run.stage_id)} == set(names[:4])

    await run.call("POST", f"/v1/stages/{run.stage_id}/publish", headers=cadre)
    results = await run.client.get(f"/v1/stages/{run.stage_id}/results", headers=cadre)
    assert {r["display_name"] for r in results.json()["items"]} == set(names[:4])
    one = await run.client.get(f"/v1/entries/{run.a[0]['id']}", headers=cadre)
    assert one.json()["display_name"] == "甲一"
