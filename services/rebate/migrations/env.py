from rebate import models as _models  # noqa: F401  (registers every table)
from rebate.db import SCHEMA, Base
from servicekit.migrations import run_migrations

run_migrations(Base.metadata, SCHEMA, "REBATE_DATABASE_URL")
