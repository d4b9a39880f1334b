from decimal import Decimal

from sqlalchemy import Numeric
from sqlalchemy.orm import DeclarativeBase

from servicekit.db import Timestamped, service_metadata, str_enum, uuid_pk

__all__ = [
    "MONEY",
    "SCHEMA",
    "Base",
    "Timestamped",
    "str_enum",
    "uuid_pk",
]

SCHEMA = "rebate"

# Money: exact decimals with two places, never floats.
MONEY = Numeric(18, 2)


class Base(DeclarativeBase):
    metadata = service_metadata(SCHEMA)
    type_annotation_map = {Decimal: MONEY}
