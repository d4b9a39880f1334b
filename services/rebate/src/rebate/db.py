import enum
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, Enum, Numeric, Uuid, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from servicekit.db import service_metadata

SCHEMA = "rebate"

# Money: exact decimals with two places, never floats.
MONEY = Numeric(18, 2)


class Base(DeclarativeBase):
    metadata = service_metadata(SCHEMA)
    type_annotation_map = {Decimal: MONEY}


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
