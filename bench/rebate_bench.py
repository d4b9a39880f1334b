"""Rebate at scale: 1,000,000 fee records through signed webhooks, against a raw COPY of the
same rows in the same run, then the automatic run over those records and 100,000 enterprises.

    uv run python bench/rebate_bench.py              # full sizes
    uv run python bench/rebate_bench.py --quick      # 10x smaller, a smoke run
    uv run python bench/rebate_bench.py --profile DIR   # also py-spy the service per phase

Pieces, all on 127.0.0.1 and free ports:
- a throwaway PostgreSQL cluster (`servicekit.pgcluster.PostgresCluster(durable=False)`);
- the rebate service alone, a real uvicorn process with one worker and the service's worker
  process (`python -m rebate worker`, which executes runs), migrated and started by
  `localrun.stack.Stack(services=[rebate])` with development secrets made in a temporary
  directory (`localrun.devsecrets.load_secrets`); CPU time is metered over both;
- a FAKE membership service in a child process of this script (aiohttp): it answers
  `POST /v1/auth/token` (rebate's client credentials, checked), `GET /.well-known/jwks.json`
  (the key this script signs its admin token with) and `POST /v1/enterprises/lookup` from an
  in-memory register of the generated enterprises. The real membership would add its own
  lookup cost (bench/membership_bench.py measures that); this measures rebate.

Measurements:
- ingest: every record in signed `POST /v1/webhooks/tax/{partner_id}` deliveries of 10,000
  records (Standard Webhooks signature made with the partner's secret at send time), two
  deliveries in flight; records/s over the wall time. Bodies are built before the clock starts.
  Baseline, same run: the rows the service stored, read back and written by raw asyncpg COPY
  into a scratch table shaped like `rebate.fee_record` (same indexes) - and, to show where the
  rest goes, the same COPY plus the two ledger lines per record the webhook also books.
- run: `POST /v1/runs` over the period and the province, polled with `GET /v1/runs/{id}` until
  `done`; wall time from the POST.
- statement: one set-based SQL statement computing the refunds the run should make (per
  enterprise and period: current records summed, times the policy's ratio, half up to the
  fen, exclusions and eligibility applied) from the same records and the fake register
  loaded into a table; timed once before the run and once after, averaged. The run's cases
  must agree with it exactly, enterprise by enterprise.
Targets (from the issue), as ratios measured side by side: the run <= 5x the statement, the
ingest >= 0.3x the COPY. Exit status 0 when both are met, the refunds agree and nothing
failed.

Data: enterprises with well-formed credit codes in ~100 Zhejiang counties, 10 fee records each
for 2026-03 (per-branch payments). In the register: 90% micro or small, 5% medium (refused:
size), 2% flagged for review; 3% are missing from it (unmatched).
"""

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import platform
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import orjson

from localrun.devsecrets import load_secrets
from localrun.stack import SERVICES, Stack, free_ports
from servicekit import webhooks
from servicekit.pgcluster import PostgresCluster
from servicekit.testing.tokens import TokenMinter

ROOT = Path(__file__).resolve().parents[1]
PERIOD = "2026-03"
REGION_PREFIX = "33"
POLICY_KEY = "bench-zj-2026"
# The issue's targets, as ratios to a baseline measured in the same run on the same data:
# the run within 5x of one set-based statement computing the same refunds, the ingest at
# least 0.3x a raw COPY of the same rows.
RUN_TARGET_RATIO = 5.0
INGEST_TARGET_RATIO = 0.3
# Half a fen is common at this ratio, so the rounding rule (half up) is exercised.
REFUND_RATIO = "0.5000"
EXCLUDED_EVERY = 200
RECORDS_PER_ENTERPRISE = 10
PER_DELIVERY = 10_000
IN_FLIGHT = 2
# Bounds: no delivery is sent after INGEST_BUDGET_S (the report then says how many were),
# and the run is given up after RUN_BUDGET_S.
INGEST_BUDGET_S = 2400.0
RUN_BUDGET_S = 600.0
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass(frozen=True)
class Sizes:
    records: int
    enterprises: int


FULL = Sizes(1_000_000, 100_000)
QUICK = Sizes(100_000, 10_000)


# --------------------------------------------------------------------------------------------
# Data


def credit_code(serial: int, region: str) -> str:
    body = f"91{region}MB{serial:07d}"
    total = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


@dataclass(frozen=True)
class Enterprise:
    serial: int
    uscc: str
    name: str
    region: str
    register: dict[str, Any] | None  # membership's answer; None: not in the register


def excluded(enterprises: Sequence[Enterprise]) -> list[str]:
    """Every EXCLUDED_EVERY-th enterprise: the policy's exclusions, which both sides apply."""
    return [e.uscc for e in enterprises if e.serial % EXCLUDED_EVERY == 0]


def make_enterprises(count: int, seed: int) -> list[Enterprise]:
    rng = random.Random(seed)
    province = uuid.uuid4().hex
    counties = []
    for city in range(1, 12):
        city_id = uuid.uuid4().hex
        for county in range(1, 10):
            org_id = uuid.uuid4()
            counties.append(
                (f"33{city:02d}{county:02d}", org_id, f"{province}.{city_id}.{org_id.hex}")
            )
    enterprises = []
    for serial in range(1, count + 1):
        region, org_id, path = counties[rng.randrange(len(counties))]
        uscc = credit_code(serial, region)
        name = f"浙江某某{serial}号科技有限公司"
        draw = rng.random()
        register = None
        if draw >= 0.03:
            register = {
                "id": str(uuid.uuid4()),
                "uscc": uscc,
                "name": name,
                "size_class": "medium" if draw < 0.08 else rng.choice(("micro", "small")),
                "needs_review": 0.08 <= draw < 0.10,
                "affiliated_org_id": str(org_id),
                "affiliated_org_path": path,
                "has_union_account": rng.random() < 0.4,
            }
        enterprises.append(Enterprise(serial, uscc, name, region, register))
    return enterprises


def fee_records(
    enterprises: Sequence[Enterprise], total: int, seed: int
) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed + 1)
    per = total // len(enterprises)
    for e in enterprises:
        for branch in range(per):
            fee = Decimal(rng.randrange(20_000, 2_000_000)).scaleb(-2)
            yield {
                "record_id": f"ZJ-{PERIOD}-{e.serial:07d}-{branch:02d}",
                "uscc": e.uscc,
                "enterprise_name": e.name,
                "region_code": e.region,
                "period": PERIOD,
                "payroll_total": str(fee * 50),
                "fee_amount": str(fee),
                "paid_at": f"2026-04-{10 + branch % 5:02d}T10:00:00+08:00",
                "payer_account": {
                    "bank": "中国农业银行浙江省分行",
                    "account_no": f"6228{e.serial:09d}{branch:02d}",
                    "account_name": e.name,
                },
                "tax_office": f"国家税务总局{e.region}税务局",
            }


def delivery_bodies(records: Iterator[dict[str, Any]]) -> list[bytes]:
    bodies = []
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) == PER_DELIVERY:
            bodies.append(_body(batch))
            batch = []
    if batch:
        bodies.append(_body(batch))
    return bodies


def _body(records: list[dict[str, Any]]) -> bytes:
    return orjson.dumps(
        {
            "type": "fee.recorded",
            "timestamp": "2026-04-16T08:00:00+08:00",
            "data": {"records": records},
        }
    )


# --------------------------------------------------------------------------------------------
# The fake membership service (a child process)


def serve_membership(
    port: int, register: dict[str, dict[str, Any]], jwks: dict[str, Any], client_secret: str
) -> None:
    from aiohttp import web

    token = f"svc-{uuid.uuid4().hex}"

    async def issue(request: web.Request) -> web.Response:
        form = await request.post()
        if form.get("client_id") != "rebate" or form.get("client_secret") != client_secret:
            return web.json_response({"error": "invalid_client"}, status=401)
        return web.json_response(
            {"access_token": token, "token_type": "Bearer", "expires_in": 3600}
        )

    async def keys(request: web.Request) -> web.Response:
        return web.json_response(jwks)

    async def lookup(request: web.Request) -> web.Response:
        if request.headers.get("authorization") != f"Bearer {token}":
            return web.json_response({}, status=401)
        wanted = orjson.loads(await request.read())["usccs"]
        found = [register[c] for c in wanted if c in register]
        missing = [{"uscc": c, "reason": "not_found"} for c in wanted if c not in register]
        body = orjson.dumps({"found": found, "missing": missing})
        return web.Response(body=body, content_type="application/json")

    app = web.Application()
    app.router.add_post("/v1/auth/token", issue)
    app.router.add_get("/.well-known/jwks.json", keys)
    app.router.add_post("/v1/enterprises/lookup", lookup)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


# --------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Results:
    machine: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    prepare_s: float = 0.0
    ingest_s: float = 0.0
    ingest_accepted: int = 0
    ingest_rejected: int = 0
    ingest_latencies: list[float] = field(default_factory=list)
    ingest_cpu: dict[str, float] = field(default_factory=dict)
    copy_fee_s: float = 0.0
    copy_fee_ledger_s: float = 0.0
    copy_cpu: dict[str, float] = field(default_factory=dict)
    settle_s: float = 0.0
    ledger_lines: int = 0
    deliveries_sent: int = 0
    deliveries_total: int = 0
    run_s: float = 0.0
    run: dict[str, Any] = field(default_factory=dict)
    run_cpu: dict[str, float] = field(default_factory=dict)
    cases: dict[str, Any] = field(default_factory=dict)
    # The statement's wall and CPU seconds, once before the run and once after it.
    statement_s: list[float] = field(default_factory=list)
    statement_cpu: list[float] = field(default_factory=list)
    agreement: dict[str, Any] = field(default_factory=dict)
    profiles: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    source: str = ""


def _pid_listening(port: int) -> int:
    """The uvicorn process serving `port` (Stack keeps its children to itself)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            if b"uvicorn" in b" ".join(argv) and str(port).encode() in argv:
                return int(entry.name)
    raise RuntimeError(f"no uvicorn process on port {port}")


def _cpu_seconds(pids: Sequence[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _children(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(stat[1]) == parent:
                    pids.append(int(entry.name))
    return pids


class CpuMeter:
    """CPU seconds of the service, of this run's PostgreSQL server (the postmaster and its
    backends; other clusters on the machine are not counted) and of this process."""

    def __init__(self, service_pids: Sequence[int], postmaster_pid: int, fake_pid: int) -> None:
        self.service_pids = service_pids
        self.postmaster_pid = postmaster_pid
        self.fake_pid = fake_pid

    def _postgres(self) -> float:
        return _cpu_seconds([self.postmaster_pid, *_children(self.postmaster_pid)])

    def __enter__(self) -> "CpuMeter":
        self.wall = time.perf_counter()
        self.busy = _machine_busy()
        self.start = (
            _cpu_seconds(self.service_pids),
            self._postgres(),
            time.process_time(),
            _cpu_seconds([self.fake_pid]),
        )
        self.load = os.getloadavg()[0]
        return self

    def __exit__(self, *exc: object) -> None:
        # The service's pooled connections live through the phase, so their backends are
        # counted whole; a backend that ended inside the phase would be missed.
        self.used = {
            "service": _cpu_seconds(self.service_pids) - self.start[0],
            "postgres": self._postgres() - self.start[1],
            "client": time.process_time() - self.start[2],
            "membership": _cpu_seconds([self.fake_pid]) - self.start[3],
            "load": (self.load + os.getloadavg()[0]) / 2,
        }
        # Cores kept busy by everything else on the machine (other sessions' tests and
        # benchmarks): the whole machine's busy time minus ours, over the wall time.
        wall = time.perf_counter() - self.wall
        ours = sum(v for k, v in self.used.items() if k != "load")
        self.used["others"] = max(_machine_busy() - self.busy - ours, 0.0) / wall if wall else 0.0


def _machine_busy() -> float:
    """CPU seconds all cores spent outside idle and iowait since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


class Profiler:
    """py-spy on the service for one phase; the top functions by own time, from raw stacks."""

    def __init__(self, pid: int, directory: Path | None, phase: str) -> None:
        self.pid, self.enabled = pid, directory is not None
        self.out = (directory or Path()) / f"rebate-{phase}.pyspy.txt"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Profiler":
        if self.enabled:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            argv = ["py-spy", "record", "--pid", str(self.pid), "--rate", "200", "--format", "raw"]
            argv += ["--output", str(self.out), "--nonblocking"]
            self.process = subprocess.Popen(
                argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            time.sleep(1.0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGINT)
            self.process.wait(timeout=60)

    def top(self, n: int = 15) -> list[tuple[str, float]]:
        if not self.enabled or not self.out.exists():
            return []
        own: Counter[str] = Counter()
        inclusive: Counter[str] = Counter()
        total = 0
        for line in self.out.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            frames = stack.split(";")
            samples = int(count)
            total += samples
            own[_short(frames[-1])] += samples
            for frame in {_short(f) for f in frames}:
                inclusive[frame] += samples
        if not total:
            return []
        rows = [(f"own   {name}", 100 * c / total) for name, c in own.most_common(n)]
        wanted = ("rebate/", "servicekit/")
        ours = [(name, c) for name, c in inclusive.most_common() if any(w in name for w in wanted)]
        rows += [(f"incl. {name}", 100 * c / total) for name, c in ours[:n]]
        return rows


def _short(frame: str) -> str:
    # "function (path/to/file.py:123)" → "function (file.py)", with the package kept.
    match = re.match(r"(.*) \((.*?):\d+\)$", frame)
    if not match:
        return frame
    function, path = match.groups()
    parts = Path(path).parts
    keep = "/".join(parts[-2:]) if len(parts) >= 2 else path
    return f"{function} ({keep})"


async def ingest(
    url: str, partner_id: str, secret: str, bodies: Sequence[bytes], results: Results
) -> None:
    queue: asyncio.Queue[tuple[int, bytes]] = asyncio.Queue()
    for n, body in enumerate(bodies):
        queue.put_nowait((n, body))
    timeout = httpx.Timeout(600.0, connect=10.0)
    async with httpx.AsyncClient(base_url=url, timeout=timeout) as client:
        deadline = time.perf_counter() + INGEST_BUDGET_S

        async def worker() -> None:
            while not queue.empty() and time.perf_counter() < deadline:
                n, body = queue.get_nowait()
                results.deliveries_sent += 1
                headers = webhooks.signed_headers(
                    secret, f"msg_bench_{n:05d}_{uuid.uuid4().hex[:8]}", body
                )
                headers["content-type"] = "application/json"
                began = time.perf_counter()
                response = await client.post(
                    f"/v1/webhooks/tax/{partner_id}", content=body, headers=headers
                )
                results.ingest_latencies.append(time.perf_counter() - began)
                if response.status_code != 200:
                    results.failures.append(
                        f"delivery {n}: {response.status_code} {response.text[:200]}"
                    )
                    continue
                answer = response.json()
                results.ingest_accepted += answer["accepted"]
                results.ingest_rejected += len(answer["rejected"])

        await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))


async def copy_baselines(admin_dsn: str, results: Results) -> None:
    """The stored fee rows (and the ledger lines the intake booked) read back, then COPYed
    into scratch tables with the same columns and indexes (no foreign keys); only the COPY is
    timed, with this process's and its PostgreSQL backend's CPU time."""
    conn = await asyncpg.connect(admin_dsn)
    backend = await conn.fetchval("SELECT pg_backend_pid()")
    try:
        await conn.execute(
            "DROP SCHEMA IF EXISTS bench_scratch CASCADE; CREATE SCHEMA bench_scratch"
        )
        for table in ("fee_record", "ledger_entry"):
            await conn.execute(
                f"CREATE TABLE bench_scratch.{table} (LIKE rebate.{table} INCLUDING ALL)"
            )
        fee_columns = [
            r["attname"]
            for r in await conn.fetch(
                "SELECT attname FROM pg_attribute WHERE attrelid = 'rebate.fee_record'::regclass "
                "AND attnum > 0 AND NOT attisdropped ORDER BY attnum"
            )
        ]
        ledger_columns = [
            "txn_id",
            "kind",
            "account",
            "uscc",
            "period",
            "debit",
            "credit",
            "case_id",
            "fee_record_id",
            "payout_id",
            "created_at",
        ]
        fees = [
            tuple(r)
            # Column names from the catalog and constants, not input.
            for r in await conn.fetch(f"SELECT {', '.join(fee_columns)} FROM rebate.fee_record")  # noqa: S608
        ]
        ledger = [
            tuple(r)
            for r in await conn.fetch(
                f"SELECT {', '.join(ledger_columns)} FROM rebate.ledger_entry"  # noqa: S608
            )
        ]
        results.ledger_lines = len(ledger)
        began, cpu = time.perf_counter(), (time.process_time(), _cpu_seconds([backend]))
        await conn.copy_records_to_table(
            "fee_record", schema_name="bench_scratch", columns=fee_columns, records=fees
        )
        results.copy_fee_s = time.perf_counter() - began
        results.copy_cpu = {
            "client": time.process_time() - cpu[0],
            "postgres": _cpu_seconds([backend]) - cpu[1],
        }
        await conn.execute("TRUNCATE bench_scratch.fee_record")
        began = time.perf_counter()
        await conn.copy_records_to_table(
            "fee_record", schema_name="bench_scratch", columns=fee_columns, records=fees
        )
        await conn.copy_records_to_table(
            "ledger_entry", schema_name="bench_scratch", columns=ledger_columns, records=ledger
        )
        results.copy_fee_ledger_s = time.perf_counter() - began
        await conn.execute("DROP SCHEMA bench_scratch CASCADE")
    finally:
        await conn.close()


async def settle(admin_dsn: str) -> float:
    """What autovacuum would do to the ingest's tables, done now rather than at some moment
    of the run: a period's run comes days after its records arrived, on a database at rest.
    Untimed in the run's figures; its own duration is reported."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        began = time.perf_counter()
        await conn.execute(
            "VACUUM (ANALYZE) rebate.fee_record, rebate.ledger_entry, rebate.webhook_delivery"
        )
        return time.perf_counter() - began
    finally:
        await conn.close()


async def load_register(admin_dsn: str, enterprises: Sequence[Enterprise]) -> None:
    """The fake membership's register as a table, for the statement (untimed): what the run
    learns over HTTP, the statement reads by a join."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(
            """
            DROP SCHEMA IF EXISTS bench_statement CASCADE; CREATE SCHEMA bench_statement;
            CREATE TABLE bench_statement.register (
                uscc varchar(18) PRIMARY KEY, size_class varchar(16), needs_review boolean)
            """
        )
        await conn.copy_records_to_table(
            "register",
            schema_name="bench_statement",
            records=[
                (e.uscc, e.register["size_class"], e.register["needs_review"])
                for e in enterprises
                if e.register is not None
            ],
        )
        await conn.execute("ANALYZE bench_statement.register")
    finally:
        await conn.close()


# The refunds the run should make, in one statement: per enterprise and period, the current
# records of the policy's regions summed, times the policy's ratio, rounded half up to the
# fen (numeric round() rounds halves away from zero), for registered enterprises of an
# eligible size that are neither flagged nor excluded, and no zero refund. The policy's
# arrays are read once (uncorrelated), so the exclusions are a hashed anti-join, not a scan
# of the list per record.
STATEMENT = """
CREATE UNLOGGED TABLE bench_statement.refund AS
WITH p AS (
    SELECT * FROM rebate.policy WHERE policy_key = $1 ORDER BY version DESC LIMIT 1
)
SELECT f.uscc, f.period, sum(f.fee_amount) AS collected,
       round(sum(f.fee_amount) * (SELECT refund_ratio FROM p), 2) AS refund
FROM rebate.fee_record f
JOIN bench_statement.register r ON r.uscc = f.uscc
WHERE f.period = $2 AND f.superseded_at IS NULL AND f.voided_at IS NULL
  AND f.period BETWEEN (SELECT period_from FROM p) AND (SELECT period_to FROM p)
  AND f.region_code LIKE $3 || '%'
  AND f.region_code LIKE ANY (ARRAY(SELECT pre || '%' FROM p, unnest(p.region_prefixes) AS pre))
  AND NOT r.needs_review AND r.size_class IN (SELECT unnest(size_classes) FROM p)
  AND f.uscc NOT IN (SELECT unnest(excluded_usccs) FROM p)
GROUP BY f.uscc, f.period
HAVING round(sum(f.fee_amount) * (SELECT refund_ratio FROM p), 2) > 0
"""


async def statement_phase(admin_dsn: str) -> tuple[float, float]:
    """The statement, timed from the client, and its backend's CPU seconds."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        backend = await conn.fetchval("SELECT pg_backend_pid()")
        await conn.execute("DROP TABLE IF EXISTS bench_statement.refund")
        cpu = _cpu_seconds([backend])
        began = time.perf_counter()
        await conn.execute(STATEMENT, POLICY_KEY, PERIOD, REGION_PREFIX)
        return time.perf_counter() - began, _cpu_seconds([backend]) - cpu
    finally:
        await conn.close()


async def agreement(admin_dsn: str) -> dict[str, Any]:
    """The run's cases against the statement's refunds, enterprise by enterprise, exactly."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        row = await conn.fetchrow(
            """
            SELECT count(*) FILTER (WHERE s.uscc IS NULL) AS only_run,
                   count(*) FILTER (WHERE c.uscc IS NULL) AS only_statement,
                   count(*) FILTER (WHERE c.refund <> s.refund OR c.collected <> s.collected)
                       AS different,
                   count(*) FILTER (WHERE c.refund = s.refund AND c.collected = s.collected)
                       AS same,
                   coalesce(sum(s.refund), 0) AS statement_refund
            FROM (SELECT uscc, period, collected, refund FROM rebate.rebate_case
                  WHERE period = $1) AS c
            FULL JOIN bench_statement.refund AS s USING (uscc, period)
            """,
            PERIOD,
        )
        half_fen = await conn.fetchval(
            "SELECT count(*) FROM bench_statement.refund "
            "WHERE (collected * $1::numeric) % 0.01 = 0.005",
            REFUND_RATIO,
        )
        return {**dict(row), "half_fen": half_fen}
    finally:
        await conn.close()


async def case_summary(admin_dsn: str) -> dict[str, Any]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        row = await conn.fetchrow(
            """
            SELECT (SELECT count(*) FROM rebate.rebate_case) AS cases,
                   (SELECT count(*) FROM rebate.case_fee) AS linked_records,
                   (SELECT count(*) FROM rebate.rebate_exception) AS queued_records,
                   (SELECT coalesce(sum(refund), 0) FROM rebate.rebate_case) AS refund
            """
        )
        return dict(row)
    finally:
        await conn.close()


def run_phase(client: httpx.Client, admin: dict[str, str]) -> tuple[float, dict[str, Any]]:
    body = {"period": PERIOD, "region_prefix": REGION_PREFIX, "policy_key": POLICY_KEY}
    began = time.perf_counter()
    started = client.post("/v1/runs", json=body, headers=admin)
    if started.status_code != 202:
        raise RuntimeError(f"POST /v1/runs answered {started.status_code}: {started.text[:300]}")
    run_id = started.json()["id"]
    while True:
        time.sleep(0.2)
        polled = client.get(f"/v1/runs/{run_id}", headers=admin)
        elapsed = time.perf_counter() - began
        # A poll refused on a loaded machine (a 503 when no connection came in time) says
        # nothing about the run: ask again.
        if polled.status_code == 200 and polled.json()["status"] not in ("queued", "running"):
            return elapsed, polled.json()
        if elapsed > RUN_BUDGET_S:
            raise RuntimeError(
                f"the run was not done after {RUN_BUDGET_S:.0f} s: {polled.text[:300]}"
            )


def measure_statement(admin_dsn: str, results: Results) -> None:
    wall, cpu = asyncio.run(statement_phase(admin_dsn))
    results.statement_s.append(wall)
    results.statement_cpu.append(cpu)
    print(f"statement: {wall:.2f} s", flush=True)


def machine_info(admin_dsn: str) -> dict[str, str]:
    async def pg_version() -> str:
        conn = await asyncpg.connect(admin_dsn)
        try:
            return str(await conn.fetchval("SHOW server_version"))
        finally:
            await conn.close()

    mem_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
    model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    return {
        "cpus": str(os.cpu_count()),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "ram": f"{mem_kib / 2**20:.0f} GiB",
        "postgres": asyncio.run(pg_version()),
        "python": platform.python_version(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


# --------------------------------------------------------------------------------------------
# The report


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _cpu(used: dict[str, float]) -> str:
    keys = ("service", "postgres", "membership", "client")
    return " / ".join(f"{used.get(k, 0):.1f}" for k in keys)


def report(results: Results, command: str) -> tuple[str, bool]:
    m, s = results.machine, results.sizes
    records = s["records"]
    rate = results.ingest_accepted / results.ingest_s if results.ingest_s else 0.0
    copy_rate = records / results.copy_fee_s if results.copy_fee_s else 0.0
    copy_both_rate = records / results.copy_fee_ledger_s if results.copy_fee_ledger_s else 0.0
    ingest_ratio = rate / copy_rate if copy_rate else 0.0
    ingest_ok = ingest_ratio >= INGEST_TARGET_RATIO and results.ingest_accepted == records
    statement_s = sum(results.statement_s) / len(results.statement_s) if results.statement_s else 0
    statement_cpu = (
        sum(results.statement_cpu) / len(results.statement_cpu) if results.statement_cpu else 0
    )
    run_ratio = results.run_s / statement_s if statement_s else 0.0
    run_cpu = results.run_cpu.get("service", 0) + results.run_cpu.get("postgres", 0)
    run_ok = results.run.get("status") == "done" and 0 < run_ratio <= RUN_TARGET_RATIO
    agreed = results.agreement
    ic, rc = results.ingest_cpu, results.run_cpu

    def per(used: dict[str, float], key: str) -> float:
        return 1e6 * used.get(key, 0) / records

    # One record costs the service and PostgreSQL CPU time on different cores; the slower of
    # the two bounds the rate when nothing else runs. COPY likewise: this process and its
    # backend.
    slowest = max(per(ic, "service"), per(ic, "postgres"))
    copy_slowest = max(per(results.copy_cpu, "client"), per(results.copy_cpu, "postgres"))
    cpu_rate = 1e6 / slowest if slowest else 0.0
    copy_cpu_rate = 1e6 / copy_slowest if copy_slowest else 0.0
    cpu_ratio = (
        (per(ic, "service") + per(ic, "postgres"))
        / (per(results.copy_cpu, "client") + per(results.copy_cpu, "postgres"))
        if results.copy_cpu
        else 0.0
    )
    lines = [
        f"Command: `{command}`",
        "",
        f"Machine: {m['cpus']} cores ({m['cpu']}), {m['ram']}, PostgreSQL {m['postgres']} "
        f"(throwaway cluster, fsync off), Python {m['python']}; {m['date']}; load average "
        f"{m['load_before']} before, {m.get('load_after', '?')} after. Rebate: one uvicorn "
        f"worker and the service's worker process (runs) via `localrun.stack.Stack`"
        f"{results.source}; membership: the bench's fake "
        "(in-memory register).",
        "",
        f"Data: {records:,} fee records of {s['enterprises']:,} enterprises "
        f"({RECORDS_PER_ENTERPRISE} each, period {PERIOD}), {results.deliveries_total} "
        f"signed deliveries of {PER_DELIVERY:,}, {IN_FLIGHT} in flight; bodies built in "
        f"{results.prepare_s:.1f} s before the clock started.",
        "",
        "| measurement | value | baseline (same run) | ratio | target |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| ingest through signed webhooks | {rate:,.0f} records/s ({results.ingest_s:.1f} s) "
        f"| COPY of the stored fee rows: {copy_rate:,.0f} rows/s ({results.copy_fee_s:.1f} s) "
        f"| {ingest_ratio:.2f}x | >= {INGEST_TARGET_RATIO}x: "
        f"{'met' if ingest_ok else 'missed'} |",
        f"| (same, against COPY of the fee rows and the {results.ledger_lines:,} ledger lines "
        f"the intake booked) | | {copy_both_rate:,.0f} records/s "
        f"({results.copy_fee_ledger_s:.1f} s) | "
        f"{rate / copy_both_rate if copy_both_rate else 0:.2f}x | |",
        f"| CPU per record: service / PostgreSQL | {per(ic, 'service'):.0f} µs / "
        f"{per(ic, 'postgres'):.0f} µs | COPY of the fee rows, client / PostgreSQL: "
        f"{per(results.copy_cpu, 'client'):.0f} µs / {per(results.copy_cpu, 'postgres'):.0f} µs "
        f"| {cpu_ratio:.1f}x the CPU | |",
        f"| from CPU time: the service and PostgreSQL each on a core of their own | "
        f"{cpu_rate:,.0f} records/s | COPY: {copy_cpu_rate:,.0f} rows/s | "
        f"{cpu_rate / copy_cpu_rate if copy_cpu_rate else 0:.2f}x | |",
        f"| delivery latency p50 / max | {_pct(results.ingest_latencies, 0.5):.2f} s / "
        f"{max(results.ingest_latencies, default=0):.2f} s | | | |",
        f"| automatic run, {PERIOD}, region {REGION_PREFIX} | {results.run_s:.1f} s "
        f"({results.run.get('status')}) | one set-based statement computing the same refunds: "
        f"{statement_s:.2f} s (before the run / after: "
        f"{' / '.join(f'{x:.2f}' for x in results.statement_s)} s) | {run_ratio:.1f}x "
        f"| <= {RUN_TARGET_RATIO:.0f}x: {'met' if run_ok else 'missed'} |",
        f"| run from CPU time: service + PostgreSQL (one after the other) | "
        f"{rc.get('service', 0) + rc.get('postgres', 0):.1f} s | the statement's backend: "
        f"{statement_cpu:.2f} s | "
        f"{run_cpu / statement_cpu if statement_cpu else 0:.1f}x | |",
        "",
        f"The run's refunds against the statement's, enterprise by enterprise: "
        f"{agreed.get('same', 0):,} equal in collected and refund, "
        f"{agreed.get('different', 0):,} different, {agreed.get('only_run', 0):,} only in the run, "
        f"{agreed.get('only_statement', 0):,} only in the statement "
        f"(statement total {agreed.get('statement_refund', 0):,} yuan; ratio {REFUND_RATIO}, "
        f"{agreed.get('half_fen', 0):,} refunds ending in half a fen before rounding; "
        f"{len(range(EXCLUDED_EVERY, s['enterprises'] + 1, EXCLUDED_EVERY)):,} enterprises "
        "excluded by the policy).",
        "",
        f"Before the run, `VACUUM (ANALYZE)` of the tables the ingest wrote took "
        f"{results.settle_s:.1f} s (not in the run's figures): what autovacuum does anyway, done "
        "before the clock starts instead of at a random moment of the run.",
        "",
        f"CPU seconds (service / PostgreSQL / fake membership / bench client): ingest "
        f"{_cpu(ic)}, run {_cpu(rc)}. Other processes on the machine kept "
        f"{ic.get('others', 0):.1f} of {m['cpus']} cores busy during the ingest and "
        f"{rc.get('others', 0):.1f} during the run (1-minute load average "
        f"~{ic.get('load', 0):.1f} and ~{rc.get('load', 0):.1f}); wall-clock figures shrink "
        "with that, CPU time per record less so.",
        f"Ingest: {results.deliveries_sent} of {results.deliveries_total} deliveries "
        f"sent within {INGEST_BUDGET_S:.0f} s, {results.ingest_accepted:,} records accepted, "
        f"{results.ingest_rejected:,} rejected. "
        f"Run: {results.run.get('enterprises_total', 0):,} enterprises, "
        f"{results.run.get('cases_created', 0):,} cases, {results.run.get('queued', 0):,} "
        f"records queued; in the database {results.cases.get('cases', 0):,} cases linking "
        f"{results.cases.get('linked_records', 0):,} records, "
        f"{results.cases.get('queued_records', 0):,} queued, refunds "
        f"{results.cases.get('refund', 0):,} yuan.",
    ]
    for phase, rows in results.profiles.items():
        if rows:
            lines += ["", f"py-spy, {phase} (share of the service's samples):", ""]
            lines += [f"    {share:5.1f}%  {name}" for name, share in rows]
    if results.failures:
        lines += ["", "Failures:", *(f"- {f}" for f in results.failures[:10])]
    return "\n".join(lines), ingest_ok and run_ok and not results.failures


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10x smaller")
    parser.add_argument(
        "--profile", type=Path, metavar="DIR", help="py-spy the service per phase, raw stacks here"
    )
    parser.add_argument("--skip-run", action="store_true", help="ingest only")
    parser.add_argument(
        "--rebate-src",
        type=Path,
        metavar="DIR",
        help="run the service from this copy of services/rebate/src (to measure a change)",
    )
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    command = "uv run python bench/rebate_bench.py" + "".join(
        f" {a}" for a in sys.argv[1:] if a != "--markdown" and a != str(args.markdown)
    )
    results = Results(sizes={"records": sizes.records, "enterprises": sizes.enterprises})
    if args.rebate_src:
        results.source = f", code from `{args.rebate_src}`"

    began = time.perf_counter()
    enterprises = make_enterprises(sizes.enterprises, args.seed)
    bodies = delivery_bodies(fee_records(enterprises, sizes.records, args.seed))
    results.prepare_s = time.perf_counter() - began
    results.deliveries_total = len(bodies)
    register = {e.uscc: e.register for e in enterprises if e.register is not None}
    print(f"{len(bodies)} deliveries built in {results.prepare_s:.1f} s", flush=True)

    rebate_env = {"REBATE_LOG_LEVEL": "WARNING"}
    if args.rebate_src:
        # Ahead of the workspace's editable install on the service's import path.
        rebate_env["PYTHONPATH"] = str(args.rebate_src.absolute())
    minter = TokenMinter()
    services = [s for s in SERVICES if s.name in ("membership", "rebate")]
    rebate = [s for s in services if s.name == "rebate"]
    with (
        tempfile.TemporaryDirectory(prefix="gonghui-rb-") as scratch,
        contextlib.ExitStack() as exits,
    ):
        base = Path(scratch)
        cluster = exits.enter_context(PostgresCluster(base / "postgres", durable=False))
        ports = free_ports(services)
        secrets = load_secrets(base / "secrets", environ={})
        fake = multiprocessing.get_context("fork").Process(
            target=serve_membership,
            args=(
                ports["membership"],
                register,
                minter.jwks,
                secrets["REBATE_MEMBERSHIP_CLIENT_SECRET"],
            ),
            daemon=True,
        )
        fake.start()
        exits.callback(fake.terminate)
        stack = Stack(
            ROOT,
            cluster.superuser_url,
            ports,
            secrets=secrets,
            services=rebate,
            extra_env={"rebate": rebate_env},
        )
        stack.prepare()
        stack.start()
        exits.callback(stack.stop)
        admin_dsn = cluster.superuser_url.rsplit("/", 1)[0] + "/gonghui"
        results.machine = machine_info(admin_dsn)
        url = stack.urls["rebate"]
        service_pid = _pid_listening(ports["rebate"])
        # Runs are executed by the service's worker process: metered with the web process.
        worker_pid = stack.pid("rebate-worker")
        postmaster = int((base / "postgres" / "postmaster.pid").read_text().split()[0])
        admin = minter.headers(roles=["admin"], ttl=7200)
        with httpx.Client(base_url=url, timeout=60) as client:
            partner = client.post(
                "/v1/partners",
                json={"name": "浙江省税务局", "kind": "tax", "region_prefixes": ["33"]},
                headers=admin,
            )
            partner.raise_for_status()
            policy = client.post(
                "/v1/policies",
                json={
                    "policy_key": POLICY_KEY,
                    "name": "浙江省小微企业工会经费返还（基准测试）",
                    "region_prefixes": [REGION_PREFIX],
                    "period_from": "2026-01",
                    "period_to": "2026-12",
                    "refund_ratio": REFUND_RATIO,
                    "excluded_usccs": excluded(enterprises),
                },
                headers=admin,
            )
            policy.raise_for_status()
            partner_id, secret = partner.json()["id"], partner.json()["secret"]
            print(
                f"rebate on {url} (pid {service_pid}); ingesting {sizes.records:,} records",
                flush=True,
            )

            with (
                CpuMeter([service_pid, worker_pid], postmaster, fake.pid or 0) as meter,
                Profiler(service_pid, args.profile, "ingest") as profiler,
            ):
                started = time.perf_counter()
                asyncio.run(ingest(url, partner_id, secret, bodies, results))
                results.ingest_s = time.perf_counter() - started
            results.ingest_cpu = meter.used
            results.profiles["ingest"] = profiler.top()
            print(
                f"ingest: {results.ingest_accepted:,} records in {results.ingest_s:.1f} s",
                flush=True,
            )
            del bodies

            asyncio.run(copy_baselines(admin_dsn, results))
            print(f"COPY baseline: {results.copy_fee_s:.1f} s", flush=True)

            if not args.skip_run:
                results.settle_s = asyncio.run(settle(admin_dsn))
                asyncio.run(load_register(admin_dsn, enterprises))
                measure_statement(admin_dsn, results)
                try:
                    with (
                        CpuMeter([service_pid, worker_pid], postmaster, fake.pid or 0) as meter,
                        Profiler(worker_pid, args.profile, "run") as profiler,
                    ):
                        results.run_s, results.run = run_phase(client, admin)
                    if results.run["status"] != "done":
                        results.failures.append(
                            f"run {results.run['status']}: {str(results.run.get('failure'))[:300]}"
                        )
                    results.run_cpu = meter.used
                    results.profiles["run"] = profiler.top()
                except RuntimeError as exc:
                    results.failures.append(str(exc))
                results.cases = asyncio.run(case_summary(admin_dsn))
                print(f"run: {results.run.get('status')} in {results.run_s:.1f} s", flush=True)
                measure_statement(admin_dsn, results)
                results.agreement = asyncio.run(agreement(admin_dsn))
                agreed = results.agreement
                if agreed["only_run"] or agreed["only_statement"] or agreed["different"]:
                    results.failures.append(f"the run and the statement disagree: {agreed}")
        results.machine["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    text, ok = report(results, command)
    print(f"\n{text}", flush=True)
    if args.markdown:
        args.markdown.write_text(text + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
