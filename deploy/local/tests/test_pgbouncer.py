"""servicekit's database layer behind a real PgBouncer in transaction mode, with one server
connection per database and role, so that every client shares it as under production load."""

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine

from localrun.pgbouncer import PgBouncer, find_pgbouncer
from localrun.provision import ServiceRole, provision
from servicekit.db import create_engine, create_sessionmaker
from servicekit.pgcluster import PostgresCluster
from servicekit.reads import pooled_reads
from servicekit.settings import ServiceSettings

pytestmark = pytest.mark.skipif(
    find_pgbouncer() is None, reason="pgbouncer is not installed (.ci/run installs it)"
)

DATABASE = "pooled"
ROLE = ServiceRole("ledgerkeeper", "pw-ledgerkeeper")
CLIENTS = 40


@pytest.fixture(scope="module")
def pooler(cluster: PostgresCluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The role's URL through the pooler."""
    asyncio.run(provision(cluster.superuser_url, DATABASE, [ROLE]))
    direct = make_url(cluster.superuser_url).set(
        drivername="postgresql+asyncpg",
        username=ROLE.name,
        password=ROLE.password,
        database=DATABASE,
    )
    work_dir: Path = tmp_path_factory.mktemp("pgbouncer")
    with PgBouncer(work_dir, cluster.superuser_url, {ROLE.name: ROLE.password}, pool_size=1) as pb:
        yield pb.url(direct.render_as_string(hide_password=False))


@pytest.fixture
async def engine(pooler: str) -> AsyncIterator[AsyncEngine]:
    settings = ServiceSettings(
        database_url=pooler, db_transaction_pooler=True, db_pool_size=CLIENTS
    )
    engine = create_engine(settings)
    yield engine
    await engine.dispose()


async def test_a_connection_gets_its_session_settings_from_the_role(engine: AsyncEngine) -> None:
    # PgBouncer refuses start-up parameters such as search_path: none are sent.
    async with engine.connect() as conn:
        assert await conn.scalar(text("SHOW search_path")) == ROLE.name
        assert await conn.scalar(text("SHOW jit")) == "off"


async def test_the_pooler_refuses_a_search_path_start_up_parameter(pooler: str) -> None:
    # What servicekit.db sent before the settings moved to the role.
    url = make_url(pooler).set(drivername="postgresql").render_as_string(hide_password=False)
    with pytest.raises(asyncpg.ProtocolViolationError, match="unsupported startup parameter"):
        await asyncpg.connect(url, server_settings={"search_path": ROLE.name})


async def test_many_clients_share_one_server_connection(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE IF NOT EXISTS entry (id int PRIMARY KEY, n int)"))
        await conn.execute(text("TRUNCATE entry"))
    sessionmaker = create_sessionmaker(engine)

    async def client(i: int) -> int:
        # Each transaction prepares statements on whichever server connection it gets.
        for step in range(3):
            async with sessionmaker() as session, session.begin():
                await session.execute(
                    text(
                        "INSERT INTO entry VALUES (:id, :n) ON CONFLICT (id) DO UPDATE SET n = :n"
                    ),
                    {"id": i, "n": step},
                )
        async with sessionmaker() as session:
            value = await session.scalar(text("SELECT n FROM entry WHERE id = :id"), {"id": i})
        return int(value or 0)

    assert await asyncio.gather(*(client(i) for i in range(CLIENTS))) == [2] * CLIENTS


async def test_hot_reads_outside_a_transaction_share_the_server_connection(
    engine: AsyncEngine,
) -> None:
    # servicekit.reads runs single statements with no transaction around them.
    reads = pooled_reads(engine)

    async def read(i: int) -> object:
        async with reads() as conn:
            return await conn.fetchval(f"SELECT $1::int * {i % 7}", i)

    results = await asyncio.gather(*(read(i) for i in range(CLIENTS * 3)))
    assert results == [i * (i % 7) for i in range(CLIENTS * 3)]


# A replica of the service: one transaction with a statement, in a process of its own.
_REPLICA = """
import asyncio, sys
from sqlalchemy import text
from servicekit.db import create_engine
from servicekit.settings import ServiceSettings

async def main() -> None:
    settings = ServiceSettings(database_url=sys.argv[1], db_transaction_pooler=sys.argv[2] == "on")
    engine = create_engine(settings)
    async with engine.begin() as conn:
        await conn.execute(text("SELECT count(*) FROM pg_class WHERE relname = :n"), {"n": "x"})
    await engine.dispose()

asyncio.run(main())
"""


def _replica(url: str, pooler_setting: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-c", _REPLICA, url, pooler_setting]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)


def test_replicas_share_a_server_connection_with_the_pooler_setting(pooler: str) -> None:
    for _ in range(3):
        result = _replica(pooler, "on")
        assert result.returncode == 0, result.stderr


def test_without_the_setting_a_second_replica_collides_on_the_server_connection(
    pooler: str,
) -> None:
    # Why the setting exists: every process names asyncpg's cached statements from 1, and a
    # server connection keeps them after the transaction, so the next replica's first
    # statement meets the previous one's.
    first = _replica(pooler, "off")
    second = _replica(pooler, "off")
    assert first.returncode == 0 or second.returncode == 0
    assert "already exists" in first.stderr + second.stderr
