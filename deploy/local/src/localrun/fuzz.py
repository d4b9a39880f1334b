"""`python -m localrun fuzz`: schemathesis against every service through the gateway.

A stack of its own (a throwaway PostgreSQL, the three services and the gateway on free ports,
seeded with the demo data), then for each role (a member, then the admin) and each service one
`st run` on the service's document as the gateway serves it: every check, every phase (the
stateful one included), a fixed seed, and path and query parameters filled from the ids the
demo data really has, so requests reach existing organisations, members, cases and contests
rather than 404 on random UUIDs. Non-zero when any run found a server error or an answer
outside the document. Its configuration is `fuzz.toml` beside this module; `FUZZ_MAX_EXAMPLES`,
`FUZZ_SEED` and `FUZZ_SERVICES` (comma-separated) adjust a run.
"""

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from localrun.devsecrets import load_secrets
from localrun.processes import say
from localrun.stack import SERVICES, Stack, free_ports
from servicekit.pgcluster import PostgresCluster

FUZZED = ("membership", "rebate", "competition")
CONFIG = Path(__file__).with_name("fuzz.toml")
HOOKS_MODULE = "localrun.fuzz_hooks"
MEMBER_USERNAME = "rider1"  # the seed's member account (membership.seed.LOGINS)
# How often a parameter with known ids takes one of them; the rest stay generated, so
# unknown and malformed ids are still tried.
REAL_ID_PROBABILITY = 0.75
MAX_IDS_PER_NAME = 8
TOKEN_TTL_SECONDS = 3600
WARM_UP_SECONDS = 60

# Lists read as the admin after seeding: each item's `id` is an id of that parameter name.
# `{name}` in a path is filled from what earlier lists gave. Every other `*_id` field of any
# answer (an entry's `event_id`, a member's `person_id`) is collected under its own name.
ID_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("membership", "/v1/orgs", "org_id"),
    ("membership", "/v1/orgs/{org_id}/children", "org_id"),
    ("membership", "/v1/members?org_id={org_id}", "member_id"),
    ("membership", "/v1/enterprises?org_id={org_id}", "enterprise_id"),
    ("membership", "/v1/accounts/me", "account_id"),
    ("membership", "/v1/orgs/{org_id}/invitations", "invitation_id"),
    ("membership", "/v1/orgs/{org_id}/join-applications", "application_id"),
    ("membership", "/v1/transfers?org_id={org_id}", "transfer_id"),
    ("membership", "/v1/outbox", "message_id"),
    ("rebate", "/v1/partners", "partner_id"),
    ("rebate", "/v1/runs", "run_id"),
    ("rebate", "/v1/cases", "case_id"),
    ("rebate", "/v1/applications", "application_id"),
    ("rebate", "/v1/exceptions", "entry_id"),
    ("rebate", "/v1/outbox", "message_id"),
    ("competition", "/v1/competitions", "competition_id"),
    ("competition", "/v1/competitions/{competition_id}/events", "event_id"),
    ("competition", "/v1/competitions/{competition_id}/entries", "entry_id"),
    ("competition", "/v1/competitions/{competition_id}/judges", "judge_id"),
    ("competition", "/v1/stages/{stage_id}/objections", "objection_id"),
    ("competition", "/v1/stages/{stage_id}/decisions", "decision_id"),
)
# Non-id fields worth offering too, under the parameter name that takes them.
NAMED_FIELDS = {
    "uscc": "uscc",
    "username": "username",
    "code": "code",
    "entry_code": "entry_code",
    "policy_key": "policy_key",
    "key": "policy_key",
    "period": "period",
}


@dataclass
class RunResult:
    role: str
    service: str
    exit_code: int
    seconds: float
    summary: str


def fuzz(args: list[str]) -> int:
    if args:
        print("usage: python -m localrun fuzz", file=sys.stderr)
        return 2
    root = Path(__file__).resolve().parents[4]
    services = os.environ.get("FUZZ_SERVICES", ",".join(FUZZED)).split(",")
    started = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="gonghui-fuzz-") as tmp,
        _stack(root, Path(tmp)) as stack,
    ):
        say(f"[fuzz] stack ready in {time.monotonic() - started:.0f} s")
        gateway = stack.urls["gateway"]
        with httpx.Client(base_url=gateway, timeout=60) as client:
            tokens = {
                # The member first: the admin's run changes and closes what the member owns.
                "member": _token(
                    client, MEMBER_USERNAME, stack.secrets["MEMBERSHIP_DEMO_PASSWORD"]
                ),
                "admin": _token(client, stack.admin_username, stack.admin_password),
            }
            ids = collect_ids(client, tokens["admin"])
        say("[fuzz] real ids: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(ids.items())))
        config = Path(tmp) / "schemathesis.toml"
        config.write_text(schemathesis_config(CONFIG.read_text(), ids))
        results = [
            _run_schemathesis(root, config, gateway, service, role, token, Path(tmp))
            for role, token in tokens.items()
            for service in services
        ]
    _print_results(results, time.monotonic() - started)
    return 0 if all(r.exit_code == 0 for r in results) else 1


@contextlib.contextmanager
def _stack(root: Path, tmp: Path) -> Iterator[Stack]:
    secrets = load_secrets(tmp, {})
    # Errors only: every request's access line would bury the tracebacks worth reading.
    env = {s.name: {f"{s.prefix}LOG_LEVEL": "WARNING"} for s in SERVICES}
    # Both tokens are taken before the first run, and must outlast every run: once fuzzing
    # has sent its wrong passwords, sign-ins from this address are throttled.
    env["membership"]["MEMBERSHIP_ACCESS_TOKEN_TTL_SECONDS"] = str(TOKEN_TTL_SECONDS)
    with PostgresCluster(tmp / "postgres", durable=False) as cluster:
        stack = Stack(
            root,
            cluster.superuser_url,
            free_ports(),
            secrets=secrets,
            extra_env=env,
            ready_timeout=180,
        )
        try:
            stack.prepare()
            stack.start()
            stack.seed()
            yield stack
        finally:
            stack.stop()


def _token(client: httpx.Client, username: str, password: str) -> str:
    response = client.post(
        "/membership/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


def collect_ids(client: httpx.Client, admin_token: str) -> dict[str, list[str]]:
    """The ids of `ID_SOURCES` and every `*_id` and named field their answers carry."""
    found: dict[str, list[str]] = {}
    headers = {"Authorization": f"Bearer {admin_token}"}
    for service, template, name in ID_SOURCES:
        path = _fill(template, found)
        if path is None:
            continue
        response = _get(client, f"/{service}{path}", headers)
        if response.status_code != 200:
            say(f"[fuzz] GET /{service}{path}: {response.status_code}, no ids from it")
            continue
        body = response.json()
        items = body.get("items", [body]) if isinstance(body, dict) else body
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and "id" in item:
                _add(found, name, item["id"])
        harvest(body, found)
    return found


def _get(client: httpx.Client, path: str, headers: Mapping[str, str]) -> httpx.Response:
    """A service that just started may not have fetched the signing keys yet (401), or be
    slow to (503), on a busy machine: asked again for a while before its ids are given up."""
    deadline = time.monotonic() + WARM_UP_SECONDS
    while True:
        response = client.get(path, headers=headers)
        if response.status_code not in (401, 503) or time.monotonic() > deadline:
            return response
        time.sleep(1)


def harvest(value: Any, found: dict[str, list[str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str | int) and not isinstance(item, bool):
                if key.endswith("_id") and key != "request_id":
                    _add(found, key, item)
                elif key in NAMED_FIELDS:
                    _add(found, NAMED_FIELDS[key], item)
            harvest(item, found)
    elif isinstance(value, list):
        for item in value:
            harvest(item, found)


def _add(found: dict[str, list[str]], name: str, value: str | int) -> None:
    values = found.setdefault(name, [])
    if str(value) not in values and len(values) < MAX_IDS_PER_NAME:
        values.append(str(value))


def _fill(template: str, found: Mapping[str, list[str]]) -> str | None:
    names = re.findall(r"{(\w+)}", template)
    if any(not found.get(n) for n in names):
        return None
    return template.format(**{n: found[n][0] for n in names})


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def schemathesis_config(base: str, ids: Mapping[str, list[str]]) -> str:
    """`fuzz.toml` with a dictionary of real values per parameter name, bound to the path
    and query parameters of that name."""
    lines = [base.rstrip(), ""]
    seed = os.environ.get("FUZZ_SEED")
    examples = os.environ.get("FUZZ_MAX_EXAMPLES")
    if seed:
        lines.insert(0, f"seed = {int(seed)}")
    if examples:
        lines += ["[generation]", f"max-examples = {int(examples)}", ""]
    for name, values in sorted(ids.items()):
        lines += [
            f"[dictionaries.{name}]",
            "values = [" + ", ".join(_toml_string(v) for v in values) + "]",
            "",
        ]
    lines.append("[parameters]")
    for name in sorted(ids):
        binding = f'{{ dictionary = "{name}", probability = {REAL_ID_PROBABILITY} }}'
        lines += [f'"path.{name}" = {binding}', f'"query.{name}" = {binding}']
    return "\n".join(lines) + "\n"


def _run_schemathesis(
    root: Path, config: Path, gateway: str, service: str, role: str, token: str, tmp: Path
) -> RunResult:
    say(f"\n[fuzz] {service} as {role}")
    report = tmp / f"{role}-{service}.xml"
    argv = [
        *(sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run"),
        f"{gateway}/openapi/{service}.json",
        *("--header", f"Authorization: Bearer {token}"),
        *("--report", "junit", "--report-junit-path", str(report)),
    ]
    env = os.environ | {"SCHEMATHESIS_HOOKS": HOOKS_MODULE, "NO_COLOR": "1"}
    started = time.monotonic()
    lines: list[str] = []
    with subprocess.Popen(  # noqa: S603 - our interpreter and schemathesis
        argv, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            print(line, end="", flush=True)
        code = process.wait()
    return RunResult(role, service, code, time.monotonic() - started, _summary(lines))


def _summary(lines: list[str]) -> str:
    """`67 operations, 2390 cases`, from schemathesis's closing lines."""
    text = "\n".join(lines)
    tested = re.search(r"Tested: (\d+)", text)
    cases = re.search(r"(\d+) generated", text)
    return (
        f"{tested.group(1) if tested else '?'} operations, {cases.group(1) if cases else '?'} cases"
    )


def _print_results(results: list[RunResult], seconds: float) -> None:
    say("\n[fuzz] results")
    for r in results:
        verdict = "passed" if r.exit_code == 0 else f"FAILED (exit {r.exit_code})"
        say(f"  {r.role:<7} {r.service:<12} {r.summary:<30} {r.seconds:5.0f} s  {verdict}")
    say(f"[fuzz] {seconds:.0f} s in all")
