from decimal import Decimal

from sqlalchemy import Numeric, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase

from servicekit.db import Timestamped, service_metadata, str_enum, uuid_pk

__all__ = [
    "MONEY",
    "SCHEMA",
    "Base",
    "Timestamped",
    "restore_plan_cache_mode",
    "reuse_key_check_plans",
    "str_enum",
    "uuid_pk",
]

SCHEMA = "rebate"

# Money: exact decimals with two places, never floats.
MONEY = Numeric(18, 2)


class Base(DeclarativeBase):
    metadata = service_metadata(SCHEMA)
    type_annotation_map = {Decimal: MONEY}


async def reuse_key_check_plans(session: AsyncSession) -> None:
    """Lets the foreign-key checks of the bulk writes that follow reuse their plans, until
    `restore_plan_cache_mode` or the end of the transaction.

    The services' connections run with `plan_cache_mode = force_custom_plan`, and PostgreSQL
    applies it to its own foreign-key checks too: every inserted row's check was planned
    afresh (twice per `case_fee` row). A run chunk's COPY of 9,000 case links took 1.0 s of
    PostgreSQL CPU so, 0.35-0.45 s with the check plans reused (bench/RESULTS.md, Rebate)."""
    await session.execute(text("SET LOCAL plan_cache_mode = auto"))


async def restore_plan_cache_mode(session: AsyncSession) -> None:
    """Back to the connection's own setting (the services never change it per session)."""
    await session.execute(text("RESET plan_cache_mode"))
