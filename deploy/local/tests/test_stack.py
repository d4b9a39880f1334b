"""The stack's machinery on a stand-in service: provisioning, migration as the service's own
role, seeding, wiring, readiness and shutdown of real processes."""

import textwrap
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from localrun.devsecrets import load_secrets
from localrun.provision import with_database
from localrun.stack import SERVICES as SUITE
from localrun.stack import (
    Service,
    Stack,
    StackError,
    Wiring,
    free_ports,
    ports_from_env,
    replica_ports,
)
from servicekit.pgcluster import PostgresCluster

FILES = {
    "services/notes/alembic.ini": """
        [alembic]
        script_location = migrations
    """,
    "services/notes/migrations/env.py": """
        from sqlalchemy import MetaData

        from servicekit.migrations import run_migrations

        run_migrations(MetaData(), "notes", "NOTES_DATABASE_URL")
    """,
    "services/notes/migrations/versions/0001_note.py": """
        import sqlalchemy as sa
        from alembic import op

        revision = "0001"
        down_revision = None

        def upgrade() -> None:
            op.create_table("note", sa.Column("id", sa.Integer, primary_key=True))
    """,
    "src/notes/__init__.py": "",
    "src/notes/main.py": """
        import os

        from fastapi import FastAPI

        def create_app() -> FastAPI:
            app = FastAPI()

            @app.get("/readyz")
            def ready() -> dict[str, str]:
                return {"status": "ok"}

            @app.get("/env")
            def env() -> dict[str, str]:
                return {k: v for k, v in os.environ.items() if k.startswith(("NOTES_", "ECHO_"))}

            return app
    """,
    "src/notes/seed.py": """
        print("seeded: login notes-demo")
    """,
}


def _notes_env(wiring: Wiring) -> dict[str, str]:
    return {"NOTES_DATABASE_URL": wiring.database_urls["notes"]}


def _echo_env(wiring: Wiring) -> dict[str, str]:
    return {"ECHO_NOTES_URL": wiring.url("notes")}


def _no_env(wiring: Wiring) -> dict[str, str]:
    return {}


SERVICES = (
    Service("notes", "notes.main:create_app", 0, _notes_env),
    Service("echo", "notes.main:create_app", 0, _echo_env, database=False),
)
SECRETS = {
    "NOTES_DB_PASSWORD": "pw-notes",
    "NOTES_API_KEY": "notes-own-secret",
    "ECHO_API_KEY": "echo-own-secret",
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text).lstrip())
    return root


@pytest.fixture
def stack(root: Path, cluster: PostgresCluster, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    monkeypatch.syspath_prepend(str(root / "src"))  # where seed hooks are looked up
    code_path = {"PYTHONPATH": str(root / "src")}
    stack = Stack(
        root,
        cluster.superuser_url,
        free_ports(SERVICES),
        environment="test",
        extra_env={"notes": code_path, "echo": code_path},
        secrets=SECRETS,
        services=SERVICES,
        ready_timeout=30,
    )
    yield stack
    stack.stop()


async def test_prepare_migrates_as_the_services_own_role(
    stack: Stack, cluster: PostgresCluster
) -> None:
    stack.prepare()
    stack.prepare()  # a second run finds everything in place

    conn = await asyncpg.connect(with_database(cluster.superuser_url, "gonghui"))
    try:
        owner = await conn.fetchval("SELECT tableowner FROM pg_tables WHERE tablename = 'note'")
        versions = await conn.fetch("SELECT version_num FROM notes.alembic_version")
    finally:
        await conn.close()
    assert owner == "notes"
    assert [row["version_num"] for row in versions] == ["0001"]


def test_seed_output_is_shown_with_the_service_prefix(
    stack: Stack, capfd: pytest.CaptureFixture[str]
) -> None:
    reports = stack.seed()
    assert "[notes seed] seeded: login notes-demo" in capfd.readouterr().out
    # What it printed comes back too, for the last lines of `make run`.
    assert "seeded: login notes-demo" in reports["notes"]


def test_started_services_get_their_wiring_and_only_their_secrets(stack: Stack) -> None:
    stack.start()

    notes = httpx.get(f"{stack.urls['notes']}/env").json()
    echo = httpx.get(f"{stack.urls['echo']}/env").json()
    assert notes["NOTES_ENVIRONMENT"] == "test"
    assert notes["NOTES_DATABASE_URL"].startswith("postgresql+asyncpg://notes:pw-notes@")
    assert notes["NOTES_API_KEY"] == "notes-own-secret"
    assert "ECHO_API_KEY" not in notes
    assert echo["ECHO_NOTES_URL"] == stack.urls["notes"]
    assert "NOTES_DB_PASSWORD" not in echo

    stack.stop()
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{stack.urls['notes']}/readyz")


def test_a_service_that_cannot_start_is_reported_with_its_output(
    root: Path, cluster: PostgresCluster
) -> None:
    broken = Service("broken", "notes.missing:create_app", 0, _no_env, database=False)
    stack = Stack(
        root,
        cluster.superuser_url,
        free_ports([broken]),
        extra_env={"broken": {"PYTHONPATH": str(root / "src")}},
        secrets=SECRETS,
        services=[broken],
    )
    with pytest.raises(StackError, match=r"broken exited .*\n(.|\n)*notes\.missing"):
        stack.start()


def test_rebate_gets_its_checkpoint_key_and_loopback_for_local_partners(tmp_path: Path) -> None:
    suite = Stack(
        tmp_path, "postgresql://admin@127.0.0.1/postgres", secrets=load_secrets(tmp_path, {})
    )
    env = suite.env(next(s for s in SUITE if s.name == "rebate"))
    assert env["REBATE_AUDIT_SIGNING_KEY"] == suite.secrets["REBATE_AUDIT_SIGNING_KEY"]
    assert env["REBATE_OUTBOUND_ALLOWED_NETWORKS"] == '["127.0.0.0/8", "::1/128"]'


def test_with_replicas_the_gateway_is_given_every_address(tmp_path: Path) -> None:
    ports = ports_from_env(SUITE, {})
    suite = Stack(
        tmp_path,
        "postgresql://admin@127.0.0.1/postgres",
        ports,
        secrets=load_secrets(tmp_path, {}),
        replicas=replica_ports(ports, 2),
    )
    gateway = suite.env(next(s for s in SUITE if s.name == "gateway"))
    competition = suite.env(next(s for s in SUITE if s.name == "competition"))

    assert gateway["GATEWAY_MEMBERSHIP_URL"] == "http://127.0.0.1:8001,http://127.0.0.1:8101"
    assert gateway["GATEWAY_REBATE_URL"] == "http://127.0.0.1:8002,http://127.0.0.1:8102"
    assert competition["COMPETITION_MEMBERSHIP_URL"] == "http://127.0.0.1:8001"
    assert replica_ports(ports, 1) == {"membership": [], "rebate": [], "competition": []}


def test_replicas_run_as_processes_of_their_own(root: Path, cluster: PostgresCluster) -> None:
    notes = next(s for s in SERVICES if s.name == "notes")
    stack = Stack(
        root,
        cluster.superuser_url,
        free_ports([notes]),
        environment="test",
        extra_env={"notes": {"PYTHONPATH": str(root / "src")}},
        secrets=SECRETS,
        services=[notes],
        replicas={"notes": [free_ports([notes])["notes"]]},
        ready_timeout=30,
    )
    try:
        stack.prepare()
        stack.start()
        first, second = stack.replica_urls("notes")
        assert httpx.get(f"{second}/readyz").status_code == 200

        stack.kill("notes-2")

        with pytest.raises(httpx.TransportError):
            httpx.get(f"{second}/readyz")
        assert httpx.get(f"{first}/readyz").status_code == 200
    finally:
        stack.stop()
