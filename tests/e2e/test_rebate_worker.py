"""Rebate runs are executed by `python -m rebate worker` processes alone, against the real
suite: a run queued through the gateway waits for a worker; two workers at once execute each
queued run exactly once; a worker killed with SIGKILL mid-run is replaced, and the next takes
the run over when the lease runs out and ends with exactly what an uninterrupted run gives."""

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from localrun.stack import SERVICES, Stack
from membership.enterprises.uscc import check_character
from servicekit.testing.plugin import with_database

pytestmark = pytest.mark.xdist_group("e2e")

REGION = "350203"  # 厦门市思明区: no other end-to-end test uses it
PERIOD = "2032-03"
REGISTERED, UNREGISTERED = 3, 150


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def credit_code(serial: int) -> str:
    body = f"91{REGION}MA{serial:07d}"
    return body + check_character(body)


@pytest.fixture
def workers(stack: Stack) -> Iterator[list[subprocess.Popen[bytes]]]:
    """The test's own workers; the stack's rebate worker is stopped meanwhile, so that it
    does not take the run first."""
    stack.stop_worker("rebate")
    started: list[subprocess.Popen[bytes]] = []
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
            process.wait()
        stack.start_worker("rebate")


def start_worker(
    stack: Stack, started: list[subprocess.Popen[bytes]], lease_seconds: float = 2
) -> subprocess.Popen[bytes]:
    [rebate] = [s for s in SERVICES if s.name == "rebate"]
    env = stack.env(rebate, serving=True) | {
        # A short lease, so that the dead worker's run is taken over within the test, and one
        # enterprise per transaction, so that the kill lands mid-run.
        "REBATE_RUN_LEASE_SECONDS": str(lease_seconds),
        "REBATE_WORKER_POLL_SECONDS": "0.2",
        "REBATE_RUN_CHUNK_ENTERPRISES": "1",
        "REBATE_RUN_WRITERS": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "rebate", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started.append(process)
    return process


def run_finished_events(stack: Stack, run_id: str) -> int:
    """How many times the run was finished, as the audit chain records it."""

    async def count() -> int:
        conn = await asyncpg.connect(with_database(stack.admin_dsn, stack.database))
        try:
            found: int = await conn.fetchval(
                """
                SELECT count(*) FROM rebate.audit_event
                WHERE kind = 'run.finished' AND detail ->> 'run_id' = $1
                """,
                run_id,
            )
            return found
        finally:
            await conn.close()

    return asyncio.run(count())


def push(gateway: httpx.Client, partner: dict[str, Any], records: list[dict[str, Any]]) -> None:
    body = json.dumps(
        {
            "type": "fee.recorded",
            "timestamp": datetime.now(UTC).isoformat(),
            "data": {"records": records},
        }
    )
    msg_id, now = f"msg_{uuid.uuid4().hex}", datetime.now(UTC)
    pushed = gateway.post(
        f"/rebate/v1/webhooks/tax/{partner['id']}",
        content=body,
        headers={
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(partner["secret"]).sign(msg_id, now, body),
            "content-type": "application/json",
        },
    )
    assert pushed.json()["accepted"] == len(records), pushed.text


def test_a_run_whose_worker_is_killed_is_resumed_to_the_uninterrupted_result(
    stack: Stack,
    gateway: httpx.Client,
    admin_token: str,
    workers: list[subprocess.Popen[bytes]],
) -> None:
    admin = bearer(admin_token)
    org = gateway.post(
        "/membership/v1/orgs",
        json={
            "name": "厦门市思明区总工会",
            "kind": "federation",
            "level": "county",
            "region_code": REGION,
        },
        headers=admin,
    ).json()
    for serial in range(REGISTERED):
        created = gateway.post(
            "/membership/v1/enterprises",
            json={
                "uscc": credit_code(serial),
                "name": f"厦门思明企业{serial}",
                "region_code": REGION,
                "size_class": "micro",
                "affiliated_org_id": org["id"],
            },
            headers=admin,
        )
        assert created.status_code == 201, created.text
    partner = gateway.post(
        "/rebate/v1/partners",
        json={"name": "厦门市税务局", "kind": "tax", "region_prefixes": [REGION]},
        headers=admin,
    ).json()
    policy = gateway.post(
        "/rebate/v1/policies",
        json={
            "policy_key": f"xm-{uuid.uuid4().hex[:8]}",
            "name": "厦门市小微企业工会经费全额返还",
            "region_prefixes": ["3502"],
            "period_from": "2032-01",
            "period_to": "2032-12",
        },
        headers=admin,
    )
    assert policy.status_code == 201, policy.text
    push(
        gateway,
        partner,
        [
            {
                "record_id": f"XM-{PERIOD}-{serial:04d}",
                "uscc": credit_code(serial),
                "enterprise_name": f"厦门思明企业{serial}",
                "region_code": REGION,
                "period": PERIOD,
                "payroll_total": "50000.00",
                "fee_amount": "1000.00",
                "paid_at": "2032-04-15T10:00:00+08:00",
                "payer_account": {
                    "bank": "中国银行厦门分行",
                    "account_no": f"4101{serial:08d}",
                    "account_name": f"厦门思明企业{serial}",
                },
                "tax_office": "国家税务总局厦门市思明区税务局",
            }
            for serial in range(REGISTERED + UNREGISTERED)
        ],
    )
    # Queued by the web process, which executes nothing: the test's workers will.
    started = gateway.post(
        "/rebate/v1/runs",
        json={"period": PERIOD, "region_prefix": REGION, "policy_key": policy.json()["policy_key"]},
        headers=admin,
    )
    assert started.status_code == 202, started.text
    assert started.json()["status"] == "queued"
    run_id = started.json()["id"]

    def run() -> dict[str, Any]:
        answer: dict[str, Any] = gateway.get(f"/rebate/v1/runs/{run_id}", headers=admin).json()
        return answer

    first = start_worker(stack, workers)
    deadline = time.monotonic() + 60
    while run()["enterprises_done"] < 5:
        assert time.monotonic() < deadline, run()
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed = run()
    assert killed["status"] == "running"
    assert 0 < killed["enterprises_done"] < REGISTERED + UNREGISTERED

    start_worker(stack, workers)
    while run()["status"] == "running":
        assert time.monotonic() < deadline, run()
        time.sleep(0.2)
    finished = run()
    assert (finished["status"], finished["enterprises_total"], finished["enterprises_done"]) == (
        "done",
        REGISTERED + UNREGISTERED,
        REGISTERED + UNREGISTERED,
    )
    assert (finished["cases_created"], finished["queued"]) == (REGISTERED, UNREGISTERED)
    cases = gateway.get(
        "/rebate/v1/cases", params={"period": PERIOD, "limit": 200}, headers=admin
    ).json()["items"]
    assert sorted(c["uscc"] for c in cases) == sorted(credit_code(s) for s in range(REGISTERED))
    reconciled = gateway.get(
        "/rebate/v1/reconciliation", params={"period": PERIOD}, headers=admin
    ).json()
    assert reconciled["violations"] == []
    assert run_finished_events(stack, run_id) == 1  # the killed worker never finished it
    assert os.environ.get("PYTEST_XDIST_WORKER") != "never"  # the stack is shared, not ours


def test_two_workers_execute_each_queued_run_once_taking_the_next_as_they_free_up(
    stack: Stack,
    gateway: httpx.Client,
    admin_token: str,
    workers: list[subprocess.Popen[bytes]],
) -> None:
    admin = bearer(admin_token)
    partner = gateway.post(
        "/rebate/v1/partners",
        json={"name": "厦门市税务局（二）", "kind": "tax", "region_prefixes": [REGION]},
        headers=admin,
    ).json()
    policy = gateway.post(
        "/rebate/v1/policies",
        json={
            "policy_key": f"xm-{uuid.uuid4().hex[:8]}",
            "name": "厦门市小微企业工会经费全额返还（2033）",
            "region_prefixes": ["3502"],
            "period_from": "2033-01",
            "period_to": "2033-12",
        },
        headers=admin,
    )
    assert policy.status_code == 201, policy.text
    # Four runs of 20 enterprises each (none in the register: each run queues all 20).
    periods = [f"2033-{month:02d}" for month in (1, 2, 3, 4)]
    push(
        gateway,
        partner,
        [
            {
                "record_id": f"XM-{period}-{serial:04d}",
                "uscc": credit_code(5000 + serial),
                "enterprise_name": f"厦门思明未登记企业{serial}",
                "region_code": REGION,
                "period": period,
                "payroll_total": "50000.00",
                "fee_amount": "1000.00",
                "paid_at": "2033-04-15T10:00:00+08:00",
                "payer_account": {
                    "bank": "中国银行厦门分行",
                    "account_no": f"4102{serial:08d}",
                    "account_name": f"厦门思明未登记企业{serial}",
                },
                "tax_office": "国家税务总局厦门市思明区税务局",
            }
            for period in periods
            for serial in range(20)
        ],
    )
    run_ids = []
    for period in periods:
        started = gateway.post(
            "/rebate/v1/runs",
            json={
                "period": period,
                "region_prefix": REGION,
                "policy_key": policy.json()["policy_key"],
            },
            headers=admin,
        )
        assert started.status_code == 202, started.text
        run_ids.append(started.json()["id"])

    def runs() -> list[dict[str, Any]]:
        return [gateway.get(f"/rebate/v1/runs/{r}", headers=admin).json() for r in run_ids]

    # No worker is running: the web process leaves every run as it queued it.
    time.sleep(1)
    assert [r["status"] for r in runs()] == ["queued"] * len(periods)

    # Two workers at once (a lease longer than any stall of this machine: no takeover here),
    # each taking one run at a time: the other two wait until a worker is free.
    for _ in range(2):
        start_worker(stack, workers, lease_seconds=30)
    deadline = time.monotonic() + 90
    while any(r["status"] in ("queued", "running") for r in runs()):
        assert time.monotonic() < deadline, runs()
        time.sleep(0.2)
    assert [(r["status"], r["enterprises_done"], r["queued"]) for r in runs()] == [
        ("done", 20, 20)
    ] * len(periods)
    assert [run_finished_events(stack, r) for r in run_ids] == [1] * len(periods)
