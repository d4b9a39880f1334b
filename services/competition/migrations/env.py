from competition import models  # noqa: F401  (every table, for autogenerate and checks)
from competition.db import SCHEMA, Base
from servicekit.migrations import run_migrations

run_migrations(Base.metadata, SCHEMA, "COMPETITION_DATABASE_URL")
