"""deploy/k8s/base/database/provision.sql, which CloudNativePG runs at bootstrap and the
Compose database at its first start, provisions the database as localrun.provision does."""

from pathlib import Path

import asyncpg
from sqlalchemy import make_url

from localrun.provision import ServiceRole, provision, with_database
from servicekit.pgcluster import PostgresCluster

SQL = Path(__file__).resolve().parents[2] / "k8s" / "base" / "database" / "provision.sql"
ROLES = (
    ServiceRole("membership", "pw-membership", ("ltree",)),
    ServiceRole("rebate", "pw-rebate"),
    ServiceRole("competition", "pw-competition"),
)


async def _schemas(admin_url: str, database: str) -> list[object]:
    conn = await asyncpg.connect(with_database(admin_url, database))
    try:
        return [
            await conn.fetch(
                "SELECT nspname, nspowner::regrole::text, nspacl::text FROM pg_namespace"
                " WHERE nspname IN ('public', 'membership', 'rebate', 'competition') ORDER BY 1"
            ),
            await conn.fetch(
                "SELECT extname, extnamespace::regnamespace::text FROM pg_extension ORDER BY 1"
            ),
            # Who may connect: the service roles, and not PUBLIC.
            await conn.fetch(
                "SELECT a.grantee::regrole::text AS grantee FROM pg_database d,"
                " aclexplode(d.datacl) a WHERE d.datname = current_database()"
                " AND a.privilege_type = 'CONNECT' AND a.grantee <> d.datdba ORDER BY 1"
            ),
        ]
    finally:
        await conn.close()


async def test_the_cluster_sql_provisions_as_localrun_does(cluster: PostgresCluster) -> None:
    admin = await asyncpg.connect(cluster.superuser_url)
    try:
        # As CloudNativePG's initdb leaves it: a database owned by the application owner.
        await admin.execute("CREATE ROLE gonghui LOGIN")
        await admin.execute("CREATE DATABASE bootstrapped OWNER gonghui")
    finally:
        await admin.close()
    conn = await asyncpg.connect(with_database(cluster.superuser_url, "bootstrapped"))
    try:
        # Before the operator has created the roles; and once more, changing nothing.
        await conn.execute(SQL.read_text())
        await conn.execute(SQL.read_text())
        for role in ROLES:  # what the operator's managed roles then do
            await conn.execute(f"ALTER ROLE {role.name} LOGIN PASSWORD '{role.password}'")
    finally:
        await conn.close()

    # The role works in its own schema with its settings from the role alone (checked before
    # localrun sets the same settings on the same, cluster-wide, roles).
    url = make_url(cluster.superuser_url).set(
        username="membership", password="pw-membership", database="bootstrapped"
    )
    membership = await asyncpg.connect(url.render_as_string(hide_password=False))
    try:
        assert await membership.fetchval("SHOW search_path") == "membership"
        assert await membership.fetchval("SHOW jit") == "off"
        assert await membership.fetchval("SELECT 'a.b.c'::ltree <@ 'a.b'") is True
    finally:
        await membership.close()

    bootstrapped = await _schemas(cluster.superuser_url, "bootstrapped")
    await provision(cluster.superuser_url, "local", ROLES)
    assert bootstrapped == await _schemas(cluster.superuser_url, "local")
