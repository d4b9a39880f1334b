"""Gateway overhead: one real read endpoint called directly and through the gateway, in one run.

    uv run python bench/gateway_bench.py [--rounds 5] [--seconds 10] [--connections 32]

Starts the whole stack on free ports of 127.0.0.1 (a throwaway PostgreSQL cluster, every
service, the gateway), signs in as the bootstrap admin and loads membership's
`GET /v1/accounts/me` (token check plus an account read from PostgreSQL) directly and as
`GET /membership/v1/accounts/me` through the gateway. Runs alternate between the two targets
(the order flips every round) and the medians of the rounds are compared.
Targets: gateway throughput >= 0.8x direct, gateway p99 <= 2x direct.

Load comes from wrk (Debian: `apt-get install -y wrk`); without it a bounded aiohttp load
generator in this process is used instead, which shares the two cores with the servers and
so understates both targets alike.
"""

import argparse
import asyncio
import contextlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import httpx
from procstat import process_cpu, server_pid

ROOT = Path(__file__).resolve().parents[1]
READ_PATH = "/v1/accounts/me"
THROUGHPUT_TARGET = 0.8
P99_TARGET = 2.0


@dataclass(frozen=True)
class Endpoints:
    direct: str
    gateway: str
    token: str
    # Process ids of the gateway and membership servers, for CPU time per request.
    pids: dict[str, int]


@dataclass(frozen=True)
class Sample:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


@contextlib.contextmanager
def start_stack(log_level: str) -> Iterator[Endpoints]:
    """The stack on free ports with a throwaway database; the one place that knows how."""
    from localrun.devsecrets import load_secrets
    from localrun.stack import Stack, free_ports
    from servicekit.pgcluster import PostgresCluster

    with tempfile.TemporaryDirectory(prefix="gonghui-bench-") as scratch:
        data = Path(scratch)
        with PostgresCluster(data / "postgres", durable=False) as cluster:
            stack = Stack(
                ROOT,
                cluster.superuser_url,
                free_ports(),
                environment="development",
                secrets=load_secrets(data / "secrets"),
                extra_env={
                    name: {f"{name.upper()}_LOG_LEVEL": log_level}
                    for name in ("membership", "rebate", "competition", "gateway")
                },
            )
            with stack:
                urls = stack.urls
                token = sign_in(urls["membership"], stack.admin_username, stack.admin_password)
                yield Endpoints(
                    direct=urls["membership"] + READ_PATH,
                    gateway=urls["gateway"] + "/membership" + READ_PATH,
                    token=token,
                    pids={
                        name: server_pid(f"{name}.main:create_app", stack.ports[name])
                        for name in ("gateway", "membership")
                    },
                )


def sign_in(membership_url: str, username: str, password: str) -> str:
    response = httpx.post(
        f"{membership_url}/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
        timeout=10,
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


def check_answers(endpoints: Endpoints) -> None:
    headers = {"Authorization": f"Bearer {endpoints.token}"}
    for url in (endpoints.direct, endpoints.gateway):
        response = httpx.get(url, headers=headers, timeout=10)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}: {response.text[:300]}")


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk_latency_ms(output: str, percentile: str) -> float:
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no {percentile}% latency in wrk output:\n{output}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def wrk_sample(url: str, token: str, connections: int, seconds: float) -> Sample:
    argv = [
        "wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency",
        "-H", f"Authorization: Bearer {token}", url,
    ]  # fmt: skip
    output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    if rps is None or total is None:
        raise RuntimeError(f"no request counts in wrk output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", output)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Sample(
        float(rps.group(1)),
        _wrk_latency_ms(output, "50"),
        _wrk_latency_ms(output, "99"),
        errors,
        int(total.group(1)),
    )


async def _aiohttp_load(url: str, token: str, connections: int, seconds: float) -> Sample:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    headers = {"Authorization": f"Bearer {token}"}
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:

        async def worker() -> None:
            nonlocal errors
            while (started := time.perf_counter()) < deadline:
                async with session.get(url) as response:
                    await response.read()
                    if response.status != 200:
                        errors += 1
                latencies.append(time.perf_counter() - started)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - began
    quantiles = statistics.quantiles(latencies, n=100)
    return Sample(
        len(latencies) / elapsed,
        quantiles[49] * 1000,
        quantiles[98] * 1000,
        errors,
        len(latencies),
    )


def fallback_sample(url: str, token: str, connections: int, seconds: float) -> Sample:
    return asyncio.run(_aiohttp_load(url, token, connections, seconds))


@dataclass(frozen=True)
class Measured:
    sample: Sample
    # CPU time per request of each server process, in microseconds.
    cpu_us: dict[str, float]


def measure(args: argparse.Namespace, endpoints: Endpoints) -> dict[str, list[Measured]]:
    sample = wrk_sample if shutil.which("wrk") else fallback_sample
    targets = {"direct": endpoints.direct, "gateway": endpoints.gateway}
    for url in targets.values():  # warm-up: pools filled, code paths compiled, caches primed
        sample(url, endpoints.token, args.connections, args.warmup)
    runs: dict[str, list[Measured]] = {name: [] for name in targets}
    for round_no in range(args.rounds):
        order = list(targets) if round_no % 2 == 0 else list(reversed(targets))
        for name in order:
            before = {proc: process_cpu(pid) for proc, pid in endpoints.pids.items()}
            result = sample(targets[name], endpoints.token, args.connections, args.seconds)
            cpu_us = {
                proc: (process_cpu(pid) - before[proc]) / max(result.requests, 1) * 1e6
                for proc, pid in endpoints.pids.items()
            }
            runs[name].append(Measured(result, cpu_us))
            print(
                f"round {round_no + 1} {name:<8} {result.rps:8.0f} req/s  "
                f"p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:6.2f} ms  "
                f"errors {result.errors}  CPU/request: "
                + ", ".join(f"{proc} {us:.0f} µs" for proc, us in cpu_us.items()),
                flush=True,
            )
    return runs


def report(runs: dict[str, list[Measured]], generator: str) -> bool:
    def median(name: str, value: Callable[[Measured], float]) -> float:
        return statistics.median(value(m) for m in runs[name])

    rows = {
        name: (
            median(name, lambda m: m.sample.rps),
            median(name, lambda m: m.sample.p50_ms),
            median(name, lambda m: m.sample.p99_ms),
            sum(m.sample.errors for m in runs[name]),
            median(name, lambda m: m.cpu_us["membership"]),
            median(name, lambda m: m.cpu_us["gateway"]),
        )
        for name in runs
    }
    direct, gateway = rows["direct"], rows["gateway"]
    ratios = [gateway[i] / direct[i] for i in range(3)]
    ok = ratios[0] >= THROUGHPUT_TARGET and ratios[2] <= P99_TARGET
    print(f"\nmedians of {len(runs['direct'])} interleaved rounds, load by {generator}")
    print("| target | req/s | p50 ms | p99 ms | errors | membership CPU/req | gateway CPU/req |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, (rps, p50, p99, errors, cpu_m, cpu_g) in rows.items():
        print(
            f"| {name} | {rps:.0f} | {p50:.2f} | {p99:.2f} | {errors} "
            f"| {cpu_m:.0f} µs | {cpu_g:.0f} µs |"
        )
    print(
        f"| gateway / direct | {ratios[0]:.2f}x | {ratios[1]:.2f}x | {ratios[2]:.2f}x | | | |\n"
        f"targets: throughput >= {THROUGHPUT_TARGET}x, p99 <= {P99_TARGET}x: "
        f"{'met' if ok else 'NOT met'}"
    )
    return ok and direct[3] == 0 and gateway[3] == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=32)
    # Each access-log line is copied to this terminal by the stack runner; at thousands of lines
    # a second that copying competes for the two cores, so the default measures without it.
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args()
    if args.rounds < 1 or not 0 < args.seconds <= 60 or not 1 <= args.connections <= 256:
        parser.error("rounds >= 1, 0 < seconds <= 60 and 1 <= connections <= 256")
    generator = "wrk" if shutil.which("wrk") else "the built-in aiohttp generator"
    if generator != "wrk":
        print("wrk not found (Debian: apt-get install -y wrk); using the aiohttp generator")
    with start_stack(args.log_level) as endpoints:
        check_answers(endpoints)
        runs = measure(args, endpoints)
    return 0 if report(runs, generator) else 1


if __name__ == "__main__":
    sys.exit(main())
