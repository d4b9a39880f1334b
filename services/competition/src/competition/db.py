from sqlalchemy.orm import DeclarativeBase

from servicekit.db import service_metadata

SCHEMA = "competition"


class Base(DeclarativeBase):
    metadata = service_metadata(SCHEMA)
