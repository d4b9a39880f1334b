"""Competition at scale: ranking one event of 100,000 entries scored by 5 judges each, the
public leaderboard pages of that event, and participation statistics over 1,000,000
participations — each against a baseline measured in the same run.

    uv run python bench/competition_bench.py            # full sizes, a few minutes
    uv run python bench/competition_bench.py --quick    # 10x smaller, a smoke run

Starts a throwaway PostgreSQL cluster and the competition service alone (`localrun.stack.Stack`
with `services=[competition]`, real uvicorn process, one worker) on free ports of 127.0.0.1.
Tokens are minted here (`servicekit.testing.tokens.TokenMinter`) and the service fetches their
public key from a JWKS endpoint this process serves, so no membership service is needed.

The data is loaded with COPY as the superuser, not through the API: an org tree (1 province,
11 cities, ~100 counties, ~1,000 streets, the rest grassroots unions), the ranked event (one
group, final stage, 100,000 approved entries, 5 judges on the panel, 500,000 submitted score
sheets with three criteria), and 99 other competitions of 2021–2025 whose entries (one to five
people each) bring the participations to 1,000,000.

Measurements:
- ranking: `POST /v1/stages/{id}/rank` (completeness check, the set-based ranking statement,
  boundary ties); baseline: the ranking SELECT alone, through asyncpg. Target: <= 10 s.
- leaderboard: `GET /v1/public/events/{id}/leaderboard` (no token) for random pages of 50
  (keyset cursors at random ranks): closed loop with wrk at 32, 8 and 1 connections, and open
  loop at 100 and 200 requests/s (latency from the moment each request was due, so a stall is
  not hidden); baseline: the page's statement through a raw asyncpg pool. Target: p99
  <= 50 ms at 100 requests/s. At 32 connections one worker is saturated and latency is
  queueing (32 / throughput): reported, not the target.
- statistics: `GET /v1/stats/participation` as cadres of random organisations of each level;
  baseline: the same statement through asyncpg.

Exit status 0 when the targets are met and no request failed. HTTP load comes from wrk
(Debian: `apt-get install -y wrk`); without it a bounded aiohttp generator is used.
"""

import argparse
import asyncio
import contextlib
import http.server
import itertools
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import httpx
from procstat import cluster_cpu, process_cpu, server_pid

ROOT = Path(__file__).resolve().parents[1]
RANK_TARGET_S = 10.0
P99_TARGET_MS = 50.0
# Offered loads for the leaderboard's latency target: closed-loop wrk at 32 connections keeps
# one worker saturated, where latency is queueing (32 / throughput), not service time.
OPEN_LOOP_RATES = (100, 200)
TARGET_RATE = 100
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华红"
LEVELS = ("provincial", "city", "county", "street", "grassroots")
RUBRIC = [
    {"code": "skill", "name": "实操", "kind": "judged", "min_mark": "0", "max_mark": "70",
     "weight": "1", "higher_is_better": True},
    {"code": "precision", "name": "精度", "kind": "judged", "min_mark": "0", "max_mark": "30",
     "weight": "1", "higher_is_better": True},
    {"code": "time", "name": "用时", "kind": "measured", "min_mark": "0", "max_mark": "600",
     "weight": "0", "higher_is_better": False},
]  # fmt: skip
WRK_SCRIPT = r"""
local paths = {}
for line in io.lines(os.getenv("BENCH_ITEMS")) do paths[#paths + 1] = line end
math.randomseed(os.time())
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
"""


@dataclass(frozen=True)
class Sizes:
    entries: int
    judges: int
    participations: int
    orgs: int
    competitions: int


FULL = Sizes(entries=100_000, judges=5, participations=1_000_000, orgs=10_000, competitions=100)
QUICK = Sizes(entries=10_000, judges=5, participations=100_000, orgs=2_000, competitions=20)


@dataclass
class Sample:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    app_cpu_ms: float = 0.0  # per request, the service process
    db_cpu_ms: float = 0.0  # per request, all PostgreSQL processes

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Results:
    dataset: dict[str, Any] = field(default_factory=dict)
    rank_api_s: list[float] = field(default_factory=list)
    rank_cpu_s: list[tuple[float, float]] = field(default_factory=list)  # (service, database)
    rank_sql_s: list[float] = field(default_factory=list)
    board: dict[str, Sample] = field(default_factory=dict)
    stats: dict[str, dict[str, Sample]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# The service, with a JWKS endpoint of our own


class JwksServer:
    def __init__(self, jwks: dict[str, Any]) -> None:
        body = json.dumps(jwks).encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/.well-known/jwks.json"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@dataclass
class Running:
    url: str
    admin_dsn: str  # superuser, database gonghui
    minter: Any
    server_pid: int
    postmaster_pid: int

    def headers(self, *roles: str, **claims: Any) -> dict[str, str]:
        headers: dict[str, str] = self.minter.headers(roles, **claims)
        return headers


@contextlib.contextmanager
def running_service(data_dir: Path | None) -> Iterator[Running]:
    from sqlalchemy import make_url

    from localrun.devsecrets import load_secrets
    from localrun.stack import DATABASE, SERVICES, Stack, free_ports
    from servicekit.pgcluster import PostgresCluster
    from servicekit.testing.tokens import TokenMinter

    minter = TokenMinter()
    with contextlib.ExitStack() as exits:
        if data_dir is None:
            base = Path(exits.enter_context(tempfile.TemporaryDirectory(prefix="gonghui-cb-")))
        else:
            base = data_dir.absolute()
            base.mkdir(parents=True, exist_ok=True)
        jwks = JwksServer(minter.jwks)
        exits.callback(jwks.close)
        cluster = exits.enter_context(PostgresCluster(base / "postgres", durable=False))
        competition = [s for s in SERVICES if s.name == "competition"]
        # The wiring names membership's URL for the JWKS; it is replaced below.
        ports = free_ports([s for s in SERVICES if s.name in ("competition", "membership")])
        stack = Stack(
            ROOT,
            cluster.superuser_url,
            ports,
            secrets=load_secrets(base / "secrets", environ={}),
            services=competition,
            extra_env={
                "competition": {
                    "COMPETITION_JWKS_URL": jwks.url,
                    "COMPETITION_LOG_LEVEL": "WARNING",
                    "COMPETITION_OUTBOX_RELAY_ENABLED": "false",
                }
            },
        )
        stack.prepare()
        stack.start()
        exits.callback(stack.stop)
        admin = make_url(cluster.superuser_url).set(drivername="postgresql", database=DATABASE)
        yield Running(
            url=stack.urls["competition"],
            admin_dsn=admin.render_as_string(hide_password=False),
            minter=minter,
            server_pid=server_pid("competition.main:create_app", ports["competition"]),
            postmaster_pid=int((base / "postgres" / "postmaster.pid").read_text().split()[0]),
        )


# --------------------------------------------------------------------------------------------
# CPU time of the service and the database (procstat)


class CpuMeter:
    def __init__(self, run: "Running") -> None:
        self.run = run

    def __enter__(self) -> "CpuMeter":
        self._app, self._db = process_cpu(self.run.server_pid), cluster_cpu(self.run.postmaster_pid)
        return self

    def __exit__(self, *exc: object) -> None:
        self.app_s = process_cpu(self.run.server_pid) - self._app
        self.db_s = cluster_cpu(self.run.postmaster_pid) - self._db


# --------------------------------------------------------------------------------------------
# The data set, loaded with COPY as the superuser


@dataclass(frozen=True)
class Org:
    id: uuid.UUID
    name: str
    path: str
    level: str


def build_tree(size: int, rng: random.Random) -> list[Org]:
    def child(parent: Org, level: str, name: str) -> Org:
        org_id = uuid.uuid4()
        return Org(org_id, name, f"{parent.path}.{org_id.hex}", level)

    root_id = uuid.uuid4()
    province = Org(root_id, "浙江省总工会", root_id.hex, "provincial")
    cities = [child(province, "city", f"第{n + 1}市总工会") for n in range(11)]
    counties = [
        child(rng.choice(cities), "county", f"第{n + 1}区总工会") for n in range(size // 100)
    ]
    streets = [
        child(rng.choice(counties), "street", f"第{n + 1}街道总工会") for n in range(size // 10)
    ]
    rest = size - 1 - len(cities) - len(counties) - len(streets)
    unions = [child(rng.choice(streets), "grassroots", f"基层工会{n + 1:05d}") for n in range(rest)]
    return [province, *cities, *counties, *streets, *unions]


def blind_codes(count: int, rng: random.Random) -> list[str]:
    """Codes like the service's (competition.entries.codes), drawn from a seeded generator:
    the service's come from `secrets`, one system call a character."""
    from competition.entries.codes import ALPHABET, LENGTH

    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(rng.choices(ALPHABET, k=LENGTH)))
    return list(codes)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


@dataclass
class Dataset:
    tree: list[Org]
    competition_id: uuid.UUID
    event_id: uuid.UUID
    group_id: uuid.UUID
    stage_id: uuid.UUID


# The columns each loaded table gets, in the order of the tuples built below.
COLUMNS = {
    "competition": "id name kind level year status notice_days demo created_by created_at"
    " updated_at version",
    "competition_org": "competition_id org_id role org_name org_path",
    "event": "id competition_id name format team_size vocational criteria tie_breaks aggregation"
    " trim_min_judges judges_per_entry spread_threshold eligible_employment_forms eligible_orgs"
    " created_at updated_at version",
    "event_group": "id event_id kind name prize_rules honour_rules",
    "stage": "id event_id kind seq status started_at version",
    "entry": "id competition_id event_id group_id format code status display_name org_id"
    " org_name org_path registered_by created_at updated_at version",
    "participant": "id entry_id competition_id event_id year seq state membership_no name"
    " employment_form org_id org_name org_path",
    "judge": "id competition_id subject name org_id org_name org_path created_at updated_at",
    "panel_seat": "stage_id judge_id",
    "stage_entry": "stage_id entry_id group_id entry_code attendance",
    "assignment": "stage_id entry_id judge_id",
    "score_sheet": "id stage_id entry_id judge_id marks total status submitted_at updated_at"
    " version",
}
PRIZES = json.dumps([{"prize": "first", "min_rank": 1, "max_rank": 10}])


async def copy(conn: asyncpg.Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    await conn.copy_records_to_table(
        table, records=rows, columns=COLUMNS[table].split(), schema_name="competition"
    )


async def load(dsn: str, sizes: Sizes, rng: random.Random) -> Dataset:
    tree = build_tree(sizes.orgs, rng)
    unions = [o for o in tree if o.level == "grassroots"]
    # Some unions are far bigger than others, as in life.
    weights = list(itertools.accumulate(rng.lognormvariate(0, 1.2) for _ in unions))
    now = datetime.now(UTC)
    conn = await asyncpg.connect(dsn)
    await conn.execute("SET session_replication_role = replica")  # rows consistent by construction
    try:
        competitions, orgs, events, groups, stages = [], [], [], [], []
        ranked = uuid.uuid4()
        for n in range(sizes.competitions):
            cid = ranked if n == 0 else uuid.uuid4()
            year = 2026 if n == 0 else 2021 + n % 5
            kind = "vocational_skills" if n % 3 else "labour"
            host = tree[0] if n == 0 else rng.choice(tree[: 1 + 11 + sizes.orgs // 100])
            name = f"竞赛{n + 1:03d}"
            competitions.append(
                (cid, name, kind, "provincial", year, "running", 0, False, "bench", now, now, 1)
            )
            orgs.append((cid, host.id, "host", host.name, host.path))
            event = uuid.uuid4()
            tie_breaks = json.dumps(["precision", "time"])
            events.append(
                (event, cid, "项目", "individual", None, kind != "labour", json.dumps(RUBRIC),
                 tie_breaks, "trimmed_mean", 5, sizes.judges, None, [], "[]", now, now, 1)
            )  # fmt: skip
            groups.append((uuid.uuid4(), event, "employee", "职工组", PRIZES, "[]"))
            status = "scoring" if n == 0 else "closed"
            stages.append((uuid.uuid4(), event, "final", 1, status, now, 1))
        for table, rows in (
            ("competition", competitions),
            ("competition_org", orgs),
            ("event", events),
            ("event_group", groups),
            ("stage", stages),
        ):
            await copy(conn, table, rows)

        # Entries and participations: the ranked event's 100,000 individuals first, then
        # the other competitions' entries of one to five people until 1,000,000.
        entries, people, budget, n = [], [], sizes.participations, 0
        codes = iter(blind_codes(sizes.participations, rng))
        while budget > 0:
            first = n < sizes.entries
            c = 0 if first else 1 + rng.randrange(sizes.competitions - 1)
            cid, year, event, group = (
                competitions[c][0],
                competitions[c][4],
                events[c][0],
                groups[c][0],
            )
            size = 1 if first else min(budget, rng.choice((1, 1, 1, 3, 5)))
            org = rng.choices(unions, cum_weights=weights)[0]
            entry_id = uuid.uuid4()
            state = "approved" if first or rng.random() < 0.95 else "withdrawn"
            name = person_name(rng)
            form = "individual" if size == 1 else "team"
            entries.append(
                (entry_id, cid, event, group, form, next(codes), state, name, org.id, org.name,
                 org.path, "bench", now, now, 1)
            )  # fmt: skip
            for seq in range(1, size + 1):
                number = f"GH{len(people) + 1:010d}"
                people.append(
                    (uuid.uuid4(), entry_id, cid, event, year, seq, state, number, name,
                     "employee", org.id, org.name, org.path)
                )  # fmt: skip
            budget -= size
            n += 1
        await copy(conn, "entry", entries)
        await copy(conn, "participant", people)

        # The ranked event: a panel of judges, each scoring every entry.
        stage, top = stages[0][0], tree[0]
        judges = [
            (
                uuid.uuid4(),
                ranked,
                f"judge-{j}",
                f"评委{j + 1}",
                top.id,
                top.name,
                top.path,
                now,
                now,
            )
            for j in range(sizes.judges)
        ]
        await copy(conn, "judge", judges)
        await copy(conn, "panel_seat", [(stage, j[0]) for j in judges])
        ranked_entries = entries[: sizes.entries]
        await copy(
            conn, "stage_entry", [(stage, e[0], e[3], e[5], "competing") for e in ranked_entries]
        )
        assignments, sheets = [], []
        for e in ranked_entries:
            level = rng.randint(300, 950)  # tenths: the entrant's strength
            for j in judges:
                skill = min(700, max(0, round(level * 0.7) + rng.randint(-40, 40)))
                precision = min(300, max(0, round(level * 0.3) + rng.randint(-20, 20)))
                marks = json.dumps(
                    {"skill": f"{skill / 10:.1f}", "precision": f"{precision / 10:.1f}",
                     "time": str(rng.randint(120, 600))}
                )  # fmt: skip
                total = Decimal(skill + precision) / 10
                assignments.append((stage, e[0], j[0]))
                sheets.append(
                    (uuid.uuid4(), stage, e[0], j[0], marks, total, "submitted", now, now, 1)
                )
        await copy(conn, "assignment", assignments)
        await copy(conn, "score_sheet", sheets)
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()
    return Dataset(tree, ranked, events[0][0], groups[0][0], stages[0][0])


# --------------------------------------------------------------------------------------------
# Measurements


def percentiles(latencies: list[float]) -> tuple[float, float]:
    if len(latencies) < 2:
        value = latencies[0] * 1000 if latencies else 0.0
        return value, value
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return q[49] * 1000, q[98] * 1000


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_sample(
    url: str, paths: list[str], connections: int, seconds: float, scratch: Path
) -> Sample:
    items = scratch / "paths.txt"
    items.write_text("\n".join(paths) + "\n")
    script = scratch / "paths.lua"
    script.write_text(WRK_SCRIPT)
    wrk = shutil.which("wrk")
    if wrk is None:
        return asyncio.run(aiohttp_sample(url, paths, connections, seconds))
    argv = [wrk, "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "10s",
            "-s", str(script), url]  # fmt: skip
    out = subprocess.run(
        argv, capture_output=True, text=True, check=True, timeout=seconds + 60,
        env=dict(os.environ, BENCH_ITEMS=str(items)),
    ).stdout  # fmt: skip

    def ms(p: str) -> float:
        match = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        if match is None:
            raise RuntimeError(f"no {p}% latency in wrk output:\n{out}")
        return float(match.group(1)) * _UNITS_MS[match.group(2)]

    total = re.search(r"^\s+(\d+) requests in ([\d.]+)(us|ms|s|m)", out, re.MULTILINE)
    assert total is not None, out
    elapsed = float(total.group(2)) * {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60}[total.group(3)]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return Sample(int(total.group(1)), int(bad.group(1)) if bad else 0, elapsed, ms("50"), ms("99"))


async def aiohttp_sample(url: str, paths: list[str], connections: int, seconds: float) -> Sample:
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections)) as http:

        async def worker() -> None:
            nonlocal errors
            while time.monotonic() < deadline:
                began = time.perf_counter()
                async with http.get(url + random.choice(paths)) as response:
                    await response.read()
                    errors += response.status != 200
                latencies.append(time.perf_counter() - began)

        began = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(connections)))
    p50, p99 = percentiles(latencies)
    return Sample(len(latencies), errors, time.monotonic() - began, p50, p99)


async def open_loop_sample(url: str, paths: list[str], rate: float, seconds: float) -> Sample:
    """Requests sent at a fixed rate whatever the answers, latency counted from the moment
    each was due: what visitors see at that rate, without coordinated omission."""
    latencies: list[float] = []
    errors = 0
    interval = 1 / rate
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256)) as http:

        async def one(due: float) -> None:
            nonlocal errors
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            try:
                async with http.get(url + random.choice(paths)) as response:
                    await response.read()
                    errors += response.status != 200
            except aiohttp.ClientError:
                errors += 1
            latencies.append(time.perf_counter() - due)

        began = time.perf_counter()
        count = int(rate * seconds)
        await asyncio.gather(*(one(began + n * interval) for n in range(count)))
    p50, p99 = percentiles(latencies)
    return Sample(len(latencies), errors, time.perf_counter() - began, p50, p99)


async def raw_sample(dsn: str, pages: list[list[Any]], connections: int, seconds: float) -> Sample:
    """The service's own page statement (public/repository.py) from a raw asyncpg pool."""
    from competition.public.repository import NEXT_PAGE

    pool = await asyncpg.create_pool(dsn, min_size=connections, max_size=connections)
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        while time.monotonic() < deadline:
            args = random.choice(pages)
            began = time.perf_counter()
            async with pool.acquire() as conn:
                await conn.fetch(NEXT_PAGE, *args)
            latencies.append(time.perf_counter() - began)

    began = time.monotonic()
    try:
        await asyncio.gather(*(worker() for _ in range(connections)))
    finally:
        await pool.close()
    p50, p99 = percentiles(latencies)
    return Sample(len(latencies), 0, time.monotonic() - began, p50, p99)


async def ranking_sql_seconds(dsn: str, data: Dataset) -> float:
    """The ranking SELECT alone (no writes), as the service builds it."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from competition.contests.models import Aggregation
    from competition.ranking.sql import RankingSpec, TieBreak, ranking_query

    spec = RankingSpec(
        stage_id=data.stage_id, aggregation=Aggregation.TRIMMED_MEAN, trim_min_judges=5,
        spread_threshold=None, tie_breaks=[TieBreak("precision", True), TieBreak("time", False)],
        prizes=[(data.group_id, "first", 1, 10)],
    )  # fmt: skip
    sql, params = ranking_query(spec)
    engine = create_async_engine(dsn.replace("postgresql://", "postgresql+asyncpg://", 1))
    try:
        async with engine.connect() as conn:
            began = time.perf_counter()
            await conn.execute(text(f"SELECT count(*) FROM ({sql}) AS q"), params)  # noqa: S608
            return time.perf_counter() - began
    finally:
        await engine.dispose()


STATS_SQL = """
SELECT t.year, c.kind, count(*), sum(t.entries), sum(t.participations)
FROM (
    SELECT p.year, p.competition_id, count(*) FILTER (WHERE p.seq = 1) AS entries,
           count(*) AS participations
    FROM competition.participant p
    WHERE p.state = 'approved' AND p.year BETWEEN 2000 AND 2100
      AND (p.org_path = $1 OR (p.org_path >= $2 AND p.org_path < $3))
    GROUP BY p.year, p.competition_id
) t
JOIN competition.competition c ON c.id = t.competition_id
GROUP BY t.year, c.kind
ORDER BY t.year, c.kind
"""


def run_bench(sizes: Sizes, seconds: float, data_dir: Path | None) -> Results:
    results = Results()
    rng = random.Random(20261122)
    with running_service(data_dir) as run, tempfile.TemporaryDirectory() as scratch:
        began = time.perf_counter()
        data = asyncio.run(load(run.admin_dsn, sizes, rng))
        results.dataset = {"load_s": time.perf_counter() - began, **sizes.__dict__}
        admin = run.headers("admin")
        with httpx.Client(base_url=run.url, timeout=600) as client:
            for _ in range(3):
                results.rank_sql_s.append(asyncio.run(ranking_sql_seconds(run.admin_dsn, data)))
                began = time.perf_counter()
                with CpuMeter(run) as cpu:
                    response = client.post(f"/v1/stages/{data.stage_id}/rank", headers=admin)
                results.rank_api_s.append(time.perf_counter() - began)
                results.rank_cpu_s.append((cpu.app_s, cpu.db_s))
                if response.status_code != 200:
                    results.failures.append(f"rank: {response.status_code} {response.text[:200]}")
            summary = response.json()
            results.dataset["ranked"] = summary.get("ranked")
            published = client.post(f"/v1/stages/{data.stage_id}/publish", headers=admin)
            if published.status_code != 200:
                results.failures.append(f"publish: {published.status_code} {published.text[:200]}")

        pages = asyncio.run(page_keys(run.admin_dsn, data, rng))
        from servicekit.pagination import encode_cursor

        base = f"/v1/public/events/{data.event_id}/leaderboard?group_id={data.group_id}&limit=50"
        paths = [base] + [f"{base}&cursor={encode_cursor([r, c])}" for r, c in pages]
        raw = [[data.event_id, data.group_id, None, 51, r, c] for r, c in pages]
        for connections in (32, 8, 1):
            with CpuMeter(run) as cpu:
                sample = wrk_sample(run.url, paths, connections, seconds, Path(scratch))
            results.board[f"api c{connections}"] = per_request(sample, cpu)
            results.board[f"raw c{connections}"] = asyncio.run(
                raw_sample(run.admin_dsn, raw, connections, seconds)
            )
        for rate in OPEN_LOOP_RATES:
            with CpuMeter(run) as cpu:
                sample = asyncio.run(open_loop_sample(run.url, paths, rate, seconds))
            results.board[f"api {rate} req/s"] = per_request(sample, cpu)

        with httpx.Client(base_url=run.url, timeout=60) as client:
            for level in LEVELS:
                orgs = rng.sample(
                    [o for o in data.tree if o.level == level],
                    k=min(20, sum(o.level == level for o in data.tree)),
                )
                latencies, raw_latencies, errors = [], [], 0
                for org in orgs * 3:
                    headers = run.headers(
                        "cadre", org_scope=[str(org.id)], org_scope_paths=[org.path]
                    )
                    began = time.perf_counter()
                    response = client.get("/v1/stats/participation", headers=headers)
                    latencies.append(time.perf_counter() - began)
                    errors += response.status_code != 200
                    raw_latencies.append(asyncio.run(stats_raw(run.admin_dsn, org.path)))
                results.stats[level] = {
                    "api": Sample(len(latencies), errors, sum(latencies), *percentiles(latencies)),
                    "raw": Sample(
                        len(raw_latencies), 0, sum(raw_latencies), *percentiles(raw_latencies)
                    ),
                }
    return results


def per_request(sample: Sample, cpu: CpuMeter) -> Sample:
    requests = max(sample.requests, 1)
    sample.app_cpu_ms = cpu.app_s / requests * 1000
    sample.db_cpu_ms = cpu.db_s / requests * 1000
    return sample


async def page_keys(dsn: str, data: Dataset, rng: random.Random) -> list[tuple[int, int]]:
    """Cursors of random deep pages: a rank and how many rows of it come before the page."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT rank, entry_code FROM competition.stage_result WHERE stage_id = $1"
            " ORDER BY rank, entry_code", data.stage_id,
        )  # fmt: skip
    finally:
        await conn.close()
    shown_at_rank, keys = 0, []
    for i, row in enumerate(rows):
        shown_at_rank = shown_at_rank + 1 if i and rows[i - 1]["rank"] == row["rank"] else 1
        keys.append((row["rank"], shown_at_rank))
    return [keys[i] for i in rng.sample(range(len(rows) - 1), 1000)]


async def stats_raw(dsn: str, path: str) -> float:
    conn = await asyncpg.connect(dsn)
    try:
        began = time.perf_counter()
        await conn.fetch(STATS_SQL, path, path + ".", path + "/")
        return time.perf_counter() - began
    finally:
        await conn.close()


# --------------------------------------------------------------------------------------------
# Report


def report(results: Results, seconds: float) -> str:
    d = results.dataset
    lines = [
        f"Data: {d['entries']:,} entries × {d['judges']} judges ({d['entries'] * d['judges']:,}"
        f" sheets) in the ranked event; {d['participations']:,} participations in"
        f" {d['competitions']} competitions; {d['orgs']:,} organisations; loaded in"
        f" {d['load_s']:.0f} s. Load average at the end: {os.getloadavg()[0]:.1f}.",
        "",
        "| ranking | run 1 | run 2 | run 3 | median |",
        "| --- | ---: | ---: | ---: | ---: |",
        "| `POST /v1/stages/{id}/rank` (s) | "
        + " | ".join(f"{s:.2f}" for s in results.rank_api_s)
        + f" | {statistics.median(results.rank_api_s):.2f} |",
        "| ranking SELECT alone (s) | "
        + " | ".join(f"{s:.2f}" for s in results.rank_sql_s)
        + f" | {statistics.median(results.rank_sql_s):.2f} |",
        "",
        f"| leaderboard, {seconds:g} s each | req/s | p50 ms | p99 ms | errors"
        " | service CPU/req | database CPU/req |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, s in results.board.items():
        cpu = f"{s.app_cpu_ms:.2f} ms | {s.db_cpu_ms:.2f} ms" if s.app_cpu_ms else " | "
        lines.append(
            f"| {name} | {s.rps:.0f} | {s.p50_ms:.2f} | {s.p99_ms:.2f} | {s.errors} | {cpu} |"
        )
    lines += [
        "",
        "| statistics (60 calls per level) | API p50 ms | API p99 ms | SQL p50 ms | SQL p99 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for level, samples in results.stats.items():
        api, raw = samples["api"], samples["raw"]
        cells = (api.p50_ms, api.p99_ms, raw.p50_ms, raw.p99_ms)
        lines.append(f"| {level} | " + " | ".join(f"{c:.1f}" for c in cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10x smaller sizes")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each load run")
    parser.add_argument("--data-dir", type=Path, default=None, help="keep the cluster here")
    args = parser.parse_args()
    # A terminated run still stops its service and cluster (the `with` blocks unwind).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results = run_bench(QUICK if args.quick else FULL, args.seconds, args.data_dir)
    print(report(results, args.seconds))
    rank = statistics.median(results.rank_api_s)
    p99 = results.board[f"api {TARGET_RATE} req/s"].p99_ms
    errors = sum(s.errors for s in results.board.values())
    errors += sum(s["api"].errors for s in results.stats.values())
    met = rank <= RANK_TARGET_S and p99 <= P99_TARGET_MS and not errors and not results.failures
    print(f"\nTargets (ranking <= {RANK_TARGET_S:g} s, leaderboard p99 <= {P99_TARGET_MS:g} ms"
          f" at {TARGET_RATE} req/s): {'met' if met else 'NOT met'}")  # fmt: skip
    for failure in results.failures:
        print("failure:", failure)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
