from sqlalchemy import Numeric, String
from sqlalchemy.orm import DeclarativeBase

from servicekit.db import Timestamped, service_metadata, str_enum, uuid_pk

__all__ = [
    "SCHEMA",
    "Base",
    "DisplayScore",
    "OrgPath",
    "SheetTotal",
    "Timestamped",
    "str_enum",
    "uuid_pk",
]

SCHEMA = "competition"


class Base(DeclarativeBase):
    metadata = service_metadata(SCHEMA)


# Marks have at most 3 decimal places and weights at most 2, so a weighted sheet total has
# at most 5: NUMERIC(20, 5) holds it exactly.
SheetTotal = Numeric(20, 5)
# A result's displayed score: the exact aggregate rounded half-up to 4 places (ranks use the
# exact value, see ranking/sql.py).
DisplayScore = Numeric(20, 4)
# Materialised organisation paths as membership reports them (`a.b.c`, one label per level).
# The "C" collation lets a b-tree index serve sub-tree ranges (`>= 'a.b.'` and `< 'a.b/'`).
OrgPath = String(1000, collation="C")
