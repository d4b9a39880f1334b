from typing import Any

from sqlalchemy.dialects.postgresql.base import ischema_names
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import UserDefinedType

from servicekit.db import Timestamped, service_metadata, str_enum, uuid_pk

__all__ = ["SCHEMA", "Base", "Ltree", "Timestamped", "str_enum", "uuid_pk"]

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
