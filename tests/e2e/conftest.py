"""The real suite for end-to-end tests: its own PostgreSQL cluster, the three services and
the gateway as uvicorn processes on free ports, wired exactly as `make run` wires them."""

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from localrun.devsecrets import load_secrets
from localrun.pgbouncer import PgBouncer, find_pgbouncer
from localrun.stack import SERVICES, Stack, free_ports
from servicekit.pgcluster import PostgresCluster

REPO_ROOT = Path(__file__).resolve().parents[2]
# Everything end-to-end shares one stack, so keep these tests on one xdist worker.
pytestmark = pytest.mark.xdist_group("e2e")


@pytest.fixture(scope="session")
def e2e_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def sms_outbox(e2e_root: Path) -> Path:
    """Where membership's development SMS sender writes; tests read codes as the phone would."""
    return e2e_root / "sms-outbox.jsonl"


@pytest.fixture(scope="session")
def stack(e2e_root: Path, sms_outbox: Path) -> Iterator[Stack]:
    root = e2e_root
    secrets = load_secrets(root, {})
    with PostgresCluster(root / "postgres", durable=False) as cluster, contextlib.ExitStack() as on:
        # As in production (deploy/k8s): the services reach PostgreSQL through PgBouncer in
        # transaction mode, with fewer server connections than they hold client ones.
        pooler_dsn = None
        if find_pgbouncer() is not None:
            users = {s.name: secrets[f"{s.prefix}DB_PASSWORD"] for s in SERVICES if s.database}
            pooler = PgBouncer(root / "pgbouncer", cluster.superuser_url, users, pool_size=3)
            pooler_dsn = on.enter_context(pooler).url(cluster.superuser_url)
        suite = Stack(
            REPO_ROOT,
            cluster.superuser_url,
            free_ports(),
            secrets=secrets,
            pooler_dsn=pooler_dsn,
            extra_env={
                "gateway": {"GATEWAY_MAX_BODY_BYTES": str(1024 * 1024)},
                # One enterprise per chunk: the rebate run's two writers both work, each on
                # a connection of its own.
                # A checkpoint of the audit chain every second, for the test to see it written.
                "rebate": {
                    "REBATE_RUN_CHUNK_ENTERPRISES": "1",
                    "REBATE_RUN_WRITERS": "2",
                    "REBATE_AUDIT_CHECKPOINT_INTERVAL_SECONDS": "1",
                },
                "membership": {"MEMBERSHIP_SMS_OUTBOX_FILE": str(sms_outbox)},
                # A city contest runs to its honours in one test: no notice period to wait out.
                "competition": {"COMPETITION_NOTICE_DAYS_MIN": "0"},
            },
            ready_timeout=120,
        )
        suite.prepare()
        suite.start()
        try:
            yield suite
        finally:
            suite.stop()


@pytest.fixture(scope="session")
def gateway(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.urls["gateway"], timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def admin_token(stack: Stack, gateway: httpx.Client) -> str:
    response = gateway.post(
        "/membership/v1/auth/token",
        data={
            "grant_type": "password",
            "username": stack.admin_username,
            "password": stack.admin_password,
        },
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


class _SlowHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(3)
        # By now the gateway has given up and closed the connection, as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"{}")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def slow_upstream() -> Iterator[str]:
    """An upstream that answers only after 3 seconds."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def degraded_gateway(stack: Stack, slow_upstream: str) -> Iterator[httpx.Client]:
    """A second real gateway process: membership as usual, rebate slow, competition down."""
    port, dead_port = free_ports()["gateway"], free_ports()["competition"]
    env = {
        **os.environ,
        "GATEWAY_ENVIRONMENT": "development",
        "GATEWAY_MEMBERSHIP_URL": stack.urls["membership"],
        "GATEWAY_REBATE_URL": slow_upstream,
        "GATEWAY_COMPETITION_URL": f"http://127.0.0.1:{dead_port}",
        "GATEWAY_DEFAULT_TIMEOUT_SECONDS": "1",
    }
    argv = [sys.executable, "-m", "uvicorn", "gateway.main:create_app", "--factory"]
    process = subprocess.Popen(
        [*argv, "--port", str(port), "--no-access-log"],
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/healthz")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            yield client
    finally:
        process.terminate()
        process.wait(timeout=10)
