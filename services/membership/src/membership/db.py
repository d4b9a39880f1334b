import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Enum, Uuid, func
from sqlalchemy.dialects.postgresql.base import ischema_names
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import UserDefinedType

from servicekit.db import service_metadata

SCHEMA = "membership"


class Base(DeclarativeBase):
    metadata = service_metadata(SCHEMA)


class Ltree(UserDefinedType[str]):
    """PostgreSQL ltree (installed in the service schema): materialised paths of the org tree."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "ltree"


# Reflection (alembic check) then knows the column type instead of warning about it.
ischema_names["ltree"] = Ltree


def str_enum(enum_class: type[enum.StrEnum], length: int = 32) -> Enum:
    # VARCHAR with a CHECK constraint: adding a value later is a plain migration.
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
