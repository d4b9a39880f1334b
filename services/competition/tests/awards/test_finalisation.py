"""Finalisation: prizes become awards, honours reach members' records through the outbox,
once per award however often they are delivered."""

from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from competition.awards.delivery import HONOUR_TOPIC, honour_handler
from competition.models import OutboxMessage
from servicekit.outbox import OutboxRelay


async def finish(run: Any, marks: dict[str, str]) -> str:
    """Score the final (skill per blind code), rank, publish, close."""
    await run.close_registration()
    stage_id = await run.start()
    judges = await run.judges(3)
    await run.panel(stage_id, judges)
    await run.record_scores(stage_id, lambda code, n: {"skill": marks[code], "time": "60"})
    await run.rank(stage_id)
    await run.call("POST", f"/v1/stages/{stage_id}/publish")
    await run.end_notice(stage_id)
    await run.call("POST", f"/v1/stages/{stage_id}/close")
    return stage_id


@pytest.fixture
async def individual(build_contest: Any, flow: Any, tree: Any) -> Any:
    """A city skills contest: employee and student groups, a closed final."""
    run = flow(
        await build_contest(
            tree.city,
            competition={"level": "city"},
            groups=[{"kind": "employee", "name": "职工组"}, {"kind": "student", "name": "学生组"}],
        )
    )
    workers = await run.enter(["王师傅", "李师傅"], tree.hospital_a)
    student = await run.call(
        "POST",
        f"/v1/events/{run.contest.event_id}/student-entries",
        201,
        json={"group_id": run.contest.group("学生组"), "name": "陈同学", "school": "杭州技师学院"},
    )
    await run.call("POST", f"/v1/entries/{student['id']}/approve")
    run.workers = workers
    await finish(run, {workers[0]["code"]: "95", workers[1]["code"]: "90", student["code"]: "99"})
    return run


class Relay:
    """The app's relay on the test's transaction. The relay takes messages due by `now()`,
    which inside the test's one transaction stays at its start: `deliver_due` first moves
    every pending message's due time back to it, as if the wait had passed."""

    def __init__(self, app: FastAPI, backoff: tuple[int, ...]) -> None:
        handler = honour_handler(app.state.membership)
        self.sessionmaker = app.state.sessionmaker
        self.relay = OutboxRelay(
            self.sessionmaker, OutboxMessage, {HONOUR_TOPIC: handler}, backoff=backoff
        )

    async def deliver_due(self) -> int:
        async with self.sessionmaker() as session, session.begin():
            await session.execute(
                text(
                    "UPDATE competition.outbox_message SET next_attempt_at = now()"
                    " WHERE status = 'pending'"
                )
            )
        return await self.relay.deliver_due()


def relay(app: FastAPI, backoff: tuple[int, ...] = (0, 0)) -> Relay:
    return Relay(app, backoff)


async def test_finalisation_awards_prizes_and_sends_honours_once(
    individual: Any, app: FastAPI
) -> None:
    run = individual
    done = await run.call("POST", f"/v1/competitions/{run.contest.id}/finalise")
    assert (done["awards"], done["honours_queued"], done["honours_skipped"]) == (3, 2, 0)
    awards = await run.call("GET", f"/v1/competitions/{run.contest.id}/awards")
    by_name = {a["display_name"]: a for a in awards}
    assert {n: (a["rank"], a["prize"]) for n, a in by_name.items()} == {
        "王师傅": (1, "first"),
        "李师傅": (2, "second"),
        "陈同学": (1, "first"),
    }
    winner = by_name["王师傅"]["honours"]
    assert sorted((h["kind"], h["title"], h["delivery"]) for h in winner) == [
        ("may_day_labour_medal", "杭州市五一劳动奖章", "pending"),
        ("technical_expert", "杭州市技术能手", "pending"),
    ]
    assert by_name["陈同学"]["honours"] == []  # students take prizes, no honours

    assert await relay(app).deliver_due() == 2
    number = run.workers[0]["participants"][0]["membership_no"]
    granted = list(run.membership.honours.values())
    assert sorted(g["kind"] for g in granted) == ["may_day_labour_medal", "technical_expert"]
    # The host grants, and membership checks its authority for the level (contract C3).
    assert {(g["membership_no"], g["level"], g["granting_org_id"]) for g in granted} == {
        (number, "city", str(run.tree.city.id))
    }
    delivered = await run.call("GET", f"/v1/competitions/{run.contest.id}/awards")
    assert {h["delivery"] for a in delivered for h in a["honours"]} == {"delivered"}

    # A redelivery (say the relay crashed before recording success) changes nothing.
    grant_id = winner[0]["id"]
    await run.call("POST", f"/v1/honour-grants/{grant_id}/retry")
    assert await relay(app).deliver_due() == 1
    assert len(run.membership.honours) == 2
    assert run.membership.honour_calls == 3

    again = await run.client.post(
        f"/v1/competitions/{run.contest.id}/finalise", headers=run.headers
    )
    assert again.status_code == 409


async def test_deliveries_retry_while_membership_is_down_then_dead_letter(
    individual: Any, app: FastAPI, session: Any
) -> None:
    run = individual
    await run.call("POST", f"/v1/competitions/{run.contest.id}/finalise")
    run.membership.down = True
    await relay(app, backoff=(0,)).deliver_due()
    awards = await run.call("GET", f"/v1/competitions/{run.contest.id}/awards")
    honours = [h for a in awards for h in a["honours"]]
    assert {(h["delivery"], h["attempts"]) for h in honours} == {("pending", 1)}
    assert "503" in honours[0]["last_error"]
    await relay(app, backoff=(0,)).deliver_due()
    dead = [
        h
        for a in await run.call("GET", f"/v1/competitions/{run.contest.id}/awards")
        for h in a["honours"]
    ]
    assert {h["delivery"] for h in dead} == {"dead"}

    run.membership.down = False
    for honour in dead:
        await run.call("POST", f"/v1/honour-grants/{honour['id']}/retry")
    assert await relay(app).deliver_due() == 2
    assert len(run.membership.honours) == 2


async def test_an_honour_membership_refuses_is_dead_lettered_at_once(
    individual: Any, app: FastAPI
) -> None:
    run = individual
    await run.call("POST", f"/v1/competitions/{run.contest.id}/finalise")
    run.membership.members.clear()  # the winner's record is gone: 404, whatever the retries
    await relay(app).deliver_due()
    honours = [
        h
        for a in await run.call("GET", f"/v1/competitions/{run.contest.id}/awards")
        for h in a["honours"]
    ]
    assert {(h["delivery"], h["attempts"]) for h in honours} == {("dead", 1)}
    assert "404" in honours[0]["last_error"]


async def test_a_winning_team_brings_worker_pioneer_to_each_member(
    build_contest: Any, flow: Any, tree: Any, app: FastAPI
) -> None:
    run = flow(
        await build_contest(
            format="team",
            team_size=2,
        )
    )
    numbers = [
        run.membership.member(tree.hospital_b, n) for n in ("赵医生", "钱医生", "孙医生", "李医生")
    ]
    teams = []
    for name, members in (("妇产科医院一队", numbers[:2]), ("妇产科医院二队", numbers[2:])):
        body = {
            "group_id": run.contest.group(),
            "org_id": str(tree.hospital_b.id),
            "team_name": name,
            "membership_nos": members,
        }
        team = await run.call(
            "POST", f"/v1/events/{run.contest.event_id}/team-entries", 201, json=body
        )
        await run.call("POST", f"/v1/entries/{team['id']}/approve")
        teams.append(team)
    await finish(run, {teams[0]["code"]: "88", teams[1]["code"]: "80"})
    await run.call("POST", f"/v1/competitions/{run.contest.id}/finalise")
    assert await relay(app).deliver_due() == 4
    granted = sorted(
        (g["membership_no"], g["kind"], g["team_name"], g["title"])
        for g in run.membership.honours.values()
    )
    assert granted == sorted(
        [(n, "technical_expert", "妇产科医院一队", "浙江省技术能手") for n in numbers[:2]]
        + [(n, "worker_pioneer", "妇产科医院一队", "浙江省工人先锋号") for n in numbers[:2]]
    )


async def test_finalisation_waits_for_every_final(build_contest: Any, flow: Any, tree: Any) -> None:
    run = flow(await build_contest())
    await run.enter(["周师傅"], tree.hospital_a)
    await run.close_registration()
    response = await run.client.post(
        f"/v1/competitions/{run.contest.id}/finalise", headers=run.headers
    )
    assert response.status_code == 409
    assert "产科临床技能" in response.json()["detail"]


async def test_demo_contests_keep_honours_at_home(
    individual: Any, session: Any, app: FastAPI
) -> None:
    run = individual
    await session.execute(
        text("UPDATE competition.competition SET demo = true WHERE id = :id"),
        {"id": run.contest.id},
    )
    done = await run.call("POST", f"/v1/competitions/{run.contest.id}/finalise")
    assert (done["honours_queued"], done["honours_skipped"]) == (0, 2)
    assert await relay(app).deliver_due() == 0


async def test_cadre_of_another_subtree_gets_404_on_award_routes(
    individual: Any, tree: Any, organiser: Any
) -> None:
    run = individual
    await run.call("POST", f"/v1/competitions/{run.contest.id}/finalise")
    awards = await run.call("GET", f"/v1/competitions/{run.contest.id}/awards")
    grant_id = next(h["id"] for a in awards for h in a["honours"])
    outsider = organiser(tree.other_province)
    for method, path in (
        ("POST", f"/v1/competitions/{run.contest.id}/finalise"),
        ("GET", f"/v1/competitions/{run.contest.id}/awards"),
        ("POST", f"/v1/honour-grants/{grant_id}/retry"),
    ):
        response = await run.client.request(method, path, headers=outsider)
        assert response.status_code == 404, (method, path, response.text)
