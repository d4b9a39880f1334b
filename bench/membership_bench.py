"""Membership at scale: bulk import through the API, lookup by ID number and sub-tree
statistics on 1,000,000 people and 100,000 organisations, each against a baseline measured in
the same run.

    uv run python bench/membership_bench.py            # full sizes: ~8 min on 2 idle cores
    uv run python bench/membership_bench.py --quick    # 10x smaller, a smoke run (~75 s)

Starts a throwaway PostgreSQL cluster and the membership service alone (`localrun.stack.Stack`
with `services=[membership]`, real uvicorn process, one worker) on free ports of 127.0.0.1.

Data at scale is loaded directly with COPY as the superuser, not through the API: the org tree
(1 province, 11 cities, ~90 counties, ~1,000 streets, the rest grassroots unions), enterprises,
and the people with their memberships and affiliations (no event history: none of the
measured paths reads it). Person rows carry real ciphertexts and blind indexes, made by
`membership.people.service.person_values` with the stack's own PII keys, so the service finds
them exactly as it finds people it stored itself;
`org_monthly_joins` and the sub-tree tallies are computed from the loaded rows with set-based
SQL (the backfill of the migration that introduced the tallies).
Only the import (a 10k-row file, then a 100k-row file, one request each) goes through the API.

Measurements, each with its baseline from the same run:
- import: rows/s of `POST /v1/orgs/{id}/imports` and the service's RSS sampled during the
  request (10k vs 100k rows: memory must stay flat); baseline: the same CSV parsed, checked and
  encrypted with the service's own functions in one process, and the prepared rows written
  into scratch copies of person, member, affiliation and member_event by COPY, by
  `servicekit.bulk.insert_unnest` (as the import does) and by SQLAlchemy executemany.
- lookup: `POST /v1/members/lookup` with random known ID numbers, at 32 connections and at 1;
  baseline: the same lookup (blind index, then person ⋈ member ⋈ org) as one raw asyncpg query.
- statistics: `GET /v1/orgs/{id}/stats` for random orgs of each level, one request at a time
  (and at 32 connections for streets and grassroots unions); baseline: the same three SQL
  statements (org, sub-tree tally, joins by month) through raw asyncpg; plus each
  statement's server-side time from EXPLAIN ANALYZE, and the province's figures checked
  against a recount from the base tables.
Targets (from the issue): import >= 2,000 rows/s with flat memory; lookup and statistics
p99 <= 20 ms. Exit status 0 when every target is met and no request failed.

HTTP load comes from wrk with a Lua script (Debian: `apt-get install -y wrk`); without wrk a
bounded aiohttp generator in this process is used. `--data-dir DIR` keeps the cluster and the
loaded data between runs (each run imports fresh ID numbers), which saves the load on reruns.
"""

import argparse
import asyncio
import contextlib
import csv
import io
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import httpx
from procstat import cluster_cpu, process_cpu, server_pid

ROOT = Path(__file__).resolve().parents[1]
REGION = "330110"  # every generated ID number; serials keep them unique
IMPORT_SERIAL_BASE = 5_000_000  # imported people never collide with loaded ones
JOIN_DAYS = 5 * 365  # loaded members joined within the last five years
IMPORT_TARGET_ROWS_S = 2_000
# The p99 target is judged one request at a time and at an offered load (open loop) of this
# many requests a second. Closed loop at 32 connections keeps one worker saturated: its
# latency is queueing (32 / throughput), reported as capacity, not judged.
OPEN_LOOP_RATE = 100
OPEN_LOOP_SECONDS = 10.0
P99_TARGET_MS = 20.0
# Growth of the service's peak RSS from the small to the large import that still counts as flat.
FLAT_MEMORY_MIB = 32
LEVELS = ("provincial", "city", "county", "street", "grassroots")
NEW_FORMS = (
    "delivery_rider",
    "courier",
    "truck_driver",
    "ride_hailing_driver",
    "domestic_worker",
    "other_new_form",
)
FORM_LABELS = {"employee": "职工", "delivery_rider": "外卖骑手", "courier": "快递员"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华红"

LOOKUP_SQL = """
SELECT m.id, m.membership_no, m.card_no, m.state, m.org_id, o.name AS org_name, m.channel,
       m.joined_on, p.id AS person_id, p.name, p.id_number_masked, p.phone_masked,
       p.employment_form
FROM membership.person p
JOIN membership.member m ON m.person_id = p.id
JOIN membership.org o ON o.id = m.org_id
WHERE p.id_number_index = $1
"""
# The statements StatsService runs (stats/repository.py), written out for raw asyncpg.
STATS_ORG_SQL = "SELECT path::text, name FROM membership.org WHERE id = $1"
STATS_TOTALS_SQL = """
SELECT organisations, new_form_unions, members, new_form_members, new_form_enterprises
FROM membership.org_subtree_tally WHERE org_id = $1
"""
STATS_JOINS_SQL = """
SELECT month, joins FROM membership.org_subtree_monthly_joins
WHERE org_id = $1 AND month BETWEEN $2 AND $3 AND joins <> 0 ORDER BY month
"""
# The province's figures recounted from the base tables, to check the sub-tree tallies.
RECOUNT_SQL = """
SELECT (SELECT count(*) FROM membership.org WHERE status = 'active'),
       (SELECT count(*) FROM membership.org WHERE status = 'active' AND new_form),
       count(*), count(*) FILTER (WHERE p.employment_form <> 'employee'),
       (SELECT count(DISTINCT e.id)
        FROM membership.enterprise e
        JOIN membership.org u ON u.id = coalesce(e.union_org_id, e.affiliated_org_id)
        JOIN membership.org nf ON nf.new_form AND u.path <@ nf.path)
FROM membership.member m JOIN membership.person p ON p.id = m.person_id
WHERE m.state IN ('active', 'transferring', 'suspended')
"""
# The migration that introduced the tallies fills them from loaded rows, as it does on upgrade.
ROLLUP_MIGRATION = (
    ROOT / "services/membership/migrations/versions/2026_11_22_1900_subtree_rollups.py"
)
COUNTS = ("organisations", "new_form_unions", "members", "new_form_members", "new_form_enterprises")

WRK_SCRIPT = r"""
-- One request per line of BENCH_ITEMS: "path<TAB>json body" (POST) or "path" (GET).
local items = {}
for line in io.lines(os.getenv("BENCH_ITEMS")) do
  local path, body = line:match("^([^\t]*)\t?(.*)$")
  items[#items + 1] = {path, body}
end
local token = os.getenv("BENCH_TOKEN")
math.randomseed(os.time())
request = function()
  local item = items[math.random(#items)]
  local headers = {Authorization = "Bearer " .. token}
  if item[2] ~= "" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", item[1], headers, item[2])
  end
  return wrk.format("GET", item[1], headers)
end
"""


# --------------------------------------------------------------------------------------------
# Sizes and results


@dataclass(frozen=True)
class Sizes:
    orgs: int
    people: int
    import_small: int
    import_large: int


FULL = Sizes(orgs=100_000, people=1_000_000, import_small=10_000, import_large=100_000)
QUICK = Sizes(orgs=10_000, people=100_000, import_small=1_000, import_large=10_000)


@dataclass
class Sample:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    # CPU time per request: the membership process for HTTP, this process for raw asyncpg.
    app_cpu_us: float = 0.0
    pg_cpu_us: float = 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class ImportRun:
    rows: int
    seconds: float
    created: int
    errors: int
    rss_before_mib: float
    rss_peak_mib: float
    rss_after_mib: float
    app_cpu_s: float
    pg_cpu_s: float

    @property
    def rows_s(self) -> float:
        return self.rows / self.seconds

    @property
    def growth_mib(self) -> float:
        return self.rss_peak_mib - self.rss_before_mib


@dataclass
class Results:
    machine: dict[str, str] = field(default_factory=dict)
    dataset: dict[str, Any] = field(default_factory=dict)
    lookup: dict[str, Sample] = field(default_factory=dict)  # "api c32", "raw c32", ...
    stats: dict[str, dict[str, Sample]] = field(default_factory=dict)  # level → key → sample
    # Offered load, as users bring it (open loop): the rows the p99 target is judged on
    # besides one request at a time. "lookup" or a level → sample at OPEN_LOOP_RATE.
    open_loop: dict[str, Sample] = field(default_factory=dict)
    subtree_orgs: dict[str, float] = field(default_factory=dict)
    stats_sql: dict[str, dict[str, float]] = field(default_factory=dict)
    imports: dict[str, ImportRun] = field(default_factory=dict)
    import_baseline: dict[str, float] = field(default_factory=dict)  # seconds
    failures: list[str] = field(default_factory=list)
    other_cores: dict[str, float] = field(default_factory=dict)  # phase → cores used by others


# --------------------------------------------------------------------------------------------
# The service


@dataclass
class Running:
    url: str
    admin_password: str
    admin_dsn: str  # superuser, database gonghui
    service_dsn: str  # the membership role, as the service connects
    pii_key: str
    pii_index_key: str
    server_pid: int
    postmaster_pid: int
    data_dir: Path

    def token(self) -> str:
        response = httpx.post(
            f"{self.url}/v1/auth/token",
            data={"grant_type": "password", "username": "admin", "password": self.admin_password},
            timeout=30,
        )
        response.raise_for_status()
        token: str = response.json()["access_token"]
        return token


def _plain_dsn(url: str, database: str | None = None) -> str:
    from sqlalchemy import make_url

    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@contextlib.contextmanager
def running_service(data_dir: Path | None) -> Iterator[Running]:
    from localrun.devsecrets import load_secrets
    from localrun.stack import DATABASE, SERVICES, Stack, free_ports
    from servicekit.pgcluster import PostgresCluster

    with contextlib.ExitStack() as exits:
        if data_dir is None:
            base = Path(exits.enter_context(tempfile.TemporaryDirectory(prefix="gonghui-mb-")))
        else:
            base = data_dir.absolute()
            base.mkdir(parents=True, exist_ok=True)
        cluster = exits.enter_context(PostgresCluster(base / "postgres", durable=False))
        membership = [s for s in SERVICES if s.name == "membership"]
        # Membership's environment names the gateway's URL (its public base URL), so the
        # wiring needs a gateway port even though no gateway runs.
        ports = free_ports([s for s in SERVICES if s.name in ("membership", "gateway")])
        secrets = load_secrets(base / "secrets", environ={})
        stack = Stack(
            ROOT,
            cluster.superuser_url,
            ports,
            secrets=secrets,
            services=membership,
            extra_env={"membership": {"MEMBERSHIP_LOG_LEVEL": "WARNING"}},
        )
        stack.prepare()
        stack.start()
        exits.callback(stack.stop)
        env = stack.env(membership[0])
        postmaster = int((base / "postgres" / "postmaster.pid").read_text().split()[0])
        yield Running(
            url=stack.urls["membership"],
            admin_password=stack.admin_password,
            admin_dsn=_plain_dsn(cluster.superuser_url, DATABASE),
            service_dsn=_plain_dsn(env["MEMBERSHIP_DATABASE_URL"]),
            pii_key=secrets["MEMBERSHIP_PII_KEY"],
            pii_index_key=secrets["MEMBERSHIP_PII_INDEX_KEY"],
            server_pid=server_pid("membership.main:create_app", ports["membership"]),
            postmaster_pid=postmaster,
            data_dir=base,
        )


# --------------------------------------------------------------------------------------------
# CPU and memory of the processes under test, from /proc


class CpuMeter:
    def __init__(self, app_pid: int, postmaster: int) -> None:
        self.app_pid = app_pid
        self.postmaster = postmaster

    def __enter__(self) -> "CpuMeter":
        self._app = process_cpu(self.app_pid)
        self._pg = cluster_cpu(self.postmaster)
        return self

    def __exit__(self, *exc: object) -> None:
        self.app_s = process_cpu(self.app_pid) - self._app
        self.pg_s = cluster_cpu(self.postmaster) - self._pg


def machine_busy_s() -> float:
    """CPU seconds the whole machine has spent busy (all cores), steal time included."""
    values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class OtherLoad:
    """How many cores processes other than ours kept busy: this machine is shared, and what
    others use is missing from the service, the database and the load generator."""

    def __init__(self, run: Running) -> None:
        self.run = run

    def _ours(self) -> float:
        own = os.times()
        return (
            own.user + own.system + own.children_user + own.children_system
            + process_cpu(self.run.server_pid) + cluster_cpu(self.run.postmaster_pid)
        )  # fmt: skip

    def __enter__(self) -> "OtherLoad":
        self._began = time.monotonic()
        self._busy = machine_busy_s()
        self._own = self._ours()
        return self

    def __exit__(self, *exc: object) -> None:
        other = machine_busy_s() - self._busy - (self._ours() - self._own)
        self.cores = max(other, 0.0) / (time.monotonic() - self._began)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


class RssSampler(threading.Thread):
    """VmRSS of one process every `interval` seconds until stopped."""

    def __init__(self, pid: int, interval: float = 0.01) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.samples: list[int] = []
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.samples.append(rss_kib(self.pid))
            self._halt.wait(self.interval)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return max(self.samples)


# --------------------------------------------------------------------------------------------
# The data set: loaded with COPY as the superuser


@dataclass(frozen=True)
class OrgRow:
    id: uuid.UUID
    parent_id: uuid.UUID | None
    path: str
    kind: str
    level: str
    name: str
    region: str
    new_form: bool


def build_tree(orgs: int, rng: random.Random) -> list[OrgRow]:
    """1 province → cities → counties → streets → grassroots unions, `orgs` in all."""
    cities = 11
    counties = max(2 * cities, round(orgs * 0.0009))
    streets = max(2 * counties, orgs // 100)
    grassroots = orgs - 1 - cities - counties - streets
    if grassroots < streets:
        raise SystemExit(f"--orgs {orgs} is too small for a five-level tree")

    def child(parent: OrgRow, level: str, kind: str, name: str, region: str) -> OrgRow:
        org_id = uuid.uuid4()
        new_form = level == "grassroots" and rng.random() < 0.03
        return OrgRow(
            org_id, parent.id, f"{parent.path}.{org_id.hex}", kind, level, name, region, new_form
        )

    def spread(parents: Sequence[OrgRow], count: int) -> list[OrgRow]:
        # Every parent gets one child, the rest go to random parents: an uneven real tree.
        return list(parents) + [rng.choice(parents) for _ in range(count - len(parents))]

    root_id = uuid.uuid4()
    province = OrgRow(
        root_id, None, root_id.hex, "federation", "provincial", "浙江省总工会", "330000", False
    )
    tree = [province]
    city_rows = [
        child(province, "city", "federation", f"第{i + 1}市总工会", f"33{i + 1:02d}00")
        for i in range(cities)
    ]
    county_rows = [
        child(p, "county", "federation", f"{p.name[:-3]}第{i + 1}区总工会", p.region[:4] + "10")
        for i, p in enumerate(spread(city_rows, counties))
    ]
    street_rows = [
        child(p, "street", "federation", f"{p.name[:-3]}第{i + 1}街道总工会", p.region)
        for i, p in enumerate(spread(county_rows, streets))
    ]
    grassroots_rows = [
        child(p, "grassroots", "grassroots", f"基层工会{i + 1:06d}", p.region)
        for i, p in enumerate(spread(street_rows, grassroots))
    ]
    tree += city_rows + county_rows + street_rows + grassroots_rows
    return tree


def allocate_people(unions: Sequence[OrgRow], people: int, rng: random.Random) -> list[int]:
    """Members per grassroots union: skewed (log-normal), summing to exactly `people`."""
    weights = [rng.lognormvariate(0, 1.2) for _ in unions]
    scale = people / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in rng.sample(range(len(unions)), people - sum(counts)):
        counts[i] += 1
    return counts


@dataclass(frozen=True)
class ChunkTask:
    dsn: str
    pii_key: str
    pii_index_key: str
    first_serial: int
    segments: tuple[tuple[str, bool, int], ...]  # (org id hex, new-form union, members)


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def phone_of(serial: int) -> str:
    return f"13{serial % 10**9:09d}"


def card_no_of(serial: int) -> str:
    from membership.members.lifecycle import luhn_complete

    # The service draws 14 random digits after the 8; serials below 10^7 with a 9 in front
    # of them cannot meet one of those in any run of realistic length.
    return luhn_complete(f"89{serial:013d}")


def load_chunk(task: ChunkTask) -> int:
    """Runs in a worker process: one chunk of people, encrypted and COPYed in one transaction."""
    return asyncio.run(_load_chunk(task))


async def _load_chunk(task: ChunkTask) -> int:
    from membership.people.models import EmploymentForm
    from membership.people.schemas import PersonIn
    from membership.people.service import person_values
    from membership.seed import demo_id_number
    from servicekit.pii import PiiCipher

    pii = PiiCipher.from_settings(task.pii_key, task.pii_index_key)
    rng = random.Random(task.first_serial)
    today = datetime.now(UTC).date()
    people: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    affiliations: list[tuple[Any, ...]] = []
    serial = task.first_serial
    for org_hex, new_form_union, count in task.segments:
        org_id = uuid.UUID(org_hex)
        for _ in range(count):
            new_form = rng.random() < (0.85 if new_form_union else 0.03)
            form = EmploymentForm(rng.choice(NEW_FORMS) if new_form else "employee")
            person_in = PersonIn.model_construct(
                name=person_name(rng),
                id_number=demo_id_number(serial, REGION),
                phone=phone_of(serial),
                employment_form=form,
            )
            v = person_values(person_in, pii)
            people.append(
                (
                    v["id"], v["name"], v["id_number_enc"], v["id_number_index"],
                    v["id_number_masked"], v["phone_enc"], v["phone_index"], v["phone_masked"],
                    v["employment_form"].value,
                )
            )  # fmt: skip
            joined = today - timedelta(days=rng.randrange(JOIN_DAYS))
            started = datetime.combine(joined, clock(9), tzinfo=UTC)
            member_id = uuid.uuid4()
            channel = rng.choice(("bulk_import", "qr_code", "service_point"))
            members.append(
                (
                    member_id, v["id"], f"GH{serial + 1:010d}", card_no_of(serial), "active",
                    org_id, channel, joined, 1,
                )
            )  # fmt: skip
            affiliations.append((uuid.uuid4(), member_id, org_id, started))
            serial += 1
    conn = await loading_connection(task.dsn)
    try:
        async with conn.transaction():
            await conn.copy_records_to_table(
                "person",
                schema_name="membership",
                records=people,
                columns=[
                    "id", "name", "id_number_enc", "id_number_index", "id_number_masked",
                    "phone_enc", "phone_index", "phone_masked", "employment_form",
                ],
            )  # fmt: skip
            await conn.copy_records_to_table(
                "member",
                schema_name="membership",
                records=members,
                columns=[
                    "id", "person_id", "membership_no", "card_no", "state", "org_id", "channel",
                    "joined_on", "version",
                ],
            )  # fmt: skip
            await conn.copy_records_to_table(
                "affiliation",
                schema_name="membership",
                records=affiliations,
                columns=["id", "member_id", "org_id", "started_at"],
            )
    finally:
        await conn.close()
    return len(people)


async def loading_connection(dsn: str) -> asyncpg.Connection:
    """A superuser session whose COPYs skip the foreign-key triggers.

    The rows are consistent by construction, and the per-row foreign-key checks were half
    the cost of the load. The schema has no triggers of its own (checked before loading)."""
    conn = await asyncpg.connect(dsn)
    await conn.execute("SET session_replication_role = replica")
    return conn


def chunk_tasks(
    run: Running, unions: Sequence[OrgRow], counts: Sequence[int], chunk_rows: int
) -> list[ChunkTask]:
    tasks: list[ChunkTask] = []
    segments: list[tuple[str, bool, int]] = []
    first = filled = 0

    def flush() -> None:
        nonlocal segments, first, filled
        if segments:
            tasks.append(
                ChunkTask(run.admin_dsn, run.pii_key, run.pii_index_key, first, tuple(segments))
            )
        first += filled
        segments, filled = [], 0

    for union, count in zip(unions, counts, strict=True):
        while count:
            take = min(count, chunk_rows - filled)
            segments.append((union.id.hex, union.new_form, take))
            filled += take
            count -= take
            if filled == chunk_rows:
                flush()
    flush()
    return tasks


async def _set_ltree_codec(conn: asyncpg.Connection) -> None:
    # ltree's binary form (PostgreSQL 13+) is a version byte, 1, and the text.
    await conn.set_type_codec(
        "ltree",
        schema="membership",
        encoder=lambda text: b"\x01" + text.encode(),
        decoder=lambda data: data[1:].decode(),
        format="binary",
    )


async def load_orgs_and_enterprises(run: Running, tree: Sequence[OrgRow], seed: int) -> int:
    from membership.seed import demo_uscc

    rng = random.Random(seed + 1)
    parents = {o.id: o for o in tree}
    enterprises: list[tuple[Any, ...]] = []

    def enterprise(affiliated: uuid.UUID, union: uuid.UUID | None, region: str) -> None:
        serial = len(enterprises) + 1
        enterprises.append(
            (
                uuid.uuid4(), demo_uscc(serial, region), False, f"企业{serial:07d}有限公司",
                region, rng.choice(("micro", "small", "medium", "large")), affiliated, union, 1,
            )
        )  # fmt: skip

    for org in tree:
        if org.level != "grassroots":
            continue
        assert org.parent_id is not None
        # About half the grassroots unions are an enterprise's own union.
        if rng.random() < 0.5:
            enterprise(parents[org.parent_id].id, org.id, org.region)
        # A new-form union (riders, couriers ...) covers enterprises without a union of their
        # own, as in the county of the seed (3 new-form unions covering 19 enterprises).
        if org.new_form:
            for _ in range(6):
                enterprise(org.id, None, org.region)
    conn = await loading_connection(run.admin_dsn)
    try:
        await _set_ltree_codec(conn)
        async with conn.transaction():
            await conn.copy_records_to_table(
                "org",
                schema_name="membership",
                records=[
                    (o.id, o.parent_id, o.path, o.kind, o.level, o.name, o.region, o.new_form,
                     "active", 1)
                    for o in tree
                ],
                columns=[
                    "id", "parent_id", "path", "kind", "level", "name", "region_code",
                    "new_form", "status", "version",
                ],
            )  # fmt: skip
            await conn.copy_records_to_table(
                "enterprise",
                schema_name="membership",
                records=enterprises,
                columns=[
                    "id", "uscc", "needs_review", "name", "region_code", "size_class",
                    "affiliated_org_id", "union_org_id", "version",
                ],
            )  # fmt: skip
    finally:
        await conn.close()
    return len(enterprises)


async def finish_load(run: Running, sizes: Sizes, enterprises: int, seed: int) -> None:
    """Monthly joins and sub-tree tallies from the loaded rows, the sequence, statistics, the
    meta row."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("subtree_rollups", ROLLUP_MIGRATION)
    assert spec is not None
    assert spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    conn = await asyncpg.connect(run.admin_dsn)
    try:
        async with conn.transaction():
            await conn.execute(
                """
                INSERT INTO membership.org_monthly_joins (org_id, month, joins)
                SELECT org_id, to_char(joined_on, 'YYYY-MM'), count(*)
                FROM membership.member GROUP BY 1, 2
                """
            )
            await conn.execute(migration.BACKFILL_TALLY)
            await conn.execute(migration.BACKFILL_JOINS)
            await conn.execute(
                "SELECT setval('membership.membership_no_seq', $1)", sizes.people + 1
            )
            await conn.executemany(
                "INSERT INTO bench.meta (key, value) VALUES ($1, $2)",
                [
                    ("orgs", sizes.orgs),
                    ("people", sizes.people),
                    ("enterprises", enterprises),
                    ("seed", seed),
                    ("next_import_serial", IMPORT_SERIAL_BASE),
                ],
            )
        # A database in steady state: statistics current, visibility map set.
        await conn.execute("VACUUM (ANALYZE)")
    finally:
        await conn.close()


async def read_meta(run: Running) -> dict[str, int]:
    conn = await asyncpg.connect(run.admin_dsn)
    try:
        await conn.execute(
            "CREATE SCHEMA IF NOT EXISTS bench;"
            "CREATE TABLE IF NOT EXISTS bench.meta (key text PRIMARY KEY, value bigint NOT NULL)"
        )
        meta = {r["key"]: r["value"] for r in await conn.fetch("SELECT * FROM bench.meta")}
        if not meta:
            if await conn.fetchval("SELECT EXISTS (SELECT FROM membership.org)"):
                raise SystemExit(
                    f"{run.data_dir} holds a partly loaded data set (an earlier run stopped "
                    "while loading); remove the directory"
                )
            triggers = await conn.fetchval(
                "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE c.relnamespace = 'membership'::regnamespace AND NOT t.tgisinternal"
            )
            if triggers:
                raise SystemExit("membership has triggers of its own; the loader would skip them")
        return meta
    finally:
        await conn.close()


def ensure_dataset(run: Running, sizes: Sizes, workers: int, seed: int) -> dict[str, Any]:
    meta = asyncio.run(read_meta(run))
    if meta:
        if (meta["orgs"], meta["people"]) != (sizes.orgs, sizes.people):
            raise SystemExit(
                f"{run.data_dir} holds {meta['orgs']} orgs and {meta['people']} people; "
                "use another --data-dir for other sizes"
            )
        print(f"dataset: reusing {run.data_dir} ({meta['people']:,} people)", flush=True)
        return {"loaded": "reused", **meta}
    rng = random.Random(seed)
    began = time.perf_counter()
    tree = build_tree(sizes.orgs, rng)
    unions = [o for o in tree if o.level == "grassroots"]
    counts = allocate_people(unions, sizes.people, rng)
    enterprises = asyncio.run(load_orgs_and_enterprises(run, tree, seed))
    orgs_s = time.perf_counter() - began
    print(f"dataset: {len(tree):,} orgs, {enterprises:,} enterprises in {orgs_s:.1f} s", flush=True)

    tasks = chunk_tasks(run, unions, counts, chunk_rows=20_000)
    done = 0
    people_began = time.perf_counter()
    # spawn, not fork: this process has threads (the stack's output pumps).
    import multiprocessing

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(load_chunk, task) for task in tasks]
        try:
            for future in as_completed(futures):
                done += future.result()
                elapsed = time.perf_counter() - people_began
                print(
                    f"dataset: {done:>9,} / {sizes.people:,} people ({done / elapsed:,.0f} rows/s)",
                    flush=True,
                )
        except BaseException:
            # Ctrl-C or a failed chunk: the chunks not yet started are dropped, not waited for.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    people_s = time.perf_counter() - people_began
    finish_began = time.perf_counter()
    asyncio.run(finish_load(run, sizes, enterprises, seed))
    finish_s = time.perf_counter() - finish_began
    print(f"dataset: joins, sub-tree tallies, VACUUM ANALYZE in {finish_s:.1f} s", flush=True)
    return {
        "loaded": "this run",
        "orgs": len(tree),
        "people": sizes.people,
        "enterprises": enterprises,
        "people_load_s": people_s,
        "total_load_s": time.perf_counter() - began,
    }


async def org_ids_by_level(run: Running) -> dict[str, list[uuid.UUID]]:
    conn = await asyncpg.connect(run.admin_dsn)
    try:
        rows = await conn.fetch("SELECT id, level, new_form FROM membership.org ORDER BY id")
    finally:
        await conn.close()
    levels: dict[str, list[uuid.UUID]] = {level: [] for level in LEVELS}
    for row in rows:
        levels[row["level"]].append(row["id"])
    return levels


async def subtree_sizes(run: Running, ids: Sequence[uuid.UUID]) -> float:
    conn = await asyncpg.connect(run.admin_dsn, server_settings={"search_path": "membership"})
    try:
        value = await conn.fetchval(
            """
            SELECT avg((SELECT count(*) FROM membership.org x WHERE x.path <@ o.path))
            FROM membership.org o WHERE o.id = ANY($1::uuid[])
            """,
            list(ids),
        )
    finally:
        await conn.close()
    return float(value)


# --------------------------------------------------------------------------------------------
# Load generators: wrk (or aiohttp) for HTTP, asyncpg for the raw baselines


def _percentiles(latencies: list[float]) -> tuple[float, float]:
    if len(latencies) < 2:
        value = latencies[0] * 1000 if latencies else 0.0
        return value, value
    quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return quantiles[49] * 1000, quantiles[98] * 1000


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk_ms(output: str, percentile: str) -> float:
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no {percentile}% latency in wrk output:\n{output}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


class HttpLoad:
    """Requests drawn at random from `items` ("path\\tbody" or "path"), bounded in time."""

    def __init__(self, run: Running, scratch: Path) -> None:
        self.run = run
        self.scratch = scratch
        self.wrk = shutil.which("wrk")
        self.script = scratch / "items.lua"
        self.script.write_text(WRK_SCRIPT)

    @property
    def generator(self) -> str:
        return "wrk (1 thread, Lua script)" if self.wrk else "aiohttp in the bench process"

    def sample(self, items: Sequence[str], token: str, connections: int, seconds: float) -> Sample:
        items_file = self.scratch / "items.txt"
        items_file.write_text("\n".join(items) + "\n")
        with CpuMeter(self.run.server_pid, self.run.postmaster_pid) as cpu:
            if self.wrk:
                sample = self._wrk(items_file, token, connections, seconds)
            else:
                sample = asyncio.run(self._aiohttp(items, token, connections, seconds))
        sample.app_cpu_us = cpu.app_s / max(sample.requests, 1) * 1e6
        sample.pg_cpu_us = cpu.pg_s / max(sample.requests, 1) * 1e6
        settle(self.run)
        return sample

    def open_loop(self, items: Sequence[str], token: str, rate: float, seconds: float) -> Sample:
        """`rate` requests a second, each sent when due whatever the others are doing, its
        latency counted from when it was due: a stall shows as the queue it causes."""
        with CpuMeter(self.run.server_pid, self.run.postmaster_pid) as cpu:
            sample = asyncio.run(self._open_loop(items, token, rate, seconds))
        sample.app_cpu_us = cpu.app_s / max(sample.requests, 1) * 1e6
        sample.pg_cpu_us = cpu.pg_s / max(sample.requests, 1) * 1e6
        settle(self.run)
        return sample

    async def _open_loop(
        self, items: Sequence[str], token: str, rate: float, seconds: float
    ) -> Sample:
        latencies: list[float] = []
        errors = 0
        rng = random.Random(11)
        connector = aiohttp.TCPConnector(limit=512)
        timeout = aiohttp.ClientTimeout(total=30)
        headers = {"Authorization": f"Bearer {token}"}
        async with aiohttp.ClientSession(
            self.run.url, connector=connector, headers=headers, timeout=timeout
        ) as session:

            async def one(due: float, item: str) -> None:
                nonlocal errors
                path, _, body = item.partition("\t")
                if body:
                    request = session.post(path, data=body, headers=_JSON)
                else:
                    request = session.get(path)
                try:
                    async with request as response:
                        await response.read()
                        errors += response.status != 200
                except (aiohttp.ClientError, TimeoutError):
                    errors += 1
                latencies.append(time.perf_counter() - due)

            began = time.perf_counter()
            tasks = []
            for n in range(int(rate * seconds)):
                due = began + n / rate
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                tasks.append(asyncio.create_task(one(due, rng.choice(items))))
            await asyncio.gather(*tasks)
            elapsed = time.perf_counter() - began
        p50, p99 = _percentiles(latencies)
        return Sample(len(latencies), errors, elapsed, p50, p99)

    def _wrk(self, items_file: Path, token: str, connections: int, seconds: float) -> Sample:
        assert self.wrk is not None
        argv = [
            self.wrk, "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency",
            "--timeout", "10s", "-s", str(self.script), self.run.url,
        ]  # fmt: skip
        env = dict(os.environ, BENCH_ITEMS=str(items_file), BENCH_TOKEN=token)
        output = subprocess.run(
            argv, capture_output=True, text=True, check=True, env=env, timeout=seconds + 60
        ).stdout
        total = re.search(r"^\s+(\d+) requests in ([\d.]+)(us|ms|s|m)", output, re.MULTILINE)
        if total is None:
            raise RuntimeError(f"no request count in wrk output:\n{output}")
        elapsed = float(total.group(2)) * {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60}[total.group(3)]
        non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
        socket_errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", output)
        errors = int(non_2xx.group(1)) if non_2xx else 0
        if socket_errors:
            errors += sum(int(n) for n in socket_errors.groups())
        return Sample(
            int(total.group(1)), errors, elapsed, _wrk_ms(output, "50"), _wrk_ms(output, "99")
        )

    async def _aiohttp(
        self, items: Sequence[str], token: str, connections: int, seconds: float
    ) -> Sample:
        latencies: list[float] = []
        errors = 0
        rng = random.Random(7)
        connector = aiohttp.TCPConnector(limit=connections)
        timeout = aiohttp.ClientTimeout(total=10)
        headers = {"Authorization": f"Bearer {token}"}
        async with aiohttp.ClientSession(
            self.run.url, connector=connector, headers=headers, timeout=timeout
        ) as session:
            deadline = time.perf_counter() + seconds

            async def worker() -> None:
                nonlocal errors
                while (started := time.perf_counter()) < deadline:
                    path, _, body = rng.choice(items).partition("\t")
                    if body:
                        request = session.post(path, data=body, headers=_JSON)
                    else:
                        request = session.get(path)
                    async with request as response:
                        await response.read()
                        errors += response.status != 200
                    latencies.append(time.perf_counter() - started)

            began = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(connections)))
            elapsed = time.perf_counter() - began
        p50, p99 = _percentiles(latencies)
        return Sample(len(latencies), errors, elapsed, p50, p99)


_JSON = {"Content-Type": "application/json"}

RawOp = Callable[[asyncpg.Connection, Any], Awaitable[bool]]


def raw_sample(
    run: Running, op: RawOp, items: Sequence[Any], connections: int, seconds: float
) -> Sample:
    """`op` on random items from `connections` pooled connections for `seconds`."""
    sample = asyncio.run(_raw(run, op, items, connections, seconds))
    settle(run)
    return sample


async def _raw(
    run: Running, op: RawOp, items: Sequence[Any], connections: int, seconds: float
) -> Sample:
    rng = random.Random(11)
    latencies: list[float] = []
    errors = 0
    async with asyncpg.create_pool(
        # As the service connects: its own role, its schema first on the search path.
        run.service_dsn,
        min_size=connections,
        max_size=connections,
        server_settings={"search_path": "membership"},
    ) as pool:
        # Warm-up: every connection prepares its statements once.
        async def warm() -> None:
            async with pool.acquire() as conn:
                await op(conn, rng.choice(items))

        await asyncio.gather(*(warm() for _ in range(connections)))
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            async with pool.acquire() as conn:
                while (started := time.perf_counter()) < deadline:
                    if not await op(conn, rng.choice(items)):
                        errors += 1
                    latencies.append(time.perf_counter() - started)

        # CPU read while the connections are open: a closing backend's time is not yet
        # reaped into the postmaster's.
        with CpuMeter(os.getpid(), run.postmaster_pid) as cpu:
            began = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(connections)))
            elapsed = time.perf_counter() - began
    p50, p99 = _percentiles(latencies)
    requests = max(len(latencies), 1)
    return Sample(
        len(latencies),
        errors,
        elapsed,
        p50,
        p99,
        app_cpu_us=cpu.app_s / requests * 1e6,
        pg_cpu_us=cpu.pg_s / requests * 1e6,
    )


def settle(run: Running, limit: float = 90.0) -> None:
    """Wait until the service and the database are idle again.

    wrk stops at its deadline with requests still queued in the server; on slow endpoints
    those would otherwise run into the next sample."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = process_cpu(run.server_pid) + cluster_cpu(run.postmaster_pid)
        time.sleep(0.3)
        if process_cpu(run.server_pid) + cluster_cpu(run.postmaster_pid) - before < 0.03:
            return


def median_sample(samples: Sequence[Sample]) -> Sample:
    def med(values: Iterator[float]) -> float:
        return statistics.median(list(values))

    return Sample(
        requests=sum(s.requests for s in samples),
        errors=sum(s.errors for s in samples),
        seconds=sum(s.seconds for s in samples),
        p50_ms=med(s.p50_ms for s in samples),
        p99_ms=med(s.p99_ms for s in samples),
        app_cpu_us=med(s.app_cpu_us for s in samples),
        pg_cpu_us=med(s.pg_cpu_us for s in samples),
    )


def _show(label: str, sample: Sample) -> None:
    print(
        f"  {label:<26} {sample.rps:8.0f} req/s  p50 {sample.p50_ms:7.2f} ms  "
        f"p99 {sample.p99_ms:7.2f} ms  n={sample.requests} errors={sample.errors}  "
        f"CPU/req app {sample.app_cpu_us:.0f} µs, PG {sample.pg_cpu_us:.0f} µs",
        flush=True,
    )


# --------------------------------------------------------------------------------------------
# 2. Lookup by ID number


def bench_lookup(
    run: Running, load: HttpLoad, args: argparse.Namespace, people: int, results: Results
) -> None:
    from membership.people.id_numbers import normalise_id_number
    from membership.seed import demo_id_number
    from servicekit.pii import PiiCipher

    print("\nlookup by ID number", flush=True)
    rng = random.Random(args.seed + 2)
    serials = rng.sample(range(people), min(people, 20_000))
    numbers = [demo_id_number(s, REGION) for s in serials]
    items = [f"/v1/members/lookup\t{json.dumps({'id_number': n})}" for n in numbers]
    pii = PiiCipher.from_settings(run.pii_key, run.pii_index_key)

    async def lookup(conn: asyncpg.Connection, id_number: str) -> bool:
        index = pii.blind_index("id_number", normalise_id_number(id_number))
        return await conn.fetchrow(LOOKUP_SQL, index) is not None

    token = run.token()
    check = httpx.post(
        f"{run.url}/v1/members/lookup",
        json={"id_number": numbers[0]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    if check.status_code != 200:
        raise SystemExit(f"lookup answered {check.status_code}: {check.text[:300]}")
    load.sample(items, token, args.connections, args.warmup)  # warm-up
    for connections in (args.connections, 1):
        api: list[Sample] = []
        raw: list[Sample] = []
        for round_no in range(args.rounds):
            order = ("api", "raw") if round_no % 2 == 0 else ("raw", "api")
            for target in order:
                if target == "api":
                    sample = load.sample(items, token, connections, args.seconds)
                    api.append(sample)
                else:
                    sample = raw_sample(run, lookup, numbers, connections, args.seconds)
                    raw.append(sample)
                _show(f"{target} c={connections} round {round_no + 1}", sample)
        results.lookup[f"api c{connections}"] = median_sample(api)
        results.lookup[f"raw c{connections}"] = median_sample(raw)
    sample = load.open_loop(items, token, OPEN_LOOP_RATE, OPEN_LOOP_SECONDS)
    _show(f"api {OPEN_LOOP_RATE} req/s offered", sample)
    results.open_loop["lookup"] = sample


# --------------------------------------------------------------------------------------------
# 3. Sub-tree statistics


def stats_window() -> tuple[str, str]:
    # The endpoint's default: from this month a year ago to this month.
    last = datetime.now(UTC).strftime("%Y-%m")
    return f"{int(last[:4]) - 1}{last[4:]}", last


def bench_stats(run: Running, load: HttpLoad, args: argparse.Namespace, results: Results) -> None:
    print("\nsub-tree statistics", flush=True)
    levels = asyncio.run(org_ids_by_level(run))
    rng = random.Random(args.seed + 3)
    first, last = stats_window()

    async def stats(conn: asyncpg.Connection, org_id: uuid.UUID) -> bool:
        return await stats_queries(conn, org_id, first, last)

    token = run.token()
    province = levels["provincial"][0]
    check = httpx.get(
        f"{run.url}/v1/orgs/{province}/stats",
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    if check.status_code != 200:
        raise SystemExit(f"stats answered {check.status_code}: {check.text[:300]}")
    body = check.json()
    results.dataset["province_stats"] = {k: body[k] for k in COUNTS}
    print(f"  province: {results.dataset['province_stats']}", flush=True)
    expected = asyncio.run(recounted_totals(run))
    if results.dataset["province_stats"] != expected:
        results.failures.append(f"province stats say {body}, a recount gives {expected}")
    for level in LEVELS:
        ids = levels[level]
        chosen = rng.sample(ids, min(len(ids), 500))
        results.subtree_orgs[level] = asyncio.run(subtree_sizes(run, chosen[:100]))
        results.stats_sql[level] = asyncio.run(explain_stats(run, chosen[0], first, last))
        print(
            f"  {level} SQL (EXPLAIN ANALYZE, one org): "
            + ", ".join(f"{k} {v:.1f} ms" for k, v in results.stats_sql[level].items()),
            flush=True,
        )
        items = [f"/v1/orgs/{org_id}/stats" for org_id in chosen]
        load.sample(items, token, 1, min(args.warmup, 1.0))  # warm-up
        samples: dict[str, Sample] = {}
        # Latency at every level one request at a time; under load only where there are
        # thousands of such orgs (and cadres): a province sum at 32 connections only queues.
        loaded = (args.connections,) if level in ("street", "grassroots") else ()
        for connections in (1, *loaded):
            for target in ("api", "raw"):
                if target == "api":
                    sample = load.sample(items, token, connections, args.stats_seconds)
                else:
                    sample = raw_sample(run, stats, chosen, connections, args.stats_seconds)
                samples[f"{target} c{connections}"] = sample
                _show(f"{level} {target} c={connections}", sample)
        results.stats[level] = samples
        if loaded:
            sample = load.open_loop(items, token, OPEN_LOOP_RATE, OPEN_LOOP_SECONDS)
            _show(f"{level} api {OPEN_LOOP_RATE} req/s offered", sample)
            results.open_loop[level] = sample


async def stats_queries(conn: asyncpg.Connection, org_id: uuid.UUID, first: str, last: str) -> bool:
    org = await conn.fetchrow(STATS_ORG_SQL, org_id)
    if org is None:
        return False
    await conn.fetchrow(STATS_TOTALS_SQL, org_id)
    await conn.fetch(STATS_JOINS_SQL, org_id, first, last)
    return True


async def recounted_totals(run: Running) -> dict[str, int]:
    conn = await asyncpg.connect(run.admin_dsn, server_settings={"search_path": "membership"})
    try:
        row = await conn.fetchrow(RECOUNT_SQL)
    finally:
        await conn.close()
    assert row is not None
    return dict(zip(COUNTS, (int(v) for v in row), strict=True))


async def explain_stats(run: Running, org_id: uuid.UUID, first: str, last: str) -> dict[str, float]:
    """Server-side execution time of each statement for one org, and JIT time if any."""
    conn = await asyncpg.connect(run.service_dsn, server_settings={"search_path": "membership"})
    try:
        times: dict[str, float] = {}
        jit = 0.0
        for name, sql, params in (
            ("org", STATS_ORG_SQL, [org_id]),
            ("sub-tree tally", STATS_TOTALS_SQL, [org_id]),
            ("joins by month", STATS_JOINS_SQL, [org_id, first, last]),
        ):
            plan = json.loads(await conn.fetchval("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, *params))
            times[name] = plan[0]["Execution Time"]
            jit += plan[0].get("JIT", {}).get("Timing", {}).get("Total", 0.0)
        times["of which JIT"] = jit
        return times
    finally:
        await conn.close()


# --------------------------------------------------------------------------------------------
# 1. Bulk import


def import_csv(first_serial: int, rows: int, seed: int) -> bytes:
    from membership.seed import demo_id_number

    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["姓名", "身份证号", "手机号", "就业形态"])
    for serial in range(first_serial, first_serial + rows):
        form = "employee" if rng.random() < 0.9 else rng.choice(("delivery_rider", "courier"))
        number = demo_id_number(serial, REGION)
        writer.writerow([person_name(rng), number, phone_of(serial), FORM_LABELS[form]])
    return out.getvalue().encode()


def prepare_rows(pii_key: str, pii_index_key: str, data: bytes) -> list[dict[str, Any]]:
    """What the service does to each row before touching the database, with its own code."""
    from membership.imports.parsing import csv_rows
    from membership.imports.rows import person_from_row
    from membership.people.service import person_values
    from servicekit.pii import PiiCipher

    pii = PiiCipher.from_settings(pii_key, pii_index_key)
    return [person_values(person_from_row(row), pii) for _, row in csv_rows(io.BytesIO(data))]


SCRATCH_TABLES = ("person", "member", "affiliation", "member_event")


@dataclass(frozen=True)
class ScratchTable:
    name: str
    columns: tuple[tuple[str, str], ...]  # (column, PostgreSQL type for unnest)
    rows: list[tuple[Any, ...]]


# (column, PostgreSQL type for unnest) of what an import writes, per table.
PERSON_COLUMNS = (
    ("id", "uuid"), ("name", "varchar"), ("id_number_enc", "bytea"),
    ("id_number_index", "bytea"), ("id_number_masked", "varchar"), ("phone_enc", "bytea"),
    ("phone_index", "bytea"), ("phone_masked", "varchar"), ("employment_form", "varchar"),
)  # fmt: skip
MEMBER_COLUMNS = (
    ("id", "uuid"), ("person_id", "uuid"), ("membership_no", "varchar"), ("card_no", "varchar"),
    ("state", "varchar"), ("org_id", "uuid"), ("channel", "varchar"), ("joined_on", "date"),
    ("version", "integer"),
)  # fmt: skip
AFFILIATION_COLUMNS = (
    ("id", "uuid"), ("member_id", "uuid"), ("org_id", "uuid"), ("started_at", "timestamptz"),
)  # fmt: skip
EVENT_COLUMNS = (
    ("member_id", "uuid"), ("at", "timestamptz"), ("kind", "varchar"), ("to_state", "varchar"),
    ("org_id", "uuid"), ("actor", "varchar"),
)  # fmt: skip


def scratch_rows(prepared: list[dict[str, Any]], org_id: uuid.UUID) -> list[ScratchTable]:
    """The rows an import of `prepared` writes, for the four tables it writes to."""
    from membership.members.lifecycle import new_card_no

    now = datetime.now(UTC)
    member_ids = [uuid.uuid4() for _ in prepared]
    people = [
        tuple(v[c].value if c == "employment_form" else v[c] for c, _ in PERSON_COLUMNS)
        for v in prepared
    ]
    members = [
        (mid, v["id"], f"B{i:010d}", new_card_no(), "active", org_id, "bulk_import", now.date(), 1)
        for i, (mid, v) in enumerate(zip(member_ids, prepared, strict=True))
    ]
    return [
        ScratchTable("person", PERSON_COLUMNS, people),
        ScratchTable("member", MEMBER_COLUMNS, members),
        ScratchTable(
            "affiliation",
            AFFILIATION_COLUMNS,
            [(uuid.uuid4(), mid, org_id, now) for mid in member_ids],
        ),
        ScratchTable(
            "member_event",
            EVENT_COLUMNS,
            [(mid, now, "imported", "active", org_id, "bench") for mid in member_ids],
        ),
    ]


async def fresh_scratch_tables(run: Running) -> None:
    """Empty copies of the four tables in schema bench, indexes and checks included; no foreign
    keys (LIKE does not copy them)."""
    conn = await asyncpg.connect(run.admin_dsn)
    try:
        for table in SCRATCH_TABLES:
            await conn.execute(
                f"DROP TABLE IF EXISTS bench.{table};"
                f"CREATE TABLE bench.{table} (LIKE membership.{table} INCLUDING ALL)"
            )
    finally:
        await conn.close()


async def drop_scratch_tables(run: Running) -> None:
    conn = await asyncpg.connect(run.admin_dsn)
    try:
        for table in SCRATCH_TABLES:
            await conn.execute(f"DROP TABLE IF EXISTS bench.{table}")
    finally:
        await conn.close()


async def copy_into_scratch(run: Running, tables: list[ScratchTable]) -> float:
    """Seconds to COPY every row into the scratch tables, in one committed transaction."""
    await fresh_scratch_tables(run)
    conn = await asyncpg.connect(run.admin_dsn)
    try:
        began = time.perf_counter()
        async with conn.transaction():
            for table in tables:
                await conn.copy_records_to_table(
                    table.name,
                    schema_name="bench",
                    records=table.rows,
                    columns=[c for c, _ in table.columns],
                )
        return time.perf_counter() - began
    finally:
        await conn.close()


async def statements_into_scratch(run: Running, tables: list[ScratchTable], how: str) -> float:
    """Seconds to write every row in batches of the import's size, through SQLAlchemy:
    `servicekit.bulk.insert_unnest` (what the import uses) or a Core executemany."""
    from sqlalchemy import column, insert, table
    from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

    from membership.imports.service import BATCH_ROWS
    from servicekit.bulk import insert_unnest

    await fresh_scratch_tables(run)
    engine = create_async_engine(run.admin_dsn.replace("postgresql://", "postgresql+asyncpg://"))
    try:
        async with AsyncSession(engine) as session:
            began = time.perf_counter()
            for start in range(0, len(tables[0].rows), BATCH_ROWS):
                for t in tables:
                    batch = t.rows[start : start + BATCH_ROWS]
                    if how == "unnest":
                        values = {
                            name: (pg_type, [row[i] for row in batch])
                            for i, (name, pg_type) in enumerate(t.columns)
                        }
                        await insert_unnest(session, f"bench.{t.name}", values)
                    else:
                        names = [name for name, _ in t.columns]
                        target = table(t.name, *(column(n) for n in names), schema="bench")
                        await session.execute(
                            insert(target), [dict(zip(names, row, strict=True)) for row in batch]
                        )
            await session.commit()
            return time.perf_counter() - began
    finally:
        await engine.dispose()


async def next_import_serial(run: Running, rows: int) -> int:
    conn = await asyncpg.connect(run.admin_dsn)
    try:
        value: int = await conn.fetchval(
            "UPDATE bench.meta SET value = value + $1 WHERE key = 'next_import_serial' "
            "RETURNING value - $1",
            rows,
        )
        return value
    finally:
        await conn.close()


def api_import(run: Running, org_id: uuid.UUID, data: bytes, rows: int) -> ImportRun:
    token = run.token()
    headers = {"Authorization": f"Bearer {token}"}
    before = rss_kib(run.server_pid)
    sampler = RssSampler(run.server_pid)
    with CpuMeter(run.server_pid, run.postmaster_pid) as cpu:
        sampler.start()
        began = time.perf_counter()
        try:
            response = httpx.post(
                f"{run.url}/v1/orgs/{org_id}/imports",
                files={"file": ("people.csv", data, "text/csv")},
                headers=headers,
                timeout=900,
            )
            # Queued (202): the stack's membership worker works it through; the time is
            # until it is done. CPU and memory above are the web process's (the upload).
            job = response.json() if response.status_code == 202 else {"status": "failed"}
            while job["status"] not in ("done", "failed"):
                time.sleep(0.2)
                job = httpx.get(
                    f"{run.url}/v1/imports/{job['id']}", headers=headers, timeout=60
                ).json()
        finally:
            seconds = time.perf_counter() - began
            peak = sampler.stop()
    if response.status_code != 202:
        raise SystemExit(f"import answered {response.status_code}: {response.text[:500]}")
    time.sleep(0.5)  # the allocator returns what it will before "after" is read
    return ImportRun(
        rows=rows,
        seconds=seconds,
        created=job["created_rows"],
        errors=job["error_rows"],
        rss_before_mib=before / 1024,
        rss_peak_mib=peak / 1024,
        rss_after_mib=rss_kib(run.server_pid) / 1024,
        app_cpu_s=cpu.app_s,
        pg_cpu_s=cpu.pg_s,
    )


def org_members(run: Running, org_id: uuid.UUID) -> int:
    response = httpx.get(
        f"{run.url}/v1/orgs/{org_id}/stats",
        headers={"Authorization": f"Bearer {run.token()}"},
        timeout=60,
    )
    response.raise_for_status()
    members: int = response.json()["members"]
    return members


def bench_import(run: Running, args: argparse.Namespace, sizes: Sizes, results: Results) -> None:
    print("\nbulk import through the API", flush=True)
    levels = asyncio.run(org_ids_by_level(run))
    rng = random.Random(args.seed + 4)
    small_org, large_org = rng.sample(levels["grassroots"], 2)
    small_first = asyncio.run(next_import_serial(run, sizes.import_small))
    large_first = asyncio.run(next_import_serial(run, sizes.import_large))
    small_csv = import_csv(small_first, sizes.import_small, args.seed + 5)
    large_csv = import_csv(large_first, sizes.import_large, args.seed + 6)
    print(f"  files: {len(small_csv) / 2**20:.1f} MiB and {len(large_csv) / 2**20:.1f} MiB")

    # Baseline first: the same large file, prepared with the service's functions, then COPY.
    began = time.perf_counter()
    prepared = prepare_rows(run.pii_key, run.pii_index_key, large_csv)
    prepare_s = time.perf_counter() - began
    tables = scratch_rows(prepared, large_org)
    del prepared
    copy_s = asyncio.run(copy_into_scratch(run, tables))
    unnest_s = asyncio.run(statements_into_scratch(run, tables, "unnest"))
    executemany_s = asyncio.run(statements_into_scratch(run, tables, "executemany"))
    asyncio.run(drop_scratch_tables(run))
    del tables
    results.import_baseline = {
        "prepare_s": prepare_s,
        "copy_s": copy_s,
        "unnest_s": unnest_s,
        "executemany_s": executemany_s,
    }
    rows = sizes.import_large
    print(
        f"  baseline: prepare {rows / prepare_s:,.0f} rows/s ({prepare_s:.1f} s); into scratch "
        f"tables: COPY {rows / copy_s:,.0f} rows/s, insert_unnest {rows / unnest_s:,.0f} rows/s, "
        f"executemany {rows / executemany_s:,.0f} rows/s",
        flush=True,
    )

    for name, org_id, data, count in (
        ("small", small_org, small_csv, sizes.import_small),
        ("large", large_org, large_csv, sizes.import_large),
    ):
        members_before = org_members(run, org_id)
        result = api_import(run, org_id, data, count)
        members_after = org_members(run, org_id)
        results.imports[name] = result
        print(
            f"  API {count:,} rows: {result.rows_s:,.0f} rows/s ({result.seconds:.1f} s), "
            f"created {result.created:,}, errors {result.errors}; RSS before "
            f"{result.rss_before_mib:.0f} MiB, peak {result.rss_peak_mib:.0f} MiB, after "
            f"{result.rss_after_mib:.0f} MiB; CPU/row app {result.app_cpu_s / count * 1e6:.0f} "
            f"µs, PG {result.pg_cpu_s / count * 1e6:.0f} µs",
            flush=True,
        )
        if result.created != count or result.errors:
            results.failures.append(f"import of {count} rows created {result.created}")
        if members_after - members_before != count:
            results.failures.append(
                f"org members went from {members_before} to {members_after} after {count} rows"
            )


# --------------------------------------------------------------------------------------------
# Report


def machine_info(run: Running) -> dict[str, str]:
    async def pg_version() -> str:
        conn = await asyncpg.connect(run.admin_dsn)
        try:
            version: str = await conn.fetchval("SHOW server_version")
            return version
        finally:
            await conn.close()

    meminfo = Path("/proc/meminfo").read_text()
    mem_kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    return {
        "cpus": str(os.cpu_count()),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "ram": f"{mem_kib / 2**20:.0f} GiB",
        "postgres": asyncio.run(pg_version()),
        "python": platform.python_version(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2g}x" if b else "-"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(results: Results, sizes: Sizes, generator: str, command: str) -> tuple[str, bool]:
    m, d = results.machine, results.dataset
    lines = [
        f"Command: `{command}`",
        "",
        f"Machine: {m['cpus']} cores ({m['cpu']}), {m['ram']}, PostgreSQL {m['postgres']} "
        f"(throwaway cluster, fsync off), Python {m['python']}; {m['date']}; load average "
        f"{m['load_before']} before the run, {m['load_after']} after. Membership: one uvicorn "
        f"worker, started by `localrun.stack.Stack` alone (no other service). HTTP load: "
        f"{generator}.",
        "",
        "Other processes on this shared machine (not the service, its database or the bench) "
        "kept busy on average: "
        + ", ".join(f"{c:.1f} cores during {p}" for p, c in results.other_cores.items())
        + f" (of {m['cpus']}). Wall-clock figures shrink with that; CPU time per request or "
        "row, read from /proc, less so (it still grows when cores are shared).",
        "",
        f"Data set: {d['orgs']:,} organisations, {d['people']:,} people with active "
        f"memberships, {d['enterprises']:,} enterprises, loaded with COPY as the superuser "
        f"({d['loaded']}"
        + (
            f": people in {d['people_load_s']:.0f} s, everything in {d['total_load_s']:.0f} s"
            if "people_load_s" in d
            else ""
        )
        + "), not through the API; only the import below goes through the API.",
        "",
    ]
    ok = not results.failures
    if results.imports:
        small, large = results.imports["small"], results.imports["large"]
        base = results.import_baseline
        rows = large.rows
        copy_rs, prep_rs = rows / base["copy_s"], rows / base["prepare_s"]
        floor_rs = rows / (base["copy_s"] + base["prepare_s"])
        flat = large.growth_mib - small.growth_mib <= FLAT_MEMORY_MIB
        fast = large.rows_s >= IMPORT_TARGET_ROWS_S
        ok = ok and flat and fast
        lines += [
            "Bulk import (`POST /v1/orgs/{id}/imports`, one CSV file per request):",
            "",
            "| run | rows | seconds | rows/s | vs COPY | vs prepare+COPY "
            "| app CPU/row | PG CPU/row | RSS before → peak → after |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for run_ in (small, large):
            lines.append(
                f"| API | {run_.rows:,} | {run_.seconds:.1f} | {run_.rows_s:,.0f} "
                f"| {run_.rows_s / copy_rs:.3f}x | {run_.rows_s / floor_rs:.2f}x "
                f"| {run_.app_cpu_s / run_.rows * 1e6:.0f} µs "
                f"| {run_.pg_cpu_s / run_.rows * 1e6:.0f} µs "
                f"| {run_.rss_before_mib:.0f} → {run_.rss_peak_mib:.0f} → "
                f"{run_.rss_after_mib:.0f} MiB |"
            )
        cpu_row = (large.app_cpu_s + large.pg_cpu_s) / large.rows
        lines += [
            f"| API, from CPU time: (app + PG) CPU per row {cpu_row * 1e6:.0f} µs, run one "
            f"after the other | {rows:,} | | {1 / cpu_row:,.0f} | | | | | |",
            f"| baseline: parse, check, encrypt, index (service code, one process) | {rows:,} "
            f"| {base['prepare_s']:.1f} | {prep_rs:,.0f} | | | | | |",
            f"| baseline: COPY of the prepared rows into scratch person, member, affiliation, "
            f"member_event | {rows:,} | {base['copy_s']:.1f} | {copy_rs:,.0f} | 1x | | | | |",
            f"| baseline: the same rows by `servicekit.bulk.insert_unnest`, batches of 1,000 "
            f"| {rows:,} | {base['unnest_s']:.1f} | {rows / base['unnest_s']:,.0f} "
            f"| {rows / base['unnest_s'] / copy_rs:.2f}x | | | | |",
            f"| baseline: the same rows by SQLAlchemy Core executemany, batches of 1,000 "
            f"| {rows:,} | {base['executemany_s']:.1f} | {rows / base['executemany_s']:,.0f} "
            f"| {rows / base['executemany_s'] / copy_rs:.2f}x | | | | |",
            f"| baseline: prepare + COPY | {rows:,} "
            f"| {base['prepare_s'] + base['copy_s']:.1f} | {floor_rs:,.0f} | | 1x | | | |",
            "",
            f"Target >= {IMPORT_TARGET_ROWS_S:,} rows/s: {verdict(fast)} "
            f"({large.rows_s:,.0f} rows/s at {large.rows:,} rows measured; "
            f"{1 / cpu_row:,.0f} rows/s from the CPU time the import needs). Memory flat: "
            f"{verdict(flat)} (peak RSS grew {small.growth_mib:.0f} MiB during {small.rows:,} "
            f"rows and {large.growth_mib:.0f} MiB during {large.rows:,} rows; flat means the "
            f"larger file adds <= {FLAT_MEMORY_MIB} MiB).",
            "",
        ]
    if results.lookup:
        lines += [
            "Lookup by ID number (`POST /v1/members/lookup`, random known ID numbers; raw = "
            "blind index + one person ⋈ member ⋈ org query on an asyncpg pool; medians of "
            "interleaved rounds):",
            "",
            "| target | connections | requests | req/s | p50 ms | p99 ms | errors | app CPU/req "
            "| PG CPU/req |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for conns in sorted({int(k.split("c")[-1]) for k in results.lookup}, reverse=True):
            api, raw = results.lookup[f"api c{conns}"], results.lookup[f"raw c{conns}"]
            for name, s in (("API", api), ("raw asyncpg", raw)):
                lines.append(
                    f"| {name} | {conns} | {s.requests:,} | {s.rps:,.0f} | {s.p50_ms:.2f} "
                    f"| {s.p99_ms:.2f} | {s.errors} | {s.app_cpu_us:.0f} µs "
                    f"| {s.pg_cpu_us:.0f} µs |"
                )
            lines.append(
                f"| API / raw | {conns} | | {_ratio(api.rps, raw.rps)} "
                f"| {_ratio(api.p50_ms, raw.p50_ms)} | {_ratio(api.p99_ms, raw.p99_ms)} | | | |"
            )
            ok = ok and api.errors == 0 and raw.errors == 0
            if conns == 1:
                met = api.p99_ms <= P99_TARGET_MS and api.requests > 0
                ok = ok and met
                lines.append(
                    f"| target p99 <= {P99_TARGET_MS:.0f} ms | 1 | | | | {verdict(met)} | | | |"
                )
            else:
                lines.append(f"| capacity (saturated, p99 is queueing) | {conns} | | | | | | | |")
        if "lookup" in results.open_loop:
            s = results.open_loop["lookup"]
            met = s.p99_ms <= P99_TARGET_MS and s.errors == 0 and s.requests > 0
            ok = ok and met
            lines += [
                f"| API, {OPEN_LOOP_RATE} req/s offered (open loop) | | {s.requests:,} "
                f"| {s.rps:,.0f} | {s.p50_ms:.2f} | {s.p99_ms:.2f} | {s.errors} "
                f"| {s.app_cpu_us:.0f} µs | {s.pg_cpu_us:.0f} µs |",
                f"| target p99 <= {P99_TARGET_MS:.0f} ms | {OPEN_LOOP_RATE} req/s | | | "
                f"| {verdict(met)} | | | |",
            ]
        busiest = max(int(k.split("c")[-1]) for k in results.lookup)
        api = results.lookup[f"api c{busiest}"]
        lines += [
            "",
            f"From CPU time: at {api.app_cpu_us:,.0f} µs of service CPU per lookup, one worker "
            f"with a core to itself serves at most {1e6 / api.app_cpu_us:,.0f} lookups/s; a p99 "
            f"of {P99_TARGET_MS:.0f} ms at {busiest} connections needs about "
            f"{busiest / (P99_TARGET_MS / 1000):,.0f}/s.",
            "",
        ]
    if results.stats:
        lines += [
            "Sub-tree statistics (`GET /v1/orgs/{id}/stats`, default 13-month window, random "
            "orgs of each level; raw = the same three statements on an asyncpg pool):",
            "",
            "| level | orgs in sub-tree | conns | API n | API req/s | API p50 ms | API p99 ms "
            "| raw n | raw req/s | raw p50 ms | raw p99 ms | API/raw p50 | app CPU/req "
            "| p99 <= 20 ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
            "| ---: | --- |",
        ]
        for level, samples in results.stats.items():
            for key in sorted({k.split(" ")[1] for k in samples}, key=lambda c: int(c[1:])):
                api, raw = samples[f"api {key}"], samples[f"raw {key}"]
                met = api.p99_ms <= P99_TARGET_MS and api.requests > 0
                ok = ok and api.errors == 0 and raw.errors == 0
                if key == "c1":
                    ok = ok and met
                lines.append(
                    f"| {level} | {results.subtree_orgs[level]:,.0f} | {key[1:]} "
                    f"| {api.requests} | {api.rps:,.0f} | {api.p50_ms:.2f} | {api.p99_ms:.2f} "
                    f"| {raw.requests} | {raw.rps:,.0f} | {raw.p50_ms:.2f} | {raw.p99_ms:.2f} "
                    f"| {_ratio(api.p50_ms, raw.p50_ms)} | {api.app_cpu_us / 1000:.1f} ms "
                    f"| {verdict(met) if key == 'c1' else 'capacity'} |"
                )
            if level in results.open_loop:
                o = results.open_loop[level]
                met = o.p99_ms <= P99_TARGET_MS and o.errors == 0 and o.requests > 0
                ok = ok and met
                lines.append(
                    f"| {level} | {results.subtree_orgs[level]:,.0f} | {OPEN_LOOP_RATE} req/s "
                    f"offered | {o.requests} | {o.rps:,.0f} | {o.p50_ms:.2f} | {o.p99_ms:.2f} "
                    f"| | | | | | {o.app_cpu_us / 1000:.1f} ms | {verdict(met)} |"
                )
        lines += [
            "",
            "Where the SQL time goes (server-side `EXPLAIN ANALYZE` of each statement for one "
            "org of the level, ms):",
            "",
            "| level | " + " | ".join(next(iter(results.stats_sql.values()))) + " |",
            "| --- |" + " ---: |" * len(next(iter(results.stats_sql.values()))),
        ]
        for level, times in results.stats_sql.items():
            lines.append(f"| {level} | " + " | ".join(f"{v:.1f}" for v in times.values()) + " |")
        lines += [
            "",
            "Province figures from the sub-tree tallies: "
            + ", ".join(f"{k} {v:,}" for k, v in d["province_stats"].items())
            + " (equal to a recount from the base tables, or listed under Failures).",
            "",
        ]
    if results.failures:
        lines += ["Failures:", "", *(f"- {f}" for f in results.failures), ""]
    return "\n".join(lines), ok


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10x smaller sizes, shorter runs")
    parser.add_argument("--phases", default="lookup,stats,import")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=None, help="lookup rounds (default 3)")
    parser.add_argument("--seconds", type=float, default=None, help="per lookup sample")
    parser.add_argument("--stats-seconds", type=float, default=None, help="per stats sample")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--data-dir", type=Path, help="keep the cluster and data set here")
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    args.rounds = args.rounds or (1 if args.quick else 3)
    args.seconds = args.seconds or (2.0 if args.quick else 5.0)
    args.stats_seconds = args.stats_seconds or (2.0 if args.quick else 4.0)
    if args.quick:
        args.warmup = min(args.warmup, 1.0)
    phases = set(args.phases.split(","))
    if not phases <= {"lookup", "stats", "import"} or not 1 <= args.connections <= 256:
        parser.error("--phases takes lookup, stats, import; 1 <= --connections <= 256")
    command = " ".join(["uv run python bench/membership_bench.py", *sys.argv[1:]])
    results = Results()
    began = time.perf_counter()
    with running_service(args.data_dir) as run, tempfile.TemporaryDirectory() as scratch:
        results.machine = machine_info(run)
        print(f"membership on {run.url}, server pid {run.server_pid}", flush=True)
        with OtherLoad(run) as other:
            results.dataset = ensure_dataset(run, sizes, args.workers, args.seed)
        results.other_cores["load"] = other.cores
        load = HttpLoad(run, Path(scratch))
        if not load.wrk:
            print("wrk not found (Debian: apt-get install -y wrk); using aiohttp", flush=True)
        people = int(results.dataset["people"])
        for phase, bench in (
            ("lookup", lambda: bench_lookup(run, load, args, people, results)),
            ("stats", lambda: bench_stats(run, load, args, results)),
            ("import", lambda: bench_import(run, args, sizes, results)),
        ):
            if phase in phases:
                with OtherLoad(run) as other:
                    bench()
                results.other_cores[phase] = other.cores
                print(f"  other processes kept {other.cores:.1f} cores busy", flush=True)
        results.machine["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    text, ok = report(results, sizes, load.generator, command)
    print(f"\n{text}\nfinished in {time.perf_counter() - began:.0f} s", flush=True)
    if args.markdown:
        args.markdown.write_text(text + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
