"""`make backup` / `make restore`: a logical dump of the suite's database (pg_dump, custom
format) and its restore into a database made anew, for development and for moving data between
machines. Production relies on CloudNativePG's continuous backups (deploy/README.md).

A restore replaces the database whole: the roles first (they own the objects), then the dump
in one transaction, then provisioning once more (rights on the database, role settings).
"""

import asyncio
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

import asyncpg
from sqlalchemy import make_url

from localrun.provision import ServiceRole, ensure_roles, provision
from servicekit.pgcluster import embedded_binaries, find_server_binaries


class BackupError(RuntimeError):
    pass


def dump(admin_dsn: str, database: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _run("pg_dump", admin_dsn, database, ["--format=custom", "--file", str(target)])


def restore(admin_dsn: str, database: str, source: Path, roles: Sequence[ServiceRole]) -> None:
    if not source.is_file():
        raise BackupError(f"no dump at {source}")
    asyncio.run(_recreate(admin_dsn, database, roles))
    _run(
        "pg_restore", admin_dsn, database, ["--exit-on-error", "--single-transaction", str(source)]
    )
    asyncio.run(provision(admin_dsn, database, roles))


async def _recreate(admin_dsn: str, database: str, roles: Sequence[ServiceRole]) -> None:
    await ensure_roles(admin_dsn, roles)
    admin = await asyncpg.connect(admin_dsn)
    try:
        quoted = '"' + database.replace('"', '""') + '"'
        await admin.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        await admin.execute(f"CREATE DATABASE {quoted}")
    finally:
        await admin.close()


def _run(program: str, admin_dsn: str, database: str, args: list[str]) -> None:
    url = make_url(admin_dsn).set(database=database)
    # The password by environment: arguments are visible to every local user.
    env = os.environ | {"PGPASSWORD": url.password or ""}
    dsn = url.set(password=None).render_as_string(hide_password=False)
    result = subprocess.run(  # noqa: S603 - the server's own client programs
        [str(_binary(program)), "--dbname", dsn, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed:\n{result.stderr}")


def _binary(program: str) -> Path:
    # The same installation as the server's (PostgresCluster's search), so versions match.
    for bin_dir in (find_server_binaries(), embedded_binaries()):
        if bin_dir is not None and (bin_dir / program).exists():
            return bin_dir / program
    raise BackupError(f"no {program}: install Debian's postgresql-client or the embedded extra")
