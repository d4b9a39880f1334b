from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy import make_url

from localrun.provision import ServiceRole, provision, with_database
from servicekit.pgcluster import PostgresCluster

DATABASE = "suite"
ROLES = (
    ServiceRole("membership", "pw-membership", ("ltree",)),
    ServiceRole("rebate", "pw-rebate"),
)


def _as_role(cluster: PostgresCluster, role: ServiceRole) -> str:
    url = make_url(cluster.superuser_url).set(
        username=role.name, password=role.password, database=DATABASE
    )
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="module")
async def provisioned(cluster: PostgresCluster) -> PostgresCluster:
    await provision(cluster.superuser_url, DATABASE, ROLES)
    rebate = await asyncpg.connect(_as_role(cluster, ROLES[1]))
    try:
        await rebate.execute("CREATE TABLE fee (id int)")
    finally:
        await rebate.close()
    return cluster


@pytest.fixture
async def membership(provisioned: PostgresCluster) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(_as_role(provisioned, ROLES[0]))
    yield conn
    await conn.close()


async def _snapshot(admin_url: str) -> list[object]:
    conn = await asyncpg.connect(with_database(admin_url, DATABASE))
    try:
        return [
            await conn.fetch("SELECT datname, datacl::text FROM pg_database ORDER BY 1"),
            await conn.fetch(
                "SELECT rolname, rolcanlogin, rolsuper, rolconfig FROM pg_roles"
                " WHERE rolname IN ('membership', 'rebate') ORDER BY 1"
            ),
            await conn.fetch(
                "SELECT nspname, nspowner::regrole::text, nspacl::text FROM pg_namespace"
                " WHERE nspname IN ('public', 'membership', 'rebate') ORDER BY 1"
            ),
            await conn.fetch(
                "SELECT extname, extnamespace::regnamespace::text FROM pg_extension ORDER BY 1"
            ),
        ]
    finally:
        await conn.close()


async def test_running_again_changes_nothing(provisioned: PostgresCluster) -> None:
    before = await _snapshot(provisioned.superuser_url)
    await provision(provisioned.superuser_url, DATABASE, ROLES)
    assert await _snapshot(provisioned.superuser_url) == before
    for role in ROLES:  # passwords still valid
        conn = await asyncpg.connect(_as_role(provisioned, role))
        await conn.close()


async def test_role_works_in_its_own_schema(membership: asyncpg.Connection) -> None:
    await membership.execute("CREATE TABLE IF NOT EXISTS person (path ltree)")
    schema = await membership.fetchval(
        "SELECT relnamespace::regnamespace::text FROM pg_class WHERE oid = 'person'::regclass"
    )
    assert schema == "membership"
    assert await membership.fetchval("SELECT 'a.b.c'::ltree <@ 'a.b'") is True


async def test_role_cannot_read_another_services_schema(
    membership: asyncpg.Connection,
) -> None:
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await membership.fetch("SELECT * FROM rebate.fee")


async def test_role_cannot_create_in_public(membership: asyncpg.Connection) -> None:
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await membership.execute("CREATE TABLE public.stray (id int)")


async def test_role_cannot_create_schemas(membership: asyncpg.Connection) -> None:
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await membership.execute("CREATE SCHEMA elsewhere")


async def test_role_has_no_privileges_beyond_login(membership: asyncpg.Connection) -> None:
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await membership.execute("CREATE DATABASE another")
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await membership.execute("CREATE ROLE another")


async def test_other_roles_cannot_connect(provisioned: PostgresCluster) -> None:
    admin = await asyncpg.connect(provisioned.superuser_url)
    try:
        await admin.execute("DROP ROLE IF EXISTS outsider")
        await admin.execute("CREATE ROLE outsider LOGIN PASSWORD 'pw-outsider'")
    finally:
        await admin.close()
    url = make_url(provisioned.superuser_url).set(
        username="outsider", password="pw-outsider", database=DATABASE
    )
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await asyncpg.connect(url.render_as_string(hide_password=False))


async def test_session_settings_are_the_roles_not_the_connections(
    membership: asyncpg.Connection,
) -> None:
    # A transaction-mode pooler refuses start-up parameters: a bare connection gets them all.
    assert await membership.fetchval("SHOW search_path") == "membership"
    assert await membership.fetchval("SHOW jit") == "off"
