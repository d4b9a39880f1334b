"""Membership's background work in `python -m membership worker` processes against the real
suite: an import whose worker is killed with SIGKILL mid-way is resumed by the next worker
and ends exactly as an uninterrupted one; two workers relaying one outbox deliver every
message once."""

import asyncio
import csv
import io
import json
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import asyncpg
import httpx
import orjson
import pytest

from localrun.stack import SERVICES, Stack
from membership.events.service import ORG_EVENT_TOPIC
from membership.people.generate import valid_id_number
from servicekit import webhooks
from servicekit.testing.plugin import with_database

pytestmark = pytest.mark.xdist_group("e2e")

ROWS = 10_000  # ten chunks of the worker's 1,000
REGION = "350102"  # 福州市鼓楼区: no other end-to-end test uses it

Workers = list[subprocess.Popen[bytes]]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def workers(stack: Stack) -> Iterator[Workers]:
    """The test's own workers; the stack's membership worker is stopped meanwhile, so that it
    takes none of their work."""
    stack.stop_worker("membership")
    started: Workers = []
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
            process.wait()
        stack.start_worker("membership")


def start_worker(stack: Stack, started: Workers, **env: str) -> subprocess.Popen[bytes]:
    [membership] = [s for s in SERVICES if s.name == "membership"]
    process = subprocess.Popen(
        [sys.executable, "-m", "membership", "worker"],
        # A short lease, so that a dead worker's import is taken over within the test.
        env=stack.env(membership, serving=True)
        | {"MEMBERSHIP_IMPORT_LEASE_SECONDS": "2", "MEMBERSHIP_WORKER_POLL_SECONDS": "0.1"}
        | env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started.append(process)
    return process


def people(born_year: int) -> bytes:
    """Ten thousand rows, some refused (no name) and some repeating an earlier person (in the
    same chunk: refused; in an earlier chunk: unchanged), at the same places in every file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["姓名", "身份证号", "手机号", "就业形态"])
    ids = [
        valid_id_number(n % 1000, region=REGION, born=f"{born_year}01{1 + n // 1000:02d}")
        for n in range(ROWS)
    ]
    for n in range(ROWS):
        name = "" if n % 997 == 13 else f"工人{n}"
        id_number = ids[n - 3] if n % 1201 == 7 else ids[n]
        if n % 1500 == 1400:
            id_number = ids[n - 1200]  # a person of the chunk before
        writer.writerow([name, id_number, "", "快递员" if n % 2 else "职工"])
    return buffer.getvalue().encode("utf-8-sig")


def create_union(gateway: httpx.Client, admin: dict[str, str], county: str, name: str) -> str:
    union = gateway.post(
        "/membership/v1/orgs",
        json={
            "name": name,
            "kind": "grassroots",
            "level": "grassroots",
            "region_code": REGION,
            "parent_id": county,
            "new_form": True,
        },
        headers=admin,
    )
    assert union.status_code == 201, union.text
    org_id: str = union.json()["id"]
    return org_id


def test_an_import_whose_worker_is_killed_is_resumed_to_the_uninterrupted_result(
    stack: Stack, gateway: httpx.Client, admin_token: str, workers: Workers
) -> None:
    admin = bearer(admin_token)
    county = gateway.post(
        "/membership/v1/orgs",
        json={
            "name": "福州市鼓楼区总工会",
            "kind": "federation",
            "level": "county",
            "region_code": REGION,
        },
        headers=admin,
    )
    assert county.status_code == 201, county.text
    killed_union = create_union(gateway, admin, county.json()["id"], "鼓楼区快递员工会")
    whole_union = create_union(gateway, admin, county.json()["id"], "鼓楼区外卖骑手工会")

    def upload(union: str, content: bytes) -> str:
        queued = gateway.post(
            f"/membership/v1/orgs/{union}/imports",
            files={"file": ("people.csv", content)},
            headers=admin,
        )
        assert queued.status_code == 202, queued.text
        assert queued.json()["status"] == "queued"
        job_id: str = queued.json()["id"]
        return job_id

    def job(job_id: str) -> dict[str, Any]:
        answer: dict[str, Any] = gateway.get(
            f"/membership/v1/imports/{job_id}", headers=admin
        ).json()
        return answer

    # Queued in this order, taken in this order: the first worker starts on `killed`.
    killed = upload(killed_union, people(1971))
    whole = upload(whole_union, people(1972))
    first = start_worker(stack, workers)
    deadline = time.monotonic() + 120
    while job(killed)["processed_rows"] < 1000:
        assert time.monotonic() < deadline, job(killed)
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait()
    halfway = job(killed)
    assert halfway["status"] == "running"
    assert 0 < halfway["processed_rows"] < ROWS

    start_worker(stack, workers)
    while job(killed)["status"] != "done" or job(whole)["status"] != "done":
        assert time.monotonic() < deadline, (job(killed), job(whole))
        time.sleep(0.2)

    counts = ("total_rows", "processed_rows", "created_rows", "unchanged_rows", "error_rows")
    resumed, uninterrupted = job(killed), job(whole)
    assert [resumed[c] for c in counts] == [uninterrupted[c] for c in counts]
    assert resumed["total_rows"] == ROWS
    assert resumed["created_rows"] + resumed["unchanged_rows"] + resumed["error_rows"] == ROWS
    assert resumed["unchanged_rows"] > 0  # people repeated across chunks

    def refused(job_id: str) -> list[list[str]]:
        report = gateway.get(f"/membership/v1/imports/{job_id}/errors.csv", headers=admin)
        return list(csv.reader(io.StringIO(report.text.lstrip("\ufeff"))))

    assert refused(killed) == refused(whole)
    assert len(refused(killed)) == resumed["error_rows"] + 1  # and the heading

    def members(union: str) -> int:
        stats = gateway.get(f"/membership/v1/orgs/{union}/stats", headers=admin).json()
        count: int = stats["members"]
        return count

    assert members(killed_union) == members(whole_union) == resumed["created_rows"]


class _Receiver(BaseHTTPRequestHandler):
    received: list[str]
    lock = threading.Lock()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["content-length"]))
        time.sleep(0.02)  # a receiver that takes its time, so that the relays overlap
        with self.lock:
            self.received.append(self.headers["webhook-id"])
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[str]]]:
    received: list[str] = []
    handler = type("Receiver", (_Receiver,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()


def test_two_relay_workers_over_one_outbox_deliver_every_message_once(
    stack: Stack, workers: Workers, receiver: tuple[str, list[str]]
) -> None:
    url, received = receiver
    secret = webhooks.generate_secret()
    # One subscriber URL per message: events to one subscriber wait for the earlier ones, and
    # this test is about sharing the table, not about that order.
    urls = [f"{url}/hook/{n}" for n in range(80)]
    ids = [f"msg_{uuid.uuid4().hex}" for _ in urls]

    async def enqueue() -> None:
        conn = await asyncpg.connect(with_database(stack.admin_dsn, stack.database))
        try:
            await conn.executemany(
                """
                INSERT INTO membership.outbox_message
                    (topic, message_key, payload, status, attempts, next_attempt_at)
                VALUES ($1, $2, $3, 'pending', 0, now())
                """,
                [
                    (
                        ORG_EVENT_TOPIC,
                        f"e2e-relay:{webhook_id}",
                        orjson.dumps(
                            {"webhook_id": webhook_id, "url": hook, "body": {"n": n}}
                        ).decode(),
                    )
                    for n, (hook, webhook_id) in enumerate(zip(urls, ids, strict=True))
                ],
            )
        finally:
            await conn.close()

    [membership] = [s for s in SERVICES if s.name == "membership"]
    # The stack's own subscribers stay, so that its pending events are not refused meanwhile.
    subscribers = json.loads(
        stack.env(membership, serving=True).get("MEMBERSHIP_ORG_EVENT_SUBSCRIBERS", "[]")
    ) + [{"url": hook, "secret": secret} for hook in urls]
    env = {"MEMBERSHIP_ORG_EVENT_SUBSCRIBERS": json.dumps(subscribers)}
    asyncio.run(enqueue())
    start_worker(stack, workers, **env)
    start_worker(stack, workers, **env)
    deadline = time.monotonic() + 60
    while len(set(received)) < len(ids):
        assert time.monotonic() < deadline, len(received)
        time.sleep(0.1)
    time.sleep(1)  # a second delivery, were there one, would be on its way by now
    assert Counter(r for r in received if r in set(ids)) == Counter(ids)
