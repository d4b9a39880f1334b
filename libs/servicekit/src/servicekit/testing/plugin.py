"""pytest plugin: a real, migrated PostgreSQL database per service and worker, one outer
transaction rolled back per test, and an HTTP client on the app with its lifespan running.

A service's conftest provides a session fixture `service_under_test` returning `ServiceUnderTest`.
The cluster comes from `TEST_DATABASE_URL` (a superuser libpq URL, set by `make test`);
without it the plugin starts a throwaway cluster of its own.
"""

import contextlib
import os
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from alembic import command
from alembic.config import Config
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from servicekit.db import READ_ONLY
from servicekit.reads import connection_reads
from servicekit.settings import ServiceSettings


@dataclass(frozen=True)
class ServiceUnderTest:
    name: str
    alembic_ini: Path
    settings_factory: Callable[[str], ServiceSettings]
    app_factory: Callable[[Any], FastAPI]
    extensions: Sequence[str] = field(default_factory=tuple)


def to_asyncpg_url(libpq_url: str, database: str) -> str:
    parsed = httpx.URL(libpq_url)
    return str(parsed.copy_with(scheme="postgresql+asyncpg", path=f"/{database}"))


def with_database(libpq_url: str, database: str) -> str:
    return str(httpx.URL(libpq_url).copy_with(path=f"/{database}"))


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """Superuser URL of the test cluster."""
    given = os.environ.get("TEST_DATABASE_URL")
    if given:
        yield given
        return
    from servicekit.pgcluster import PostgresCluster

    with tempfile.TemporaryDirectory(prefix="gonghui-test-pg-") as data_dir:
        cluster = PostgresCluster(Path(data_dir))
        cluster.start()
        try:
            yield cluster.superuser_url
        finally:
            cluster.stop()


def worker_id() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


async def create_fresh_database(
    admin_url: str, database: str, schema: str, extensions: Sequence[str]
) -> None:
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{database}"')
    finally:
        await admin.close()
    conn = await asyncpg.connect(with_database(admin_url, database))
    try:
        # What provisioning sets on a service's role, set on the database for every role:
        # the services send no connection start-up parameters (servicekit.db).
        await conn.execute(f'ALTER DATABASE "{database}" SET search_path TO "{schema}"')
        await conn.execute(f'ALTER DATABASE "{database}" SET jit TO off')
        await conn.execute(f'CREATE SCHEMA "{schema}"')
        for extension in extensions:
            await conn.execute(f'CREATE EXTENSION IF NOT EXISTS "{extension}" SCHEMA "{schema}"')
    finally:
        await conn.close()


def alembic_config(ini: Path, url: str) -> Config:
    config = Config(str(ini))
    config.set_main_option("script_location", str(ini.parent / "migrations"))
    config.set_main_option("sqlalchemy.url", url)
    return config


async def run_alembic(engine: AsyncEngine, ini: Path, action: Callable[[Config], None]) -> None:
    """Run an Alembic command on `engine` from inside the running event loop."""
    config = alembic_config(ini, engine.url.render_as_string(hide_password=False))

    def run(sync_connection: Any) -> None:
        config.attributes["connection"] = sync_connection
        action(config)

    async with engine.begin() as conn:
        await conn.run_sync(run)


def upgrade_head(config: Config) -> None:
    command.upgrade(config, "head")


def upgrade_to(revision: str) -> Callable[[Config], None]:
    def upgrade(config: Config) -> None:
        command.upgrade(config, revision)

    return upgrade


def downgrade_to(revision: str) -> Callable[[Config], None]:
    def downgrade(config: Config) -> None:
        command.downgrade(config, revision)

    return downgrade


@contextlib.asynccontextmanager
async def database_at(
    admin_url: str, service: ServiceUnderTest, label: str, revision: str = "head"
) -> AsyncIterator[AsyncEngine]:
    """A database of the service migrated to `revision`, for one test alone, dropped after
    it: for tests that commit (concurrency on connections of their own, migrations)."""
    name = f"test_{service.name}_{label}_{worker_id()}"
    await create_fresh_database(admin_url, name, service.name, service.extensions)
    engine = create_async_engine(to_asyncpg_url(admin_url, name))
    try:
        await run_alembic(engine, service.alembic_ini, upgrade_to(revision))
        yield engine
    finally:
        await engine.dispose()
        admin = await asyncpg.connect(admin_url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture(scope="session")
async def _service_engines() -> AsyncIterator[dict[str, AsyncEngine]]:
    # Keyed by service: session fixtures are cached once per run, not once per conftest.
    engines: dict[str, AsyncEngine] = {}
    yield engines
    for engine in engines.values():
        await engine.dispose()


@pytest.fixture
async def engine(
    postgres_admin_url: str,
    service_under_test: ServiceUnderTest,
    _service_engines: dict[str, AsyncEngine],
) -> AsyncEngine:
    """Engine on this worker's migrated database for the service under test."""
    service = service_under_test
    if service.name not in _service_engines:
        name = f"test_{service.name}_{worker_id()}"
        await create_fresh_database(postgres_admin_url, name, service.name, service.extensions)
        engine = create_async_engine(to_asyncpg_url(postgres_admin_url, name), pool_size=2)
        await run_alembic(engine, service.alembic_ini, upgrade_head)
        _service_engines[service.name] = engine
    return _service_engines[service.name]


@pytest.fixture
def database_url(engine: AsyncEngine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
async def db_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """One connection in an outer transaction that is rolled back after the test."""
    async with engine.connect() as conn:
        transaction = await conn.begin()
        try:
            yield conn
        finally:
            await transaction.rollback()


def _test_sessionmaker(
    conn: AsyncConnection, *, read_only: bool = False
) -> async_sessionmaker[AsyncSession]:
    # Commits inside the code under test become savepoints of the outer transaction.
    return async_sessionmaker(
        bind=conn,
        expire_on_commit=False,
        autoflush=False,
        join_transaction_mode="create_savepoint",
        info={READ_ONLY: True} if read_only else None,
    )


@pytest.fixture
async def session(db_connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    async with _test_sessionmaker(db_connection)() as session:
        yield session


@pytest.fixture
def settings(service_under_test: ServiceUnderTest, database_url: str) -> ServiceSettings:
    return service_under_test.settings_factory(database_url)


@pytest.fixture
async def app(
    service_under_test: ServiceUnderTest, settings: ServiceSettings, db_connection: AsyncConnection
) -> AsyncIterator[FastAPI]:
    application = service_under_test.app_factory(settings)
    async with LifespanManager(application):
        application.state.sessionmaker = _test_sessionmaker(db_connection)
        # Reads share the test's connection too; writes in them are refused all the same.
        application.state.read_sessionmaker = _test_sessionmaker(db_connection, read_only=True)
        application.state.reads = connection_reads(db_connection)
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
