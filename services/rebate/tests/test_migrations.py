from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from servicekit.testing.plugin import ServiceUnderTest, run_alembic


async def test_models_and_migrations_agree(
    engine: AsyncEngine, service_under_test: ServiceUnderTest
) -> None:
    # `alembic check` raises when autogenerate would produce a migration: no drift allowed.
    await run_alembic(engine, service_under_test.alembic_ini, command.check)


async def test_version_table_lives_in_the_service_schema(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        schema = await conn.scalar(
            text(
                "SELECT table_schema FROM information_schema.tables"
                " WHERE table_name = 'alembic_version'"
            )
        )
    assert schema == "rebate"
