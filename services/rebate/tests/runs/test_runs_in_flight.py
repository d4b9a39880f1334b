"""Runs are single and durable: one in flight per policy, period and region; held under a
lease; a run whose holder died is resumed to exactly the result of an uninterrupted one."""

import asyncio
import uuid
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from rebate.cases.models import RebateCase
from rebate.runs.executor import RunExecutor
from rebate.runs.leases import RUNS
from rebate.runs.models import RebateException, RebateRun

RUN = {"period": "2026-03", "region_prefix": "3501", "policy_key": "fj-2026-small-micro"}


async def test_a_second_run_of_the_same_scope_is_409_and_a_retried_key_is_the_first_run(
    client: httpx.AsyncClient,
    auth: Any,
    policy: Any,
    session: AsyncSession,
    process_runs: Any,
) -> None:
    admin = {**auth("admin"), "Idempotency-Key": "run-march"}
    first = await client.post("/v1/runs", json=RUN, headers=admin)
    assert first.status_code == 202, first.text
    await process_runs()
    replay = await client.post("/v1/runs", json=RUN, headers=admin)
    assert (replay.json()["id"], replay.headers["Idempotent-Replayed"]) == (
        first.json()["id"],
        "true",
    )
    # Held in flight (as while a worker runs it), a second start is refused with its id.
    await session.execute(
        update(RebateRun)
        .where(RebateRun.id == uuid.UUID(first.json()["id"]))
        .values(status="running")
    )
    second = await client.post("/v1/runs", json=RUN, headers=auth("admin"))
    assert second.status_code == 409
    assert first.json()["id"] in second.json()["detail"]


async def test_a_run_is_seen_by_admins_and_the_sub_trees_it_touched_only(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    run_period: Any,
    reviewer: Any,
    org_paths: Any,
    policy: Any,
) -> None:
    await push(tax_partner, [fee_record(1)])
    membership.add_enterprise(make_uscc(1))
    run = await run_period()
    url = f"/v1/runs/{run['id']}"
    assert (await client.get(url, headers=reviewer(org_paths.county))).status_code == 200
    assert (await client.get(url, headers=reviewer(org_paths.other_county))).status_code == 404
    unknown = await client.get(f"/v1/runs/{uuid.uuid4()}", headers=reviewer(org_paths.county))
    assert unknown.status_code == 404
    # The list likewise: a county sees the runs that worked in it, another county none.
    listed = await client.get("/v1/runs", headers=reviewer(org_paths.county))
    assert [r["id"] for r in listed.json()] == [run["id"]]
    assert (await client.get("/v1/runs", headers=reviewer(org_paths.other_county))).json() == []
    assert (await client.get("/v1/runs", headers=auth("member"))).status_code == 403


async def outcome(session: AsyncSession) -> tuple[list[Any], list[Any]]:
    cases = await session.execute(
        select(RebateCase.uscc, RebateCase.refund, RebateCase.status).order_by(RebateCase.uscc)
    )
    queue = await session.execute(
        select(RebateException.uscc, RebateException.reason)
        .where(RebateException.resolved_at.is_(None))
        .order_by(RebateException.uscc)
    )
    return list(cases.all()), list(queue.all())


async def test_a_run_whose_holder_died_is_resumed_to_the_uninterrupted_result(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    session: AsyncSession,
    db_connection: AsyncConnection,
    process_runs: Any,
) -> None:
    await push(tax_partner, [fee_record(n) for n in range(1, 9)])
    for n in range(1, 9):
        if n != 4:  # enterprise 4 is not in the register: queued
            membership.add_enterprise(make_uscc(n))
    sessions = app.state.sessionmaker
    one_a_chunk = RunExecutor(sessions, app.state.membership, chunk=1, writers=1)

    # What an uninterrupted run writes, measured inside a savepoint and rolled back.
    measuring = await db_connection.begin_nested()
    try:
        await client.post("/v1/runs", json=RUN, headers=auth("admin"))
        await process_runs()
        async with sessions() as reading:  # closed before the rollback below
            expected = await outcome(reading)
    finally:
        await measuring.rollback()

    # The same run, queued again for the workers.
    queued = await client.post("/v1/runs", json=RUN, headers=auth("admin"))
    assert queued.status_code == 202, queued.text
    run_id = uuid.UUID(queued.json()["id"])

    # Holder A claims it and dies after three enterprises (as SIGKILL would leave it).
    assert await RUNS.claim(sessions, "worker:a", 30, run_id) == run_id
    assert await RUNS.claim(sessions, "worker:b", 30, run_id) is None  # held: nobody else gets it
    done = asyncio.Event()
    original = app.state.membership.enterprises
    calls = 0

    async def dying(usccs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls > 3:
            done.set()
            await asyncio.Event().wait()  # hangs until cancelled, like a killed process
        return await original(usccs)

    app.state.membership.enterprises = dying
    task = asyncio.create_task(
        RUNS.hold(sessions, run_id, "worker:a", 30, lambda: one_a_chunk.execute(run_id))
    )
    await asyncio.wait([task, asyncio.create_task(done.wait())], return_when="FIRST_COMPLETED")
    assert done.is_set(), "holder A finished before it could die"
    task.cancel()
    app.state.membership.enterprises = original
    partial = await outcome(session)
    assert 0 < len(partial[0]) < len(expected[0])

    # Its lease runs out; worker B takes the run over and finishes it.
    await session.execute(
        text("UPDATE rebate.rebate_run SET lease_expires_at = now() - interval '1 second'")
    )
    assert await RUNS.claim(sessions, "worker:b", 30, run_id) == run_id
    await RUNS.hold(sessions, run_id, "worker:b", 30, lambda: one_a_chunk.execute(run_id))
    assert await outcome(session) == expected
    run = (await client.get(f"/v1/runs/{run_id}", headers=auth("admin"))).json()
    assert (run["status"], run["enterprises_done"], run["cases_created"], run["queued"]) == (
        "done",
        8,
        7,
        1,
    )


async def test_a_correction_landing_mid_run_is_not_lost_by_the_run(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    session: AsyncSession,
) -> None:
    from rebate.policies.models import Policy
    from rebate.reconciliation.service import reconcile
    from rebate.runs.executor import candidates, place

    record = fee_record(1, fee_amount="1000.00")
    await push(tax_partner, [record])
    membership.add_enterprise(make_uscc(1))
    # The run reads its candidates; a correction lands before it writes them.
    found = await candidates(session, "2026-03", "3501")
    await push(tax_partner, [{**record, "fee_amount": "100.00"}], event_type="fee.corrected")
    current = await session.get(Policy, uuid.UUID(policy["id"]))
    assert current is not None
    matches = await app.state.membership.enterprises([make_uscc(1)])
    await place(session, "2026-03", None, current, found, matches, "admin")
    [case] = (await client.get("/v1/cases", headers=auth("admin"))).json()["items"]
    assert case["refund"] == "100.00"
    found_now = await reconcile(session, None, app.state.audit_signer)
    assert found_now.violations == [], found_now.violations
