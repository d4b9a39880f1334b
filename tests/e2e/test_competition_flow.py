"""Competition end to end through the gateway: members registered in the real membership
service enter a city contest, judges signed in at membership score it blind, the results go
public, and finalisation puts the honours on the winners' membership records (competition's
outbox relay, its own service token)."""

import time
import uuid
from typing import Any

import httpx
import pytest

from membership.people.generate import valid_id_number

pytestmark = pytest.mark.xdist_group("e2e")

PASSWORD = "e2e-competition-pass"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, (response.request.url, response.text)
    return response.json()


def account(
    gateway: httpx.Client, admin: dict[str, str], org_id: str, permission: str
) -> tuple[str, dict[str, str]]:
    """A cadre account of `org_id` with one permission: (username, its bearer headers)."""
    username = f"e2e.{permission}.{uuid.uuid4().hex[:8]}"
    created = ok(
        gateway.post(
            "/membership/v1/accounts",
            json={
                "username": username,
                "password": PASSWORD,
                "display_name": username,
                "roles": ["cadre"],
                "org_scope": [org_id],
                "permissions": [permission],
            },
            headers=admin,
        ),
        201,
    )
    token = ok(
        gateway.post(
            "/membership/v1/auth/token",
            data={"grant_type": "password", "username": username, "password": PASSWORD},
        )
    )["access_token"]
    assert created["username"] == username
    return username, bearer(token)


def test_a_city_contest_from_entry_to_honours_on_the_members_records(
    gateway: httpx.Client, admin_token: str
) -> None:
    admin = bearer(admin_token)
    city = ok(
        gateway.post(
            "/membership/v1/orgs",
            json={
                "name": "宁波市总工会",
                "kind": "federation",
                "level": "city",
                "region_code": "330200",
            },
            headers=admin,
        ),
        201,
    )
    union = ok(
        gateway.post(
            "/membership/v1/orgs",
            json={
                "name": "宁波市第一医院工会",
                "kind": "grassroots",
                "level": "grassroots",
                "region_code": "330203",
                "parent_id": city["id"],
            },
            headers=admin,
        ),
        201,
    )
    members = [
        ok(
            gateway.post(
                "/membership/v1/members",
                json={
                    "person": {"name": name, "id_number": valid_id_number(9100 + n, "330203")},
                    "org_id": union["id"],
                },
                headers=admin,
            ),
            201,
        )
        for n, name in enumerate(["周护士", "吴护士", "郑护士"])
    ]
    # Judges come from a union related to no entrant's: neither above nor below it.
    society = ok(
        gateway.post(
            "/membership/v1/orgs",
            json={
                "name": "宁波市医学会工会",
                "kind": "grassroots",
                "level": "grassroots",
                "region_code": "330203",
                "parent_id": city["id"],
            },
            headers=admin,
        ),
        201,
    )
    _, organiser = account(gateway, admin, city["id"], "run_competitions")

    competition = ok(
        gateway.post(
            "/competition/v1/competitions",
            json={
                "name": "宁波市护理技能竞赛",
                "kind": "vocational_skills",
                "level": "city",
                "year": 2026,
                "host_org_id": city["id"],
                "notice_days": 0,
            },
            headers=organiser,
        ),
        201,
    )
    event = ok(
        gateway.post(
            f"/competition/v1/competitions/{competition['id']}/events",
            json={
                "name": "静脉输液",
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
                "aggregation": "mean",
                "judges_per_entry": 2,
                "groups": [{"kind": "employee", "name": "职工组"}],
                "stages": [{"kind": "final"}],
            },
            headers=organiser,
        ),
        201,
    )
    path = f"/competition/v1/competitions/{competition['id']}"
    ok(gateway.post(f"{path}/open-registration", headers=organiser))
    entered = ok(
        gateway.post(
            f"/competition/v1/events/{event['id']}/entries/batch",
            json={
                "group_id": event["groups"][0]["id"],
                "membership_nos": [m["membership_no"] for m in members] + ["GH9999999999"],
            },
            headers=organiser,
        ),
        201,
    )
    # Membership checked every number: the unknown one is refused with its reason.
    assert len(entered["entered"]) == 3
    assert [r["membership_no"] for r in entered["refused"]] == ["GH9999999999"]
    ids = [e["id"] for e in entered["entered"]]
    ok(gateway.post(f"{path}/entries/approve", json={"entry_ids": ids}, headers=organiser))
    ok(gateway.post(f"{path}/close-registration", headers=organiser))

    stage_id = event["stages"][0]["id"]
    ok(gateway.post(f"/competition/v1/stages/{stage_id}/start", headers=organiser))
    judges = []
    for _ in range(2):
        # Found by username at membership; the organisation is the account's.
        username, headers = account(gateway, admin, society["id"], "judge")
        judge = ok(
            gateway.post(f"{path}/judges", json={"username": username}, headers=organiser), 201
        )
        assert judge["org_id"] == society["id"]
        judges.append((judge["id"], headers))
    ok(
        gateway.post(
            f"/competition/v1/stages/{stage_id}/panel",
            json={"judge_ids": [j for j, _ in judges]},
            headers=organiser,
        )
    )
    ok(gateway.post(f"/competition/v1/stages/{stage_id}/assignments/auto", headers=organiser))

    # Judges see blind codes only; the mark follows the entry's position in `ids`.
    code_to_mark = {e["code"]: str(95 - 5 * n) for n, e in enumerate(entered["entered"])}
    for _, headers in judges:
        mine = ok(gateway.get(f"/competition/v1/judging/stages/{stage_id}", headers=headers))
        assert "周护士" not in str(mine)
        for entry in mine["entries"]:
            code = entry["entry_code"]
            ok(
                gateway.put(
                    f"/competition/v1/judging/stages/{stage_id}/sheets/{code}",
                    json={"marks": {"skill": code_to_mark[code]}, "submit": True},
                    headers=headers,
                )
            )

    ok(gateway.post(f"/competition/v1/stages/{stage_id}/rank", headers=organiser))
    board = f"/competition/v1/public/events/{event['id']}/leaderboard"
    assert gateway.get(board).status_code == 404  # embargoed until published
    ok(gateway.post(f"/competition/v1/stages/{stage_id}/publish", headers=organiser))
    public = ok(gateway.get(board))  # no token
    assert [(r["rank"], r["name"]) for r in public["items"]] == [
        (1, "周**"),
        (2, "吴**"),
        (3, "郑**"),
    ]
    ok(gateway.post(f"/competition/v1/stages/{stage_id}/close", headers=organiser))
    done = ok(gateway.post(f"{path}/finalise", headers=organiser))
    assert done["honours_queued"] == 2  # the winner: city May Day medal and technical expert

    winner = members[0]
    deadline = time.monotonic() + 30
    while True:
        honours = ok(gateway.get(f"/membership/v1/members/{winner['id']}/honours", headers=admin))
        if len(honours) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert sorted((h["kind"], h["level"], h["title"]) for h in honours) == [
        ("may_day_labour_medal", "city", "宁波市五一劳动奖章"),
        ("technical_expert", "city", "宁波市技术能手"),
    ]
    awards = ok(gateway.get(f"{path}/awards", headers=organiser))
    assert {h["delivery"] for a in awards for h in a["honours"]} == {"delivered"}
    # Runners-up took prizes but no honours.
    for member in members[1:]:
        assert (
            ok(gateway.get(f"/membership/v1/members/{member['id']}/honours", headers=admin)) == []
        )
