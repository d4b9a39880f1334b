"""`python -m localrun run | test [pytest args] | clean`: what `make run`, `make test` and
`make clean-data` call.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from localrun.backup import BackupError, dump
from localrun.backup import restore as restore_dump
from localrun.devsecrets import SECRETS_FILE
from localrun.fuzz import fuzz
from localrun.processes import ignore_interrupts, interrupt_on_sigterm, say
from localrun.stack import (
    ADMIN_SERVICE,
    DATABASE,
    Stack,
    StackError,
    ports_from_env,
    replica_ports,
)
from servicekit.pgcluster import PostgresCluster

# localrun is installed editable from this workspace: deploy/local/src/localrun/cli.py.
ROOT = Path(__file__).resolve().parents[4]
DATA_DIR = ROOT / ".data"
DEFAULT_PG_PORT = 54329

USAGE = """usage: python -m localrun COMMAND
  run                  start PostgreSQL and every service for development (Ctrl-C stops all)
  test [PYTEST ARGS]   run pytest against a throwaway PostgreSQL cluster
  backup [FILE]        dump the development database (default .data/backups/gonghui-<time>.dump)
  restore FILE         replace the development database with a dump (make run stopped)
  clean                stop the development PostgreSQL and delete .data/
  fuzz                 schemathesis through the gateway, on a stack of its own"""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    commands: dict[str, Callable[[list[str]], int]] = {
        "run": run,
        "test": test,
        "backup": backup,
        "restore": restore,
        "clean": clean,
        "fuzz": fuzz,
    }
    if not args or args[0] not in commands:
        print(USAGE, file=sys.stderr)
        return 2
    return commands[args[0]](args[1:])


def run(args: list[str]) -> int:
    if args:
        print(USAGE, file=sys.stderr)
        return 2
    interrupt_on_sigterm()
    resources = contextlib.ExitStack()
    try:
        return _run(resources)
    except KeyboardInterrupt:
        ignore_interrupts()
        say("[localrun] stopping")
        return 0
    except StackError as error:
        # Its first line is enough: the failing process's output has just been shown.
        say(f"[localrun] {str(error).splitlines()[0]}")
        return 1
    finally:
        ignore_interrupts()
        resources.close()


def _run(resources: contextlib.ExitStack) -> int:
    admin_dsn = os.environ.get("DATABASE_URL")
    if not admin_dsn:
        port = int(os.environ.get("PGPORT") or DEFAULT_PG_PORT)
        cluster = resources.enter_context(PostgresCluster(DATA_DIR / "postgres", port=port))
        say(f"[localrun] PostgreSQL on {cluster.host}:{cluster.port}, data in {cluster.data_dir}")
        admin_dsn = cluster.superuser_url
    ports = ports_from_env()
    # `make run REPLICAS=2`: each service twice, the gateway balancing across both.
    replicas = replica_ports(ports, int(os.environ.get("REPLICAS") or 1))
    host = os.environ.get("HOST", "127.0.0.1")
    stack = Stack(ROOT, admin_dsn, ports, host=host, replicas=replicas)
    resources.callback(stack.stop)
    stack.prepare()
    stack.start()
    # After the start: a seed may read another service over HTTP (rebate reads the org tree).
    seeded = stack.seed()
    _print_banner(stack, seeded)
    exited = stack.wait()
    say(f"[localrun] {exited} exited unexpectedly; stopping everything")
    return 1


def _print_banner(stack: Stack, seeded: Mapping[str, str]) -> None:
    """The last lines, once every service is ready: where everything is and how to sign in
    (the seeds printed their logins mid-log, among the services' output)."""
    urls = stack.urls
    lines = [
        "",
        f"gateway      {urls['gateway']}    API docs: {urls['gateway']}/docs",
        *(
            f"{name:<12} {', '.join(stack.replica_urls(name))}"
            for name in urls
            if name != "gateway"
        ),
    ]
    if any(s.name == ADMIN_SERVICE for s in stack.services):
        lines.append(f"admin login  {stack.admin_username} / {stack.admin_password}")
    if ADMIN_SERVICE in seeded:
        # The seed's own account of its logins: its first line says whether it seeded.
        lines += ["demo logins", *seeded[ADMIN_SERVICE].splitlines()[1:]]
    lines += [
        f"secrets      {DATA_DIR / SECRETS_FILE} (these passwords; `make walkthrough` reads it)",
        "Ctrl-C stops everything.",
        "",
    ]
    say("\n".join(lines))


def test(args: list[str]) -> int:
    pytest = [sys.executable, "-m", "pytest", *args]
    if os.environ.get("TEST_DATABASE_URL"):
        return _call(pytest, os.environ)
    with (
        tempfile.TemporaryDirectory(prefix="gonghui-test-pg-") as data_dir,
        PostgresCluster(Path(data_dir), durable=False) as cluster,
    ):
        return _call(pytest, os.environ | {"TEST_DATABASE_URL": cluster.superuser_url})


def _call(argv: list[str], env: Mapping[str, str]) -> int:
    """Run to the end; a Ctrl-C reaches the child too, and SIGTERM is passed on to it."""
    child = subprocess.Popen(argv, env=env)  # noqa: S603 - our own interpreter and pytest

    def forward(signum: int, frame: FrameType | None) -> None:
        child.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, forward)
    try:
        while True:
            with contextlib.suppress(KeyboardInterrupt):
                code = child.wait()
                # Killed by a signal: report it the way a shell does.
                return 128 - code if code < 0 else code
    finally:
        signal.signal(signal.SIGTERM, previous)


def backup(args: list[str]) -> int:
    if len(args) > 1:
        print(USAGE, file=sys.stderr)
        return 2
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(args[0]) if args else DATA_DIR / "backups" / f"gonghui-{stamp}.dump"
    try:
        with _development_database() as admin_dsn:
            dump(admin_dsn, DATABASE, target)
    except (BackupError, StackError) as error:
        say(f"[localrun] {error}")
        return 1
    say(f"[localrun] backup written to {target}")
    return 0


def restore(args: list[str]) -> int:
    if len(args) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        with _development_database() as admin_dsn:
            restore_dump(admin_dsn, DATABASE, Path(args[0]), Stack(ROOT, admin_dsn).roles)
    except (BackupError, StackError) as error:
        say(f"[localrun] {error}")
        return 1
    say(f"[localrun] {DATABASE} restored from {args[0]}; `make run` starts on it")
    return 0


@contextlib.contextmanager
def _development_database() -> Iterator[str]:
    """`DATABASE_URL`, else the development cluster, started for the while."""
    if admin_dsn := os.environ.get("DATABASE_URL"):
        yield admin_dsn
        return
    data_dir = DATA_DIR / "postgres"
    # Starting it would stop the server of a running `make run` first.
    if (data_dir / "postmaster.pid").exists():
        raise StackError("the development PostgreSQL is running: stop `make run` first")
    port = int(os.environ.get("PGPORT") or DEFAULT_PG_PORT)
    with PostgresCluster(data_dir, port=port) as cluster:
        yield cluster.superuser_url


def clean(args: list[str]) -> int:
    if args:
        print(USAGE, file=sys.stderr)
        return 2
    # A server left running on the data would outlive its files and hold the port.
    PostgresCluster(DATA_DIR / "postgres").stop()
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    say(f"[localrun] removed {DATA_DIR}")
    return 0
