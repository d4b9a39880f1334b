"""Membership's organisation events keep the paths stored here current: after a signed
org.moved, conflicts of interest, statistics and access follow the tree as it is now."""

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
import pytest

from servicekit import webhooks


def move(membership: Any, org: Any, parent: Any) -> dict[str, Any]:
    """Membership moves `org` (and its sub-tree) under `parent`: the org.moved it publishes."""
    old_path, path = org.path, f"{parent.path}.{org.id.hex}"
    for known in list(membership.orgs.values()):
        if known.path == old_path or known.path.startswith(old_path + "."):
            membership.org(dataclasses.replace(known, path=path + known.path[len(old_path) :]))
    return {
        "type": "org.moved",
        "timestamp": datetime.now(UTC).isoformat(),
        "data": {
            "org_id": str(org.id),
            "old_path": old_path,
            "path": path,
            "parent_id": str(parent.id),
            "level": org.level,
        },
    }


async def deliver(
    client: httpx.AsyncClient,
    key: str,
    event: dict[str, Any],
    webhook_id: str | None = None,
) -> httpx.Response:
    body = orjson.dumps(event)
    headers = webhooks.signed_headers(key, webhook_id or f"msg_{uuid.uuid4().hex}", body)
    return await client.post(
        "/v1/webhooks/membership",
        content=body,
        headers=headers | {"Content-Type": "application/json"},
    )


@pytest.fixture
def key(app: Any) -> str:
    """The secret membership signs with, as this service is configured."""
    secrets: list[str] = app.state.settings.membership_webhook_secrets
    return secrets[0]


async def test_a_move_changes_conflicts_and_statistics(
    client: httpx.AsyncClient, build_contest: Any, flow: Any, tree: Any, auth: Any, key: str
) -> None:
    run = flow(await build_contest())
    run.a = await run.enter(["甲一", "甲二"], tree.hospital_a)
    run.b = await run.enter(["乙一"], tree.hospital_b)
    gongshu = auth("cadre", orgs=(tree.gongshu,))
    shangcheng = auth("cadre", orgs=(tree.shangcheng,))

    async def participations(headers: dict[str, str]) -> int:
        stats = await client.get("/v1/stats/participation", headers=headers)
        return int(stats.json()["participations"])

    assert (await participations(gongshu), await participations(shangcheng)) == (1, 2)

    # Hospital A's union moves from 上城区 to 拱墅区.
    moved = await deliver(client, key, move(run.membership, tree.hospital_a, tree.gongshu))
    assert moved.status_code == 204, moved.text
    assert (await participations(gongshu), await participations(shangcheng)) == (3, 0)

    # A 拱墅区 judge now sits above hospital A's entrants as well as hospital B's.
    await run.close_registration()
    stage_id = await run.start()
    above = await run.judges(1, tree.gongshu)
    plan = await run.panel(stage_id, above + await run.judges(2))
    assert sorted(plan["short"]) == sorted(e["code"] for e in run.a + run.b)

    # A 上城区 cadre no longer sees hospital A's entries as its delegation's.
    entry = await client.get(f"/v1/entries/{run.a[0]['id']}", headers=shangcheng)
    assert entry.status_code == 404
    mine = await client.get(f"/v1/entries/{run.a[0]['id']}", headers=gongshu)
    assert mine.status_code == 200


async def test_a_moved_host_takes_its_competitions_along(
    client: httpx.AsyncClient,
    build_contest: Any,
    tree: Any,
    organiser: Any,
    membership: Any,
    key: str,
) -> None:
    contest = await build_contest(tree.hospital_a)
    path = f"/v1/competitions/{contest.id}"
    assert (await client.get(path, headers=organiser(tree.shangcheng))).status_code == 200
    await deliver(client, key, move(membership, tree.hospital_a, tree.gongshu))
    assert (await client.get(path, headers=organiser(tree.shangcheng))).status_code == 404
    assert (await client.get(path, headers=organiser(tree.gongshu))).status_code == 200


async def test_unsigned_or_replayed_deliveries_change_nothing(
    client: httpx.AsyncClient,
    build_contest: Any,
    tree: Any,
    organiser: Any,
    membership: Any,
    key: str,
) -> None:
    contest = await build_contest(tree.hospital_a)
    path = f"/v1/competitions/{contest.id}"
    event = move(membership, tree.hospital_a, tree.gongshu)
    body = orjson.dumps(event)
    unsigned = await client.post("/v1/webhooks/membership", content=body)
    forged = await deliver(client, webhooks.generate_secret(), event)
    stale = webhooks.signed_headers(
        key, "msg_old", body, timestamp=int((datetime.now(UTC) - timedelta(hours=1)).timestamp())
    )
    late = await client.post("/v1/webhooks/membership", content=body, headers=stale)
    assert [r.status_code for r in (unsigned, forged, late)] == [401, 401, 401]
    assert (await client.get(path, headers=organiser(tree.shangcheng))).status_code == 200

    # The same webhook-id again, even with another body, is acknowledged and ignored.
    first = await deliver(client, key, event, webhook_id="msg_once")
    back = move(membership, tree.hospital_a, tree.shangcheng)
    again = await deliver(client, key, back, webhook_id="msg_once")
    assert (first.status_code, again.status_code) == (204, 204)
    assert (await client.get(path, headers=organiser(tree.gongshu))).status_code == 200


async def test_an_older_move_does_not_undo_a_newer_one(
    client: httpx.AsyncClient,
    build_contest: Any,
    tree: Any,
    organiser: Any,
    membership: Any,
    key: str,
) -> None:
    contest = await build_contest(tree.hospital_a)
    path = f"/v1/competitions/{contest.id}"
    earlier = move(membership, tree.hospital_a, tree.gongshu)
    later = move(membership, membership.orgs[tree.hospital_a.id], tree.medical_society)
    earlier["timestamp"] = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    # The later move arrives first, the earlier one after it.
    assert (await deliver(client, key, later)).status_code == 204
    assert (await deliver(client, key, earlier)).status_code == 204
    assert (await client.get(path, headers=organiser(tree.gongshu))).status_code == 404
    assert (await client.get(path, headers=organiser(tree.medical_society))).status_code == 200


async def test_a_closure_is_acknowledged(client: httpx.AsyncClient, tree: Any, key: str) -> None:
    event = {
        "type": "org.closed",
        "timestamp": datetime.now(UTC).isoformat(),
        "data": {"org_id": str(tree.hospital_b.id), "path": tree.hospital_b.path},
    }
    assert (await deliver(client, key, event)).status_code == 204
    nonsense = {"type": "org.renamed", "timestamp": event["timestamp"], "data": {}}
    assert (await deliver(client, key, nonsense)).status_code == 422
