"""Runs are executed by workers alone (`python -m rebate worker`): the web process queues a
run and answers; a worker claims it, shows its progress while it works, and takes the next
queued run as soon as it is free; two workers never both execute one run."""

import asyncio
import uuid
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.models import AuditEvent
from rebate.cases.models import RebateCase
from rebate.runs.executor import RunExecutor
from rebate.runs.leases import RUNS
from rebate.runs.models import RebateRun

MARCH = {"period": "2026-03", "region_prefix": "3501", "policy_key": "fj-2026-small-micro"}
APRIL = {**MARCH, "period": "2026-04"}
# Longer than any test, so that no heartbeat renews a lease on the test's one connection.
LEASE = 600.0


async def test_a_started_run_stays_queued_until_a_worker_claims_it(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    session: AsyncSession,
    process_runs: Any,
) -> None:
    await push(tax_partner, [fee_record(1)])
    membership.add_enterprise(make_uscc(1))
    started = await client.post("/v1/runs", json=MARCH, headers=auth("admin"))
    assert started.status_code == 202, started.text
    assert started.json()["status"] == "queued"
    await asyncio.sleep(0.5)  # time for anything the web process would do after its answer

    url = f"/v1/runs/{started.json()['id']}"
    run = (await client.get(url, headers=auth("admin"))).json()
    assert (run["status"], run["enterprises_total"], run["enterprises_done"]) == ("queued", 0, 0)
    row = await session.get(RebateRun, uuid.UUID(run["id"]), populate_existing=True)
    assert row is not None
    assert row.lease_owner is None
    assert "POST /v1/enterprises/lookup" not in membership.calls
    assert await session.scalar(select(func.count()).select_from(RebateCase)) == 0

    assert await process_runs() == 1  # a worker comes along
    run = (await client.get(url, headers=auth("admin"))).json()
    assert (run["status"], run["enterprises_done"], run["cases_created"]) == ("done", 1, 1)


async def test_two_workers_never_execute_the_same_run(
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
    process_runs: Any,
) -> None:
    await push(tax_partner, [fee_record(1)])
    membership.add_enterprise(make_uscc(1))
    started = await client.post("/v1/runs", json=MARCH, headers=auth("admin"))
    run_id = uuid.UUID(started.json()["id"])
    sessions = app.state.sessionmaker

    assert await RUNS.claim(sessions, "worker:a", LEASE) == run_id
    # Worker b, asking for any run or for this one, gets nothing while a holds it.
    assert await RUNS.claim(sessions, "worker:b", LEASE) is None
    assert await RUNS.claim(sessions, "worker:b", LEASE, run_id) is None
    assert await process_runs() == 0
    executor = RunExecutor(sessions, app.state.membership, chunk=1, writers=1)
    await RUNS.hold(sessions, run_id, "worker:a", LEASE, lambda: executor.execute(run_id))
    # Done, it is nobody's work any more.
    assert await RUNS.claim(sessions, "worker:b", LEASE, run_id) is None

    finished = await session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.kind == "run.finished", AuditEvent.detail["run_id"].astext == str(run_id))
    )
    assert finished == 1
    run = (await client.get(f"/v1/runs/{run_id}", headers=auth("admin"))).json()
    assert (run["status"], run["cases_created"]) == ("done", 1)


async def test_a_run_queued_while_the_worker_is_busy_is_picked_up_after(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
) -> None:
    await push(tax_partner, [fee_record(n) for n in (1, 2, 3)])
    await push(tax_partner, [fee_record(4, period="2026-04", record_id="TAX-2026-APR-4")])
    for n in (1, 2, 3, 4):
        membership.add_enterprise(make_uscc(n))
    march = (await client.post("/v1/runs", json=MARCH, headers=auth("admin"))).json()

    # The worker's own loop, one enterprise per chunk; membership stalls on March's second
    # enterprise until the test lets it go. The loop waits a minute when idle: a run it
    # picks up within the test was taken as soon as the worker was free, not at a poll.
    busy, go_on, april_done = asyncio.Event(), asyncio.Event(), asyncio.Event()
    lookup = app.state.membership.enterprises
    lookups = 0

    async def stalling(usccs: Any) -> Any:
        nonlocal lookups
        lookups += 1
        if lookups == 2:
            busy.set()
            await go_on.wait()
        return await lookup(usccs)

    app.state.membership.enterprises = stalling
    executor = RunExecutor(app.state.sessionmaker, app.state.membership, chunk=1, writers=1)
    executed: list[str] = []

    async def execute(run_id: uuid.UUID) -> None:
        await executor.execute(run_id)
        executed.append(str(run_id))
        if len(executed) == 2:
            april_done.set()

    stop = asyncio.Event()
    worker = RUNS.loop(app.state.sessionmaker, "worker:a", LEASE, 60, execute)
    working = asyncio.create_task(worker(stop))
    try:
        await asyncio.wait_for(busy.wait(), 30)
        progress = (await client.get(f"/v1/runs/{march['id']}", headers=auth("admin"))).json()
        assert (progress["status"], progress["enterprises_total"]) == ("running", 3)
        assert progress["enterprises_done"] == 1

        april = await client.post("/v1/runs", json=APRIL, headers=auth("admin"))
        assert april.status_code == 202, april.text
        waiting = (await client.get(april.headers["Location"], headers=auth("admin"))).json()
        assert waiting["status"] == "queued"

        go_on.set()
        await asyncio.wait_for(april_done.wait(), 30)
    finally:
        go_on.set()
        stop.set()
        await working

    assert executed == [march["id"], april.json()["id"]]
    for run_id, cases in ((march["id"], 3), (april.json()["id"], 1)):
        run = (await client.get(f"/v1/runs/{run_id}", headers=auth("admin"))).json()
        assert (run["status"], run["cases_created"]) == ("done", cases)


async def test_a_holder_that_stalled_past_its_lease_ends_nothing_the_new_holder_ends_it(
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
    # Worker a claims March and stalls (a long pause, before its heartbeat notices); its lease
    # runs out and b claims the run. When a wakes up and reaches the end of its pass, the run
    # is b's: a neither marks it done nor puts a second run.finished on the chain.
    await push(tax_partner, [fee_record(1), fee_record(2)])
    membership.add_enterprise(make_uscc(1))
    membership.add_enterprise(make_uscc(2))
    started = await client.post("/v1/runs", json=MARCH, headers=auth("admin"))
    run_id = uuid.UUID(started.json()["id"])
    sessions = app.state.sessionmaker
    assert await RUNS.claim(sessions, "worker:a", LEASE) == run_id
    await session.execute(
        text("UPDATE rebate.rebate_run SET lease_expires_at = now() - interval '1 second'")
    )
    await session.commit()
    assert await RUNS.claim(sessions, "worker:b", LEASE, run_id) == run_id

    stalled = RunExecutor(sessions, app.state.membership, chunk=1, writers=1, owner="worker:a")
    await stalled.execute(run_id)
    run = (await client.get(f"/v1/runs/{run_id}", headers=auth("admin"))).json()
    assert run["status"] == "running"
    finished = (
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.kind == "run.finished", AuditEvent.detail["run_id"].astext == str(run_id))
    )
    assert await session.scalar(finished) == 0

    holder = RunExecutor(sessions, app.state.membership, chunk=1, writers=1, owner="worker:b")
    await holder.execute(run_id)
    run = (await client.get(f"/v1/runs/{run_id}", headers=auth("admin"))).json()
    assert (run["status"], run["cases_created"], run["enterprises_done"]) == ("done", 2, 2)
    assert await session.scalar(finished) == 1
    cases = select(func.count()).select_from(RebateCase)
    assert await session.scalar(cases) == 2  # a's pass made them; b's found nothing left
