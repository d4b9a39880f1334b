from membership.db import SCHEMA, Base
from membership.identity import models as _identity_models  # noqa: F401  (registers tables)
from servicekit.migrations import run_migrations

run_migrations(Base.metadata, SCHEMA, "MEMBERSHIP_DATABASE_URL")
