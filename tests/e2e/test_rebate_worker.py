"""A rebate run survives the death of its worker: `python -m rebate worker` processes against
the real suite; the first is killed with SIGKILL mid-run, the next takes the run over when the
lease runs out and ends with exactly what an uninterrupted run gives."""

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


def start_worker(stack: Stack, started: list[subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
    [rebate] = [s for s in SERVICES if s.name == "rebate"]
    env = stack.env(rebate, serving=True) | {
        # A short lease, so that the dead worker's run is taken over within the test, and one
        # enterprise per transaction, so that the kill lands mid-run.
        "REBATE_RUN_LEASE_SECONDS": "2",
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


def queue_run(stack: Stack, policy_id: str) -> str:
    """A run as an admin's POST leaves it, before any process has claimed it."""

    async def insert() -> str:
        conn = await asyncpg.connect(with_database(stack.admin_dsn, stack.database))
        try:
            run_id = uuid.uuid4()
            await conn.execute(
                """
                INSERT INTO rebate.rebate_run (id, period, region_prefix, policy_id, status,
                    started_by, started_at, enterprises_total, enterprises_done, cases_created,
                    queued)
                VALUES ($1, $2, $3, $4, 'queued', 'e2e', now(), 0, 0, 0, 0)
                """,
                run_id,
                PERIOD,
                REGION,
                uuid.UUID(policy_id),
            )
            return str(run_id)
        finally:
            await conn.close()

    return asyncio.run(insert())


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
        "/rebate/v1/partners", json={"name": "厦门市税务局", "kind": "tax"}, headers=admin
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
    run_id = queue_run(stack, policy.json()["id"])

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
    assert os.environ.get("PYTEST_XDIST_WORKER") != "never"  # the stack is shared, not ours
