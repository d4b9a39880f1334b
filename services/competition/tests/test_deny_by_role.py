"""Deny by default, walked: every route of this service that takes an id, in its path, its
query string or its body, is tried on real objects by a cadre of another county, a member,
an enterprise and a judge, and none gets a 2xx it should not; then the other county's
organiser tries each route on its own contest with this one's ids in the query string and
body. Routes and their id fields come from the OpenAPI document (servicekit.testing.walk),
so a new route or id field is walked too (and fails here until a request below fills it)."""

import json
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from fastapi import FastAPI

from servicekit.testing.walk import IdInput, graft, id_inputs, unfilled

# The few answers these callers are entitled to: members see announced competitions and
# their own objections (none here); a judge works on the stages they sit on, by code.
ALLOWED: dict[str, set[tuple[str, str]]] = {
    "other_county": set(),
    "member": {
        ("GET", "/v1/competitions/{competition_id}"),
        ("GET", "/v1/competitions/{competition_id}/events"),
        ("GET", "/v1/events/{event_id}"),
        ("GET", "/v1/stages/{stage_id}/objections"),
    },
    "enterprise": set(),
    "judge": {
        ("GET", "/v1/judging/stages/{stage_id}"),
        ("GET", "/v1/judging/stages/{stage_id}/sheets/{entry_code}"),
        ("PUT", "/v1/judging/stages/{stage_id}/sheets/{entry_code}"),
        ("POST", "/v1/judging/competitions/{competition_id}/conflicts"),
    },
}


# Batches that answer, of every id they did not act on, that they left it unchanged or
# that it is not eligible.
BATCHES = {
    ("POST", "/v1/competitions/{competition_id}/entries/approve"),
    ("POST", "/v1/events/{event_id}/entries/batch"),
}


def bodies(ids: dict[str, str]) -> dict[tuple[str, str], Any]:
    """A well-formed body for every route that takes one: refusals must come from the
    access rules, not from validation."""
    group, entry, judge = ids["group_id"], ids["entry_id"], ids["judge_id"]
    reason = {"reason": "走查测试理由"}
    return {
        ("PATCH", "/v1/competitions/{competition_id}"): {"name": "改名的竞赛"},
        ("POST", "/v1/competitions/{competition_id}/events"): {
            "name": "新项目",
            "format": "individual",
            "rubric": {
                "criteria": [
                    {
                        "code": "skill",
                        "name": "操作",
                        "kind": "judged",
                        "max_mark": "100",
                        "weight": "1",
                    }
                ]
            },
            "judges_per_entry": 1,
            "groups": [{"kind": "employee", "name": "职工组"}],
            "stages": [{"kind": "final"}],
            "eligibility": {"org_ids": [ids["org_id"]]},
        },
        ("PATCH", "/v1/events/{event_id}"): {
            "name": "改名的项目",
            "eligibility": {"org_ids": [ids["org_id"]]},
        },
        ("PUT", "/v1/groups/{group_id}/awards"): {
            "prizes": [{"prize": "first", "min_rank": 1, "max_rank": 1}]
        },
        ("PUT", "/v1/stages/{stage_id}/advancement"): [
            {"group_id": group, "kind": "top_n", "value": "2"}
        ],
        ("POST", "/v1/events/{event_id}/entries"): {"group_id": group, "membership_no": ids["no"]},
        ("POST", "/v1/events/{event_id}/entries/batch"): {
            "group_id": group,
            "membership_nos": [ids["no"]],
        },
        ("POST", "/v1/events/{event_id}/student-entries"): {
            "group_id": group,
            "name": "学生",
            "school": "杭州技师学院",
        },
        ("POST", "/v1/events/{event_id}/team-entries"): {
            "group_id": group,
            "org_id": ids["org_id"],
            "team_name": "一队",
            "membership_nos": [ids["no"], ids["no2"]],
        },
        ("POST", "/v1/entries/{entry_id}/approve"): reason,
        ("POST", "/v1/competitions/{competition_id}/entries/approve"): {"entry_ids": [entry]},
        ("POST", "/v1/entries/{entry_id}/reject"): reason,
        ("POST", "/v1/entries/{entry_id}/withdraw"): reason,
        ("POST", "/v1/competitions/{competition_id}/judges"): {"username": ids["username"]},
        ("POST", "/v1/stages/{stage_id}/panel"): {"judge_ids": [judge]},
        ("POST", "/v1/judges/{judge_id}/conflicts"): {"entry_id": entry, **reason},
        ("POST", "/v1/judging/competitions/{competition_id}/conflicts"): {
            "entry_code": ids["entry_code"],
            **reason,
        },
        ("PUT", "/v1/judging/stages/{stage_id}/sheets/{entry_code}"): {
            "marks": {"skill": "99", "time": "60"},
            **reason,
        },
        ("PUT", "/v1/stages/{stage_id}/entries/{entry_id}/attendance"): {"attendance": "no_show"},
        ("POST", "/v1/decisions/{decision_id}"): {"advancing_entry_ids": [entry], **reason},
        ("POST", "/v1/stages/{stage_id}/entries/{entry_id}/review"): {"note": "已复核"},
        ("POST", "/v1/stages/{stage_id}/objections"): {
            "entry_id": entry,
            "for_entry_id": ids["other_entry_id"],
            **reason,
        },
        ("POST", "/v1/objections/{objection_id}/uphold"): {"note": "维持异议"},
        ("POST", "/v1/objections/{objection_id}/dismiss"): {"note": "驳回异议"},
        ("POST", "/v1/stages/{stage_id}/rescore/apply"): {"fingerprint": "0" * 64},
    }


Request = dict[str, Any]


def requests(ids: dict[str, str]) -> dict[tuple[str, str], list[Request]]:
    """The bodies above, and the query strings of the routes that take ids there."""
    return {
        **{route: [{"json": body}] for route, body in bodies(ids).items()},
        ("POST", "/v1/competitions"): [
            {
                "json": {
                    "name": "走查竞赛",
                    "kind": "vocational_skills",
                    "level": "county",
                    "year": 2026,
                    "host_org_id": ids["county_id"],
                    "organiser_org_ids": [ids["org_id"]],
                }
            }
        ],
        ("GET", "/v1/stats/participation"): [{"params": {"org_id": ids["county_id"]}}],
        ("GET", "/v1/competitions/{competition_id}/entries"): [
            {"params": {"event_id": ids["event_id"], "group_id": ids["group_id"]}}
        ],
        ("GET", "/v1/stages/{stage_id}/assignments"): [{"params": {"judge_id": ids["judge_id"]}}],
        ("GET", "/v1/stages/{stage_id}/results"): [{"params": {"group_id": ids["group_id"]}}],
        ("GET", "/v1/competitions/{competition_id}/awards"): [
            {"params": {"event_id": ids["event_id"]}}
        ],
    }


def walked(app: FastAPI) -> tuple[list[tuple[str, str, bool]], list[IdInput]]:
    """(method, path template, takes a body) of every route that takes an id anywhere, and
    those ids' places; the public pages and membership's signed events aside."""
    document = app.openapi()
    inputs = [
        i for i in id_inputs(document) if not i.path.startswith(("/v1/public/", "/v1/webhooks/"))
    ]
    named = {(i.method, i.path) for i in inputs}
    routes = [
        (method.upper(), path, "requestBody" in operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if (method.upper(), path) in named
    ]
    return routes, inputs


def path_of(template: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: ids[m[1]], template)


def victims_of(ids: dict[str, str]) -> set[str]:
    return {v for k, v in ids.items() if k not in ("username", "grant_id")}


Scene = Callable[..., Awaitable[Any]]


@pytest.fixture
def make_scene(build_contest: Any, flow: Any, tree: Any) -> Scene:
    """A county contest of `county`: 甲 and 乙 of `hospital` tie in the preliminary; the tie
    is decided, the results published and an objection lodged."""

    async def build(county: Any, hospital: Any) -> Any:
        run = flow(
            await build_contest(
                county,
                stages=[
                    {
                        "kind": "preliminary",
                        "advancement": [{"group": "职工组", "kind": "top_n", "value": "1"}],
                    },
                    {"kind": "final"},
                ],
            )
        )
        a, b = await run.enter(["甲", "乙"], hospital)
        await run.close_registration()
        stage_id = await run.start("preliminary")
        judges = await run.judges(3)
        await run.panel(stage_id, judges)
        await run.record_scores(stage_id, lambda code, n: {"skill": "80", "time": "60"})
        await run.rank(stage_id)
        (decision,) = await run.call("GET", f"/v1/stages/{stage_id}/decisions")
        await run.call(
            "POST",
            f"/v1/decisions/{decision['id']}",
            json={"advancing_entry_ids": [a["id"]], "reason": "加赛甲胜"},
        )
        await run.call("POST", f"/v1/stages/{stage_id}/publish")
        delegation = run.auth("cadre", orgs=(hospital,))
        objection = await run.call(
            "POST",
            f"/v1/stages/{stage_id}/objections",
            201,
            json={"entry_id": a["id"], "for_entry_id": b["id"], "reason": "加赛程序有误"},
            headers=delegation,
        )
        sheets = await run.call("GET", f"/v1/stages/{stage_id}/entries/{a['id']}/sheets")
        username, _ = run.membership.account(tree.medical_society)
        run.judge = judges[0]
        run.ids = {
            "county_id": str(county.id),
            "competition_id": run.contest.id,
            "event_id": run.contest.event_id,
            "group_id": run.contest.group(),
            "stage_id": stage_id,
            "entry_id": a["id"],
            "other_entry_id": b["id"],
            "entry_code": a["code"],
            "judge_id": judges[0].id,
            "decision_id": decision["id"],
            "objection_id": objection["id"],
            "sheet_id": sheets[0]["id"],
            # Nothing is finalised: no grant exists anywhere, and none may be retried.
            "grant_id": str(uuid.uuid4()),
            "no": run.membership.member(hospital, "丙"),
            "no2": run.membership.member(hospital, "丁"),
            "org_id": str(hospital.id),
            "username": username,
        }
        return run

    return build


@pytest.fixture
async def scene(make_scene: Scene, tree: Any) -> Any:
    return await make_scene(tree.shangcheng, tree.hospital_a)


async def test_no_caller_gets_what_it_should_not_on_any_id_route(
    scene: Any, app: FastAPI, tree: Any, auth: Any, organiser: Any
) -> None:
    run = scene
    callers = {
        "other_county": auth(
            "cadre", orgs=(tree.gongshu,), permissions=("run_competitions", "judge")
        ),
        "member": auth("member", person_id=str(uuid.uuid4())),
        "enterprise": auth("enterprise", enterprise_scope="91330102MA2H3K4L5P"),
        "judge": run.judge.headers,
    }
    routes, inputs = walked(app)
    known = requests(run.ids)
    assert len(routes) > 50  # the walk found the routes (it would pass vacuously otherwise)
    missing = [(m, p) for m, p, takes in routes if takes and (m, p) not in known]
    assert not missing, f"give these routes a body above: {missing}"
    unnamed = unfilled(inputs, known, victims_of(run.ids))
    assert not unnamed, f"name this contest's objects in these fields above: {unnamed}"
    leaks = []
    for method, template, _ in routes:
        for request in known.get((method, template), [{}]):
            for name, headers in callers.items():
                response = await run.client.request(
                    method, path_of(template, run.ids), headers=headers, **request
                )
                assert "validation-failed" not in response.text, (method, template, response.text)
                if response.is_success and (method, template) not in ALLOWED[name]:
                    leaks.append((name, method, template, response.status_code))
    assert leaks == []


async def open_contest(run: Any, hospital: Any) -> dict[str, str]:
    """The ids of a contest still taking entries, beside `run`'s (one entry pending, judges
    added, the stage planned): what the actions refused on a finished contest for their
    state would otherwise do."""
    entry = await run.call(
        "POST",
        f"/v1/events/{run.contest.event_id}/entries",
        201,
        json={
            "group_id": run.contest.group(),
            "membership_no": run.membership.member(hospital, "戊"),
        },
    )
    judges = await run.judges(1)
    return {
        **run.ids,
        "competition_id": run.contest.id,
        "event_id": run.contest.event_id,
        "group_id": run.contest.group(),
        "stage_id": run.contest.stage(),
        "entry_id": entry["id"],
        "judge_id": judges[0].id,
    }


async def test_no_organiser_reaches_another_countys_contest_through_its_own(
    scene: Any, make_scene: Scene, build_contest: Any, flow: Any, app: FastAPI, tree: Any
) -> None:
    """拱墅区's organiser makes each request on 拱墅区's own contests (reads on a finished
    one, changes on one taking entries), as it would succeed, with one id of its query
    string or body naming 上城区's instead: an entrant, a team's union, a judge, an entry to
    approve, an organisation admitted..."""
    own = await make_scene(tree.gongshu, tree.hospital_b)
    fresh = flow(await build_contest(tree.gongshu))
    fresh.ids = own.ids
    _, inputs = walked(app)
    theirs = requests(scene.ids)
    victims = victims_of(scene.ids)
    leaks = []
    for one in inputs:
        route = (one.method, one.path)
        if one.place == "path":
            continue
        ids = own.ids if one.method == "GET" else await open_contest(fresh, tree.hospital_b)
        for mine, foreign in zip(requests(ids)[route], theirs[route], strict=True):
            request = graft(mine, foreign, one)
            if request is None:
                continue
            response = await own.client.request(
                one.method,
                path_of(one.path, ids),
                headers={**own.headers, "If-Match": "*"},
                **request,
            )
            if not response.is_success:
                continue
            # A filter, or a batch, naming another contest's objects matches nothing of this
            # one, and shows nothing of them but the ids the caller sent.
            sent = json.dumps(request)
            shown = any(v in response.text and v not in sent for v in victims)
            if shown or (one.method != "GET" and route not in BATCHES):
                leaks.append((one, response.status_code, response.text[:300]))
    assert not leaks, "\n".join(map(str, leaks))
