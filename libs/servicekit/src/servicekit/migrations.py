"""What every service's Alembic env.py does: migrate its own schema on its own connection."""

import asyncio
import os

from alembic import context
from sqlalchemy import Connection, MetaData, pool
from sqlalchemy.ext.asyncio import create_async_engine


def _configure(connection: Connection, metadata: MetaData, schema: str) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table_schema=schema,
        include_schemas=True,
        include_name=lambda name, type_, _parent: type_ != "schema" or name == schema,
        compare_type=True,
    )


def _run_sync(connection: Connection, metadata: MetaData, schema: str) -> None:
    # The service schema is first on the search path, so PostgreSQL reports it as the default
    # schema and Alembic would compare its tables as schema-less; the models name it.
    connection.dialect.default_schema_name = "public"
    _configure(connection, metadata, schema)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations(metadata: MetaData, schema: str, url_env: str) -> None:
    """Entry point for env.py. The URL comes from alembic's config if set, else `url_env`."""
    url = context.config.get_main_option("sqlalchemy.url") or os.environ.get(url_env)
    if not url:
        raise RuntimeError(f"set {url_env} to the service's database URL")

    if context.is_offline_mode():
        context.configure(
            url=url, target_metadata=metadata, version_table_schema=schema, literal_binds=True
        )
        with context.begin_transaction():
            context.run_migrations()
        return

    async def run() -> None:
        # The search path comes from the role, as for the service itself (servicekit.db).
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(_run_sync, metadata, schema)
            await connection.commit()
        await engine.dispose()

    existing = context.config.attributes.get("connection")
    if existing is not None:
        _run_sync(existing, metadata, schema)
    else:
        asyncio.run(run())
