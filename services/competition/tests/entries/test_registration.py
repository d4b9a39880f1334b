"""Registration: members (themselves or through their delegation), students with their
school, teams sent by an organisation; eligibility; approval, withdrawal."""

from typing import Any

import httpx
import pytest


@pytest.fixture
async def contest(build_contest: Any) -> Any:
    return await build_contest(
        competition={"kind": "labour"},
        groups=[{"kind": "employee", "name": "职工组"}, {"kind": "student", "name": "学生组"}],
    )


def entrant(auth: Any, membership: Any, number: str) -> dict[str, str]:
    return auth("member", person_id=membership.members[number]["person_id"])


async def test_member_enters_then_organiser_approves(
    client: httpx.AsyncClient, tree: Any, auth: Any, membership: Any, contest: Any
) -> None:
    number = membership.member(tree.hospital_a, "张三丰")
    me = entrant(auth, membership, number)
    body = {"group_id": contest.group(), "membership_no": number}
    created = await client.post(f"/v1/events/{contest.event_id}/entries", json=body, headers=me)
    assert created.status_code == 201, created.text
    entry = created.json()
    assert entry["status"] == "pending"
    assert entry["display_name"] == "张三丰"
    assert entry["org_name"] == "杭州市第一人民医院工会"
    assert len(entry["code"]) == 6
    assert created.headers["Location"] == f"/v1/entries/{entry['id']}"

    refused = await client.post(f"/v1/entries/{entry['id']}/approve", headers=me)
    assert refused.status_code == 403
    approved = await client.post(f"/v1/entries/{entry['id']}/approve", headers=contest.headers)
    assert approved.json()["status"] == "approved"
    mine = (await client.get("/v1/me/entries", headers=me)).json()
    assert [(e["id"], e["status"]) for e in mine] == [(entry["id"], "approved")]

    again = await client.post(f"/v1/events/{contest.event_id}/entries", json=body, headers=me)
    assert again.status_code == 409


async def test_a_member_enters_only_themselves_and_a_delegation_only_its_subtree(
    client: httpx.AsyncClient, tree: Any, auth: Any, membership: Any, contest: Any
) -> None:
    mine = membership.member(tree.hospital_a, "李四")
    theirs = membership.member(tree.hospital_b, "王五")
    path = f"/v1/events/{contest.event_id}/entries"
    me = entrant(auth, membership, mine)
    other = {"group_id": contest.group(), "membership_no": theirs}
    assert (await client.post(path, json=other, headers=me)).status_code == 404

    shangcheng = auth("cadre", orgs=(tree.shangcheng,), permissions=("run_competitions",))
    assert (await client.post(path, json=other, headers=shangcheng)).status_code == 404
    own = {"group_id": contest.group(), "membership_no": mine}
    response = await client.post(path, json=own, headers=shangcheng)
    assert response.status_code == 201, response.text


async def test_eligibility_rules_refuse_with_reasons(
    client: httpx.AsyncClient, tree: Any, auth: Any, membership: Any, build_contest: Any
) -> None:
    contest = await build_contest(
        eligibility={"employment_forms": ["courier"], "org_ids": [str(tree.shangcheng.id)]}
    )
    path = f"/v1/events/{contest.event_id}/entries"
    ok = membership.member(tree.hospital_a, "快递员甲", "courier")
    wrong_form = membership.member(tree.hospital_a, "职工乙", "employee")
    wrong_tree = membership.member(tree.hospital_b, "快递员丙", "courier")
    suspended = membership.member(tree.hospital_a, "快递员丁", "courier", state="suspended")

    async def enter(number: str) -> httpx.Response:
        body = {"group_id": contest.group(), "membership_no": number}
        return await client.post(path, json=body, headers=contest.headers)

    assert (await enter(ok)).status_code == 201
    for number, words in (
        (wrong_form, "employment form"),
        (wrong_tree, "outside the admitted"),
        (suspended, "not an active member"),
    ):
        response = await enter(number)
        assert response.status_code == 422, number
        assert words in response.json()["detail"]
    assert (await enter("GH9999999999")).status_code == 404


async def test_students_enter_with_their_school_through_the_organisers(
    client: httpx.AsyncClient, tree: Any, auth: Any, membership: Any, contest: Any
) -> None:
    path = f"/v1/events/{contest.event_id}/student-entries"
    body = {"group_id": contest.group("学生组"), "name": "陈小红", "school": "杭州职业技术学院"}
    delegation = auth("cadre", orgs=(tree.shangcheng,), permissions=("run_competitions",))
    assert (await client.post(path, json=body, headers=delegation)).status_code == 403
    created = await client.post(path, json=body, headers=contest.headers)
    assert created.status_code == 201, created.text
    student = created.json()
    assert (student["school"], student["org_id"]) == ("杭州职业技术学院", None)
    assert student["participants"][0]["membership_no"] is None

    # The student group is not entered with a membership number, nor students as employees.
    number = membership.member(tree.hospital_a, "赵六")
    as_member = {"group_id": contest.group("学生组"), "membership_no": number}
    response = await client.post(
        f"/v1/events/{contest.event_id}/entries", json=as_member, headers=contest.headers
    )
    assert response.status_code == 422
    as_student = body | {"group_id": contest.group()}
    assert (await client.post(path, json=as_student, headers=contest.headers)).status_code == 422


async def test_a_delegation_sends_a_team_of_its_own_members(
    client: httpx.AsyncClient, tree: Any, auth: Any, membership: Any, build_contest: Any
) -> None:
    contest = await build_contest(format="team", team_size=3)
    path = f"/v1/events/{contest.event_id}/team-entries"
    team = [membership.member(tree.hospital_b, f"医生{n}") for n in range(4)]
    outsider = membership.member(tree.hospital_a, "外院医生")
    delegation = auth("cadre", orgs=(tree.hospital_b,), permissions=("run_competitions",))

    def body(numbers: list[str], org: Any = tree.hospital_b) -> dict[str, Any]:
        return {
            "group_id": contest.group(),
            "org_id": str(org.id),
            "team_name": "妇产科医院队",
            "membership_nos": numbers,
        }

    created = await client.post(path, json=body(team[:3]), headers=delegation)
    assert created.status_code == 201, created.text
    entry = created.json()
    assert entry["display_name"] == "妇产科医院队"
    assert entry["org_name"] == "杭州市妇产科医院工会"
    assert [p["seq"] for p in entry["participants"]] == [1, 2, 3]

    assert (await client.post(path, json=body(team[:2]), headers=delegation)).status_code == 422
    mixed = body([team[3], outsider, team[0]])
    assert (await client.post(path, json=mixed, headers=delegation)).status_code == 422
    again = body([team[3], team[0], team[1]])
    assert (await client.post(path, json=again, headers=contest.headers)).status_code == 409
    elsewhere = body(team[:3], tree.hospital_a)
    assert (await client.post(path, json=elsewhere, headers=delegation)).status_code == 404


async def test_batch_entry_reports_each_refusal(
    client: httpx.AsyncClient, tree: Any, membership: Any, contest: Any
) -> None:
    fine = [membership.member(tree.hospital_a, f"职工{n}") for n in range(3)]
    retired = membership.member(tree.hospital_a, "退会者", state="withdrawn")
    body = {"group_id": contest.group(), "membership_nos": [*fine, retired, "GH0000000000"]}
    path = f"/v1/events/{contest.event_id}/entries/batch"
    response = await client.post(path, json=body, headers=contest.headers)
    assert response.status_code == 201, response.text
    result = response.json()
    assert sorted(e["participants"][0]["membership_no"] for e in result["entered"]) == fine
    assert {r["membership_no"] for r in result["refused"]} == {retired, "GH0000000000"}
    again = (await client.post(path, json=body, headers=contest.headers)).json()
    assert again["entered"] == []
    assert {r["reason"] for r in again["refused"] if r["membership_no"] in fine} == {
        "Already entered in this event"
    }


async def test_withdrawal_by_the_entrant_and_rejection_with_a_reason(
    client: httpx.AsyncClient, tree: Any, auth: Any, membership: Any, contest: Any
) -> None:
    number = membership.member(tree.hospital_a, "钱七")
    me = entrant(auth, membership, number)
    body = {"group_id": contest.group(), "membership_no": number}
    entry = (
        await client.post(f"/v1/events/{contest.event_id}/entries", json=body, headers=me)
    ).json()
    path = f"/v1/entries/{entry['id']}"
    assert (
        await client.post(f"{path}/reject", json={}, headers=contest.headers)
    ).status_code == 422
    withdrawn = await client.post(f"{path}/withdraw", json={"reason": "工作冲突"}, headers=me)
    assert withdrawn.json()["status"] == "withdrawn"
    refused = await client.post(f"{path}/approve", headers=contest.headers)
    assert refused.status_code == 409
    # Withdrawn, the member may enter again.
    again = await client.post(f"/v1/events/{contest.event_id}/entries", json=body, headers=me)
    assert again.status_code == 201


async def test_registration_must_be_open(
    client: httpx.AsyncClient, tree: Any, membership: Any, build_contest: Any
) -> None:
    contest = await build_contest(open_registration=False)
    number = membership.member(tree.hospital_a, "孙八")
    body = {"group_id": contest.group(), "membership_no": number}
    response = await client.post(
        f"/v1/events/{contest.event_id}/entries", json=body, headers=contest.headers
    )
    assert response.status_code == 409
    assert response.json()["type"].endswith("registration-closed")


async def test_replayed_idempotency_key_answers_the_first_entry(
    client: httpx.AsyncClient, tree: Any, membership: Any, contest: Any
) -> None:
    first, second = (membership.member(tree.hospital_a, n) for n in ("周九", "吴十"))
    path = f"/v1/events/{contest.event_id}/entries"
    headers = contest.headers | {"Idempotency-Key": "reg-1"}
    body = {"group_id": contest.group(), "membership_no": first}
    one = await client.post(path, json=body, headers=headers)
    two = await client.post(path, json=body, headers=headers)
    assert (one.status_code, two.status_code) == (201, 201)
    assert one.json()["id"] == two.json()["id"]
    assert one.headers["Location"] == two.headers["Location"] == f"/v1/entries/{one.json()['id']}"
    assert two.headers["Idempotent-Replayed"] == "true"
    other = await client.post(path, json=body | {"membership_no": second}, headers=headers)
    assert other.status_code == 422


async def test_delegations_list_their_own_entries_and_outsiders_get_404(
    client: httpx.AsyncClient,
    tree: Any,
    auth: Any,
    organiser: Any,
    membership: Any,
    contest: Any,
) -> None:
    a = membership.member(tree.hospital_a, "甲")
    b = membership.member(tree.hospital_b, "乙")
    path = f"/v1/events/{contest.event_id}/entries/batch"
    body = {"group_id": contest.group(), "membership_nos": [a, b]}
    entered = (await client.post(path, json=body, headers=contest.headers)).json()["entered"]
    by_number = {e["participants"][0]["membership_no"]: e for e in entered}

    listing = f"/v1/competitions/{contest.id}/entries"
    everything = (await client.get(listing, headers=contest.headers)).json()["items"]
    assert len(everything) == 2
    gongshu = auth("cadre", orgs=(tree.gongshu,))
    own = (await client.get(listing, headers=gongshu)).json()["items"]
    assert [e["id"] for e in own] == [by_number[b]["id"]]
    assert (
        await client.get(f"/v1/entries/{by_number[a]['id']}", headers=gongshu)
    ).status_code == 404

    outsider = organiser(tree.other_province)
    entry_id = by_number[a]["id"]
    for method, url, payload in (
        ("GET", f"/v1/entries/{entry_id}", None),
        ("POST", f"/v1/entries/{entry_id}/approve", None),
        ("POST", f"/v1/competitions/{contest.id}/entries/approve", {"entry_ids": [entry_id]}),
        ("POST", f"/v1/entries/{entry_id}/reject", {"reason": "不符合"}),
        ("POST", f"/v1/entries/{entry_id}/withdraw", {"reason": "不符合"}),
        ("GET", listing, None),
        (
            "POST",
            f"/v1/events/{contest.event_id}/entries",
            {"group_id": contest.group(), "membership_no": a},
        ),
        ("POST", f"/v1/events/{contest.event_id}/entries/batch", body),
        (
            "POST",
            f"/v1/events/{contest.event_id}/student-entries",
            {"group_id": contest.group(), "name": "某", "school": "某校"},
        ),
        (
            "POST",
            f"/v1/events/{contest.event_id}/team-entries",
            {
                "group_id": contest.group(),
                "org_id": str(tree.hospital_a.id),
                "team_name": "队",
                "membership_nos": [a, b],
            },
        ),
    ):
        response = await client.request(method, url, json=payload, headers=outsider)
        assert response.status_code == 404, (method, url, response.text)


async def test_refusals_outside_the_organisers_subtree_say_only_not_eligible(
    client: httpx.AsyncClient, tree: Any, membership: Any, build_contest: Any
) -> None:
    # A city contest's organisers may enter anyone, but learn nothing of members elsewhere.
    contest = await build_contest(tree.city)
    jiangsu = membership.org(tree.other_province.child("南京某公司工会"))
    elsewhere = membership.member(jiangsu, "外省退会者", state="withdrawn")
    inside = membership.member(tree.hospital_a, "本市退会者", state="withdrawn")
    batch = await client.post(
        f"/v1/events/{contest.event_id}/entries/batch",
        json={"group_id": contest.group(), "membership_nos": [elsewhere, "GH0000000000", inside]},
        headers=contest.headers,
    )
    reasons = {r["membership_no"]: r["reason"] for r in batch.json()["refused"]}
    assert reasons[elsewhere] == reasons["GH0000000000"]
    assert "withdrawn" not in reasons[elsewhere]
    assert "南京" not in reasons[elsewhere]
    assert "withdrawn" in reasons[inside]  # the organisers are over this member's union

    async def single(number: str) -> httpx.Response:
        body = {"group_id": contest.group(), "membership_no": number}
        path = f"/v1/events/{contest.event_id}/entries"
        return await client.post(path, json=body, headers=contest.headers)

    held, unknown = await single(elsewhere), await single("GH0000000001")
    assert (held.status_code, held.json()["detail"]) == (
        unknown.status_code,
        unknown.json()["detail"],
    )


async def test_eligibility_names_only_organisations_the_organiser_sees(
    client: httpx.AsyncClient, tree: Any, build_contest: Any, event_payload: Any
) -> None:
    """拱墅区's organiser names 上城区's hospital as the one admitted: the event would come
    back with that union's name, told apart from an id that names nothing."""
    contest = await build_contest(tree.gongshu)
    answers = []
    for org_id in (str(tree.hospital_a.id), "00000000-0000-4000-8000-000000000001"):
        body = event_payload(name=f"项目{org_id[:4]}", eligibility={"org_ids": [org_id]})
        response = await client.post(
            f"/v1/competitions/{contest.id}/events", json=body, headers=contest.headers
        )
        answers.append((response.status_code, response.json()["type"]))
        assert tree.hospital_a.name not in response.text
    assert answers[0] == answers[1]
    assert answers[0][0] == 422
    patched = await client.patch(
        f"/v1/events/{contest.event_id}",
        json={"eligibility": {"org_ids": [str(tree.hospital_a.id)]}},
        headers={**contest.headers, "If-Match": "*"},
    )
    assert patched.status_code == 422
    own = await client.patch(
        f"/v1/events/{contest.event_id}",
        json={"eligibility": {"org_ids": [str(tree.hospital_b.id)]}},
        headers={**contest.headers, "If-Match": "*"},
    )
    assert own.status_code == 200, own.text


async def test_an_organiser_enters_no_member_of_another_county_by_number(
    client: httpx.AsyncClient, tree: Any, auth: Any, membership: Any, build_contest: Any
) -> None:
    """拱墅区's organiser types membership numbers (they are sequential) into their own
    county contest: an entry would come back with the name and union of a member of
    上城区, or of anyone in the country. Such a number is answered like an unknown one; the
    member's own union or the member enters them."""
    contest = await build_contest(tree.gongshu)
    elsewhere = membership.member(tree.hospital_a, "王五")
    path = f"/v1/events/{contest.event_id}/entries"
    answers = []
    for number in (elsewhere, "GH9999999999"):
        body = {"group_id": contest.group(), "membership_no": number}
        response = await client.post(path, json=body, headers=contest.headers)
        answers.append((response.status_code, response.json()["type"]))
        assert "王五" not in response.text
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
    batch = await client.post(
        f"{path}/batch",
        json={"group_id": contest.group(), "membership_nos": [elsewhere]},
        headers=contest.headers,
    )
    assert batch.json()["entered"] == []
    assert "王五" not in batch.text
    own = membership.member(tree.hospital_b, "赵六")
    body = {"group_id": contest.group(), "membership_no": own}
    assert (await client.post(path, json=body, headers=contest.headers)).status_code == 201


async def test_an_organiser_sends_no_team_of_another_countys_union(
    client: httpx.AsyncClient, tree: Any, membership: Any, build_contest: Any
) -> None:
    contest = await build_contest(
        tree.gongshu, format="team", team_size=2, groups=[{"kind": "employee", "name": "职工组"}]
    )
    numbers = [membership.member(tree.hospital_a, name) for name in ("甲", "乙")]
    response = await client.post(
        f"/v1/events/{contest.event_id}/team-entries",
        json={
            "group_id": contest.group(),
            "org_id": str(tree.hospital_a.id),
            "team_name": "一队",
            "membership_nos": numbers,
        },
        headers=contest.headers,
    )
    assert response.status_code == 404
    assert tree.hospital_a.name not in response.text
