"""One database for the suite, and in it one login role and one schema per service.

A role owns its schema and has no rights anywhere else: PUBLIC loses its default rights on
the database and on schema `public`, so that only the owner (the admin) keeps them.
Running it again changes nothing but re-setting the same passwords.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg
from sqlalchemy import make_url


@dataclass(frozen=True)
class ServiceRole:
    """A role and the schema of the same name. Extensions are created in that schema."""

    name: str
    password: str
    extensions: tuple[str, ...] = ()


def with_database(dsn: str, database: str) -> str:
    return make_url(dsn).set(database=database).render_as_string(hide_password=False)


async def provision(admin_dsn: str, database: str, roles: Sequence[ServiceRole]) -> None:
    admin = await asyncpg.connect(admin_dsn)
    try:
        if not await admin.fetchval("SELECT true FROM pg_database WHERE datname = $1", database):
            await _execute(admin, "CREATE DATABASE %I", database)
        for role in roles:
            await _ensure_role(admin, role)
    finally:
        await admin.close()

    conn = await asyncpg.connect(with_database(admin_dsn, database))
    try:
        async with conn.transaction():
            await _execute(conn, "REVOKE ALL ON DATABASE %I FROM PUBLIC", database)
            await _execute(conn, "REVOKE ALL ON SCHEMA public FROM PUBLIC")
            for role in roles:
                await _ensure_schema(conn, database, role)
    finally:
        await conn.close()


async def ensure_roles(admin_dsn: str, roles: Sequence[ServiceRole]) -> None:
    """The login roles alone, as a restore needs them before the objects they own."""
    admin = await asyncpg.connect(admin_dsn)
    try:
        for role in roles:
            await _ensure_role(admin, role)
    finally:
        await admin.close()


async def _ensure_role(admin: asyncpg.Connection, role: ServiceRole) -> None:
    if not await admin.fetchval("SELECT true FROM pg_roles WHERE rolname = $1", role.name):
        await _execute(admin, "CREATE ROLE %I", role.name)
    # Set on every run so that the role follows the password in the secrets file.
    await _execute(
        admin,
        "ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L",
        role.name,
        role.password,
    )
    # Session settings live on the role, for the role itself in any database (test runs use
    # databases of their own), never in connection start-up parameters, which a
    # transaction-mode pooler refuses. The schema first: its extensions (ltree ...) live there.
    await _execute(admin, "ALTER ROLE %I SET search_path TO %I", role.name, role.name)
    # Short OLTP statements: JIT compilation only adds tens of ms to the big ones. (Not
    # `plan_cache_mode = force_custom_plan`: PostgreSQL applies it to its own foreign-key
    # checks, and planned every inserted row's check afresh, which tripled the database's CPU
    # per row of bulk writes; bench/RESULTS.md, Rebate.)
    await _execute(admin, "ALTER ROLE %I SET jit TO off", role.name)


async def _ensure_schema(conn: asyncpg.Connection, database: str, role: ServiceRole) -> None:
    await _execute(conn, "GRANT CONNECT ON DATABASE %I TO %I", database, role.name)
    await _execute(conn, "CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I", role.name, role.name)
    await _execute(conn, "ALTER SCHEMA %I OWNER TO %I", role.name, role.name)
    for extension in role.extensions:
        # An extension lives in one schema per database; a second service wanting it gets none.
        await _execute(
            conn, "CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I", extension, role.name
        )


async def _execute(conn: asyncpg.Connection, template: str, *args: str) -> None:
    # Utility statements take no bind parameters, so the server's format() quotes names (%I)
    # and literals (%L).
    sql = await conn.fetchval("SELECT format($1, VARIADIC $2::text[])", template, list(args))
    await conn.execute(sql)
