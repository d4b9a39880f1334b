"""Cost per request: an authorised read by primary key through each service against a minimal
FastAPI + asyncpg endpoint doing the same SELECT, side by side in one run.

    uv run python bench/cost_bench.py [--rounds 3] [--seconds 5] [--connections 32]

Starts a throwaway PostgreSQL cluster and the three services on free ports (no gateway: the
gateway's cost is gateway_bench.py's question), signs in as the bootstrap admin, creates one
organisation, one competition and one partner, and starts the baseline: one uvicorn worker
serving this file's `baseline_app`, an asyncpg pool of the services' size, one
`SELECT * FROM <table> WHERE id = $1` per request, the row as JSON, no token check.

Measured per service (rounds alternate between the route and its baseline, the order flipping
every round; medians reported):
- membership `GET /v1/accounts/me`        vs  membership.account by id
- competition `GET /v1/competitions/{id}` vs  competition.competition by id
- rebate `GET /v1/partners/{id}`          vs  rebate.partner by id
with the throughput ratio (target >= 0.5x) and each server's CPU time per request from /proc.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from gateway_bench import Sample, fallback_sample, sign_in, wrk_sample
from procstat import process_cpu, server_pid

ROOT = Path(__file__).resolve().parents[1]
RATIO_TARGET = 0.5
BASELINE_APP = "cost_bench:baseline_app"
# The row each measured route reads, selected by the baseline.
STATEMENTS = {
    "membership": "SELECT * FROM membership.account WHERE id = $1",
    "competition": "SELECT * FROM competition.competition WHERE id = $1",
    "rebate": "SELECT * FROM rebate.partner WHERE id = $1",
}


def baseline_app() -> Any:
    """The minimal endpoint (run by uvicorn in a process of its own)."""
    import asyncpg
    import orjson
    from fastapi import FastAPI, Response

    pool: Any = None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        nonlocal pool
        pool = await asyncpg.create_pool(os.environ["COST_BASELINE_DSN"], min_size=20, max_size=20)
        yield
        await pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/{service}/{row_id}")
    async def read(service: str, row_id: uuid.UUID) -> Response:
        row = await pool.fetchrow(STATEMENTS[service], row_id)
        if row is None:
            return Response(status_code=404)
        return Response(orjson.dumps(dict(row), default=str), media_type="application/json")

    return app


@dataclass(frozen=True)
class Target:
    service: str
    route: str  # the service's authorised read
    baseline: str  # the same row through the minimal endpoint


@contextmanager
def start(log_level: str) -> Iterator[tuple[list[Target], str, dict[str, int]]]:
    from localrun.devsecrets import load_secrets
    from localrun.provision import with_database
    from localrun.stack import DATABASE, SERVICES, Stack, free_ports
    from servicekit.pgcluster import PostgresCluster

    with tempfile.TemporaryDirectory(prefix="gonghui-cost-") as scratch:
        data = Path(scratch)
        services = [s for s in SERVICES if s.name != "gateway"]
        with PostgresCluster(data / "postgres", durable=False) as cluster:
            stack = Stack(
                ROOT,
                cluster.superuser_url,
                free_ports(),
                environment="development",
                secrets=load_secrets(data / "secrets"),
                services=services,
                extra_env={s.name: {f"{s.prefix}LOG_LEVEL": log_level} for s in services},
            )
            with stack:
                urls = stack.urls
                token = sign_in(urls["membership"], stack.admin_username, stack.admin_password)
                ids = create_rows(urls, token)
                port = free_ports()["gateway"]
                env = {
                    **os.environ,
                    "COST_BASELINE_DSN": with_database(cluster.superuser_url, DATABASE).replace(
                        "+asyncpg", ""
                    ),
                }
                baseline = subprocess.Popen(
                    [sys.executable, "-m", "uvicorn", BASELINE_APP, "--factory",
                     "--app-dir", str(ROOT / "bench"), "--port", str(port), "--no-access-log",
                     "--log-level", "warning"],
                    env=env,
                )  # fmt: skip
                try:
                    base = f"http://127.0.0.1:{port}"
                    wait_ready(f"{base}/membership/{ids['membership']}")
                    targets = [
                        Target("membership", f"{urls['membership']}/v1/accounts/me",
                               f"{base}/membership/{ids['membership']}"),
                        Target("competition",
                               f"{urls['competition']}/v1/competitions/{ids['competition']}",
                               f"{base}/competition/{ids['competition']}"),
                        Target("rebate", f"{urls['rebate']}/v1/partners/{ids['rebate']}",
                               f"{base}/rebate/{ids['rebate']}"),
                    ]  # fmt: skip
                    pids = {
                        s.name: server_pid(f"{s.name}.main:create_app", stack.ports[s.name])
                        for s in services
                    }
                    pids["baseline"] = server_pid(BASELINE_APP, port)
                    yield targets, token, pids
                finally:
                    baseline.terminate()
                    baseline.wait(timeout=10)


def create_rows(urls: dict[str, str], token: str) -> dict[str, str]:
    auth = {"Authorization": f"Bearer {token}"}

    def ok(response: httpx.Response) -> dict[str, Any]:
        if response.status_code not in (200, 201):
            raise SystemExit(f"{response.request.url} answered {response.status_code}: "
                             f"{response.text[:300]}")  # fmt: skip
        body: dict[str, Any] = response.json()
        return body

    with httpx.Client(headers=auth, timeout=30) as http:
        account = ok(http.get(f"{urls['membership']}/v1/accounts/me"))
        org = ok(http.post(f"{urls['membership']}/v1/orgs", json={
            "name": "台州市总工会", "kind": "federation", "level": "city",
            "region_code": "331000"}))  # fmt: skip
        contest = ok(http.post(f"{urls['competition']}/v1/competitions", json={
            "name": "台州市焊工技能竞赛", "kind": "vocational_skills", "level": "city",
            "year": 2026, "host_org_id": org["id"]}))  # fmt: skip
        partner = ok(http.post(f"{urls['rebate']}/v1/partners",
                               json={"name": "台州市税务局", "kind": "tax",
                                     "region_prefixes": ["3310"]}))  # fmt: skip
    return {"membership": account["id"], "competition": contest["id"], "rebate": partner["id"]}


def wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"the baseline did not answer {url}")
        time.sleep(0.2)


@dataclass(frozen=True)
class Measured:
    sample: Sample
    cpu_us: float  # of the process serving the target


def measure(
    args: argparse.Namespace, targets: list[Target], token: str, pids: dict[str, int]
) -> dict[tuple[str, str], list[Measured]]:
    sample = wrk_sample if shutil.which("wrk") else fallback_sample
    for target in targets:  # warm-up: pools filled, code paths compiled, caches primed
        for url in (target.route, target.baseline):
            sample(url, token, args.connections, args.warmup)
    runs: dict[tuple[str, str], list[Measured]] = {}
    for round_no in range(args.rounds):
        for target in targets:
            pairs = [("service", target.route, target.service), ("baseline", target.baseline,
                                                                   "baseline")]  # fmt: skip
            if round_no % 2:
                pairs.reverse()
            for kind, url, process in pairs:
                before = process_cpu(pids[process])
                result = sample(url, token, args.connections, args.seconds)
                cpu = (process_cpu(pids[process]) - before) / max(result.requests, 1) * 1e6
                runs.setdefault((target.service, kind), []).append(Measured(result, cpu))
                print(
                    f"round {round_no + 1} {target.service:<11} {kind:<8} "
                    f"{result.rps:7.0f} req/s  p99 {result.p99_ms:7.2f} ms  "
                    f"errors {result.errors}  CPU {cpu:5.0f} µs/request",
                    flush=True,
                )
    return runs


def report(runs: dict[tuple[str, str], list[Measured]], targets: list[Target]) -> bool:
    def median(service: str, kind: str, attribute: str) -> float:
        values = [
            m.cpu_us if attribute == "cpu" else getattr(m.sample, attribute)
            for m in runs[(service, kind)]
        ]
        return float(statistics.median(values))

    print(f"\nmedians of {len(runs[(targets[0].service, 'service')])} interleaved rounds")
    print("| service | route req/s | baseline req/s | ratio | route CPU/req | baseline CPU/req "
          "| errors |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    met = True
    for target in targets:
        route, base = (median(target.service, k, "rps") for k in ("service", "baseline"))
        errors = sum(m.sample.errors for k in ("service", "baseline")
                     for m in runs[(target.service, k)])  # fmt: skip
        ratio = route / base
        met = met and ratio >= RATIO_TARGET and errors == 0
        print(
            f"| {target.service} | {route:.0f} | {base:.0f} | {ratio:.2f}x "
            f"| {median(target.service, 'service', 'cpu'):.0f} µs "
            f"| {median(target.service, 'baseline', 'cpu'):.0f} µs | {errors} |"
        )
    print(f"target: every ratio >= {RATIO_TARGET}x: {'met' if met else 'NOT met'}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args()
    if args.rounds < 1 or not 0 < args.seconds <= 60 or not 1 <= args.connections <= 256:
        parser.error("rounds >= 1, 0 < seconds <= 60 and 1 <= connections <= 256")
    if not shutil.which("wrk"):
        print("wrk not found (Debian: apt-get install -y wrk); using the aiohttp generator")
    with start(args.log_level) as (targets, token, pids):
        load_before = os.getloadavg()[0]
        runs = measure(args, targets, token, pids)
        load_after = os.getloadavg()[0]
    met = report(runs, targets)
    # The machine is shared: other people's load stretches throughput, not CPU per request.
    print(f"1-minute load average: {load_before:.1f} before, {load_after:.1f} after")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
