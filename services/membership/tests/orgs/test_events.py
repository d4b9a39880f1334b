"""Contract C2: moving or closing an organisation writes an `org.moved` / `org.closed`
outbox row per subscriber in the same transaction, and the relay delivers it signed per
Standard Webhooks; a refusal is retried, a rolled-back move tells nobody."""

import json
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from membership.events.delivery import org_event_relay
from membership.events.models import OutboxMessage
from membership.settings import EventSubscriber, MembershipSettings
from servicekit import webhooks
from servicekit.outbox import DELIVERED, PENDING

SECRET = webhooks.generate_secret()
URL = "http://competition.test/v1/webhooks/membership"
ANY = {"If-Match": "*"}


@pytest.fixture
def settings(database_url: str) -> MembershipSettings:
    return MembershipSettings(
        database_url=database_url,
        environment="test",
        org_event_subscribers=[EventSubscriber(url=URL, secret=SECRET)],  # type: ignore[arg-type]
    )


async def outbox(session: AsyncSession) -> list[OutboxMessage]:
    session.expire_all()
    return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def test_move_and_close_write_one_row_per_subscriber(
    client: httpx.AsyncClient, auth: Any, tree: Any, session: AsyncSession
) -> None:
    admin = auth("admin")
    before = (await client.get(f"/v1/orgs/{tree.gongshu_union}", headers=admin)).json()
    moved = await client.post(
        f"/v1/orgs/{tree.gongshu_union}/move",
        json={"new_parent_id": tree.shangcheng, "region_code": "330102"},
        headers={**admin, **ANY},
    )
    assert moved.status_code == 200, moved.text
    closed = await client.post(f"/v1/orgs/{tree.gongshu_union}/close", headers={**admin, **ANY})
    assert closed.status_code == 200, closed.text

    rows = await outbox(session)
    assert [row.payload["body"]["type"] for row in rows] == ["org.moved", "org.closed"]
    assert {row.payload["url"] for row in rows} == {URL}
    assert rows[0].payload["body"]["data"] == {
        "org_id": tree.gongshu_union,
        "old_path": before["path"],
        "path": moved.json()["path"],
        "parent_id": tree.shangcheng,
        "level": "grassroots",
    }
    assert rows[1].payload["body"]["data"] == {
        "org_id": tree.gongshu_union,
        "path": moved.json()["path"],
    }


async def test_a_refused_move_writes_nothing(
    client: httpx.AsyncClient, auth: Any, tree: Any, session: AsyncSession
) -> None:
    outsider = auth("cadre", org_scope=(tree.shangcheng,), permissions=("manage_orgs",))
    refused = await client.post(
        f"/v1/orgs/{tree.gongshu_union}/move",
        json={"new_parent_id": tree.shangcheng},
        headers={**outsider, **ANY},
    )
    assert refused.status_code == 404
    under_itself = await client.post(
        f"/v1/orgs/{tree.gongshu}/move",
        json={"new_parent_id": tree.gongshu_union},
        headers={**auth("admin"), **ANY},
    )
    assert under_itself.status_code == 422
    assert await outbox(session) == []


async def due_now(session: AsyncSession) -> None:
    """`now()` stays at the start of the test's one transaction: bring pending messages'
    due times back to it, as if their wait had passed."""
    await session.execute(
        text(
            "UPDATE membership.outbox_message SET next_attempt_at = now() WHERE status = 'pending'"
        )
    )
    await session.commit()


async def test_relay_delivers_a_signed_body_and_retries_a_refusal(
    app: FastAPI, client: httpx.AsyncClient, auth: Any, tree: Any, session: AsyncSession
) -> None:
    received: list[httpx.Request] = []
    answers = iter([503, 204])

    def subscriber(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(next(answers))

    await client.post(
        f"/v1/orgs/{tree.gongshu}/move",
        json={"new_parent_id": tree.province},
        headers={**auth("admin"), **ANY},
    )
    settings: MembershipSettings = app.state.settings
    async with httpx.AsyncClient(transport=httpx.MockTransport(subscriber)) as http:
        relay = org_event_relay(
            app.state.sessionmaker, settings.org_event_subscribers, http, poll_seconds=0
        )
        await due_now(session)
        assert await relay.deliver_due() == 1
        [row] = await outbox(session)
        assert (row.status, row.attempts) == (PENDING, 1)
        await due_now(session)
        assert await relay.deliver_due() == 1

    [row] = await outbox(session)
    assert (row.status, row.attempts) == (DELIVERED, 2)
    first, second = received
    assert str(second.url) == URL
    # The same webhook-id on every attempt: the subscriber de-duplicates on it.
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    verified = webhooks.verify([SECRET], second.headers, second.content)
    assert verified == second.headers["webhook-id"]
    body = json.loads(second.content)
    assert body["type"] == "org.moved"
    assert body["data"]["org_id"] == tree.gongshu
    assert body["data"]["parent_id"] == tree.province
    assert body["data"]["level"] == "county"
    assert body["data"]["path"].split(".")[-2] == tree.province.replace("-", "")
    assert "timestamp" in body
    # Signed with another secret, the same delivery does not verify.
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.verify([webhooks.generate_secret()], second.headers, second.content)


async def test_a_later_move_waits_for_an_earlier_one_to_the_same_subscriber(
    app: FastAPI, client: httpx.AsyncClient, auth: Any, tree: Any, session: AsyncSession
) -> None:
    """Applied out of order, a second move would match none of the subscriber's paths."""
    admin = {**auth("admin"), **ANY}
    for parent, region in ((tree.shangcheng, "330102"), (tree.gongshu, "330105")):
        moved = await client.post(
            f"/v1/orgs/{tree.gongshu_union}/move",
            json={"new_parent_id": parent, "region_code": region},
            headers=admin,
        )
        assert moved.status_code == 200, moved.text
    received: list[dict[str, Any]] = []
    up = False

    def subscriber(request: httpx.Request) -> httpx.Response:
        if not up:
            return httpx.Response(503)
        received.append(json.loads(request.content))
        return httpx.Response(204)

    settings: MembershipSettings = app.state.settings
    async with httpx.AsyncClient(transport=httpx.MockTransport(subscriber)) as http:
        relay = org_event_relay(app.state.sessionmaker, settings.org_event_subscribers, http)
        relay.batch = 1  # one message per pass: the second is tried alone, first in line
        await due_now(session)
        await relay.deliver_due()  # the first move: refused
        up = True
        await due_now(session)
        first_pass = await outbox(session)
        # The second move is due before the first comes round again: it must wait.
        first_pass[0].next_attempt_at = first_pass[0].next_attempt_at.replace(year=2999)
        await session.commit()
        await relay.deliver_due()
        assert received == []
        rows = await outbox(session)
        assert [row.status for row in rows] == [PENDING, PENDING]
        await due_now(session)
        await session.execute(text("UPDATE membership.outbox_message SET next_attempt_at = now()"))
        await session.commit()
        relay.batch = 20
        await relay.deliver_due()
        await due_now(session)
        await relay.deliver_due()

    assert [row.status for row in await outbox(session)] == [DELIVERED, DELIVERED]
    assert [body["data"]["parent_id"] for body in received] == [tree.shangcheng, tree.gongshu]


async def test_operators_list_and_replay_dead_events(
    app: FastAPI, client: httpx.AsyncClient, auth: Any, tree: Any, session: AsyncSession
) -> None:
    admin = auth("admin")
    await client.post(f"/v1/orgs/{tree.gongshu_union}/close", headers={**admin, **ANY})
    settings: MembershipSettings = app.state.settings
    async with httpx.AsyncClient(
        transport=httpx.MockTransport(lambda _: httpx.Response(500))
    ) as http:
        relay = org_event_relay(app.state.sessionmaker, settings.org_event_subscribers, http)
        relay.backoff = ()  # dead after the first refusal
        await due_now(session)
        await relay.deliver_due()
    dead = await client.get("/v1/outbox", params={"status": "dead"}, headers=admin)
    [message] = dead.json()["items"]
    assert message["payload"]["body"]["type"] == "org.closed"
    assert "secret" not in str(message)

    county = auth("cadre", org_scope=(tree.gongshu,), permissions=("manage_orgs",))
    assert (await client.get("/v1/outbox", headers=county)).status_code == 403
    replay_url = f"/v1/outbox/{message['id']}/replay"
    assert (await client.post(replay_url, headers=county)).status_code == 403
    replayed = await client.post(replay_url, headers=admin)
    assert (replayed.json()["status"], replayed.json()["attempts"]) == (PENDING, 0)
    assert (await client.post("/v1/outbox/999999/replay", headers=admin)).status_code == 404
