from rebate.db import SCHEMA, Base
from servicekit.migrations import run_migrations

run_migrations(Base.metadata, SCHEMA, "REBATE_DATABASE_URL")
