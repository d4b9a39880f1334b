from membership import models as _models  # noqa: F401  (registers every table)
from membership.db import SCHEMA, Base
from servicekit.migrations import run_migrations

run_migrations(Base.metadata, SCHEMA, "MEMBERSHIP_DATABASE_URL")
