"""The end-to-end tests run with every service behind a real PgBouncer in transaction mode
(conftest.py); this one makes sure that they really do."""

import asyncio
import os

import asyncpg
import pytest
from sqlalchemy import make_url

from localrun.stack import SERVICES, Stack

pytestmark = pytest.mark.xdist_group("e2e")


def test_services_reach_postgres_only_through_the_pooler(stack: Stack, admin_token: str) -> None:
    if stack.pooler_dsn is None:
        # CI installs PgBouncer (.ci/run), so there this is a failure; a developer's machine
        # without the package still runs every other test, directly against PostgreSQL.
        if os.environ.get("CI"):
            pytest.fail("pgbouncer is missing in CI: .ci/run should have installed it")
        pytest.skip("pgbouncer is not installed (apt-get install pgbouncer); e2e ran without it")
    pooler = make_url(stack.pooler_dsn)
    for service in (s for s in SERVICES if s.database):
        env = stack.env(service, serving=True)
        url = make_url(env[f"{service.prefix}DATABASE_URL"])
        assert (url.host, url.port) == (pooler.host, pooler.port)
        assert env[f"{service.prefix}DB_TRANSACTION_POOLER"] == "true"

    async def server_connections() -> dict[str, int]:
        conn = await asyncpg.connect(stack.admin_dsn)
        try:
            rows = await conn.fetch(
                "SELECT usename, count(*) AS n FROM pg_stat_activity"
                " WHERE datname = $1 GROUP BY usename",
                stack.database,
            )
        finally:
            await conn.close()
        return {row["usename"]: row["n"] for row in rows}

    # The pooler's 3 server connections per role, whatever the services' pools hold.
    counts = asyncio.run(server_connections())
    assert counts.get("membership", 0) >= 1
    assert all(n <= 3 for role, n in counts.items() if role != "postgres")
