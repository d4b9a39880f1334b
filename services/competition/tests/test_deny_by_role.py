"""Deny by default, walked: every route of this service that takes an id is tried on real
objects by a cadre of another county, a member, an enterprise and a judge, and none gets a
2xx it should not. Routes come from the OpenAPI document, so a new route is walked too (and
fails here until it has a body below)."""

import re
import uuid
from typing import Any

import pytest
from fastapi import FastAPI

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
        },
        ("PATCH", "/v1/events/{event_id}"): {"name": "改名的项目"},
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
        ("POST", "/v1/decisions/{decision_id}"): {"advancing_entry_ids": [], **reason},
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


def id_routes(app: FastAPI) -> list[tuple[str, str, bool]]:
    """(method, path template, takes a body) of every route with an id in its path, but the
    public pages."""
    return [
        (method.upper(), path, "requestBody" in operation)
        for path, operations in app.openapi()["paths"].items()
        for method, operation in operations.items()
        if "{" in path and not path.startswith("/v1/public/")
    ]


@pytest.fixture
async def scene(build_contest: Any, flow: Any, tree: Any) -> Any:
    """A 上城区 county contest: 甲 and 乙 of hospital A tie in the preliminary; the tie is
    decided, the results published and an objection lodged."""
    run = flow(
        await build_contest(
            tree.shangcheng,
            stages=[
                {
                    "kind": "preliminary",
                    "advancement": [{"group": "职工组", "kind": "top_n", "value": "1"}],
                },
                {"kind": "final"},
            ],
        )
    )
    a, b = await run.enter(["甲", "乙"], tree.hospital_a)
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
    delegation = run.auth("cadre", orgs=(tree.hospital_a,))
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
        "no": run.membership.member(tree.hospital_a, "丙"),
        "no2": run.membership.member(tree.hospital_a, "丁"),
        "org_id": str(tree.hospital_a.id),
        "username": username,
    }
    return run


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
    routes = id_routes(app)
    known = bodies(run.ids)
    assert len(routes) > 50  # the walk found the routes (it would pass vacuously otherwise)
    missing = [(m, p) for m, p, takes in routes if takes and (m, p) not in known]
    assert not missing, f"give these routes a body above: {missing}"
    leaks = []
    for method, template, takes_body in routes:
        path = re.sub(r"\{(\w+)\}", lambda m: run.ids[m[1]], template)
        for name, headers in callers.items():
            body = known[(method, template)] if takes_body else None
            response = await run.client.request(method, path, json=body, headers=headers)
            assert "validation-failed" not in response.text, (method, template, response.text)
            if response.is_success and (method, template) not in ALLOWED[name]:
                leaks.append((name, method, template, response.status_code))
    assert leaks == []
