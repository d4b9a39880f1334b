"""Member imports run in workers: the uploaded file is kept with its job until done, progress
is committed per chunk (`processed_rows`), and a job is claimed with a lease. Outbox messages
are claimed by one relay at a time, with a lease, while it delivers them outside any
transaction (servicekit.outbox.OutboxRelay).

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02 02:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "membership"


def upgrade() -> None:
    op.add_column("outbox_message", sa.Column("claimed_by", sa.String(length=100)), schema=SCHEMA)
    op.add_column(
        "outbox_message",
        sa.Column("claimed_until", sa.DateTime(timezone=True)),
        schema=SCHEMA,
    )
    op.add_column("import_job", sa.Column("content", sa.LargeBinary()), schema=SCHEMA)
    op.add_column(
        "import_job",
        sa.Column("processed_rows", sa.Integer(), nullable=False, server_default="0"),
        schema=SCHEMA,
    )
    op.alter_column("import_job", "processed_rows", server_default=None, schema=SCHEMA)
    # Imports before this one ran whole inside their request.
    op.execute("UPDATE membership.import_job SET processed_rows = total_rows")
    op.add_column("import_job", sa.Column("lease_owner", sa.String(length=100)), schema=SCHEMA)
    op.add_column(
        "import_job",
        sa.Column("lease_expires_at", sa.DateTime(timezone=True)),
        schema=SCHEMA,
    )
    op.drop_constraint("ck_import_job_importstatus", "import_job", schema=SCHEMA)
    op.create_check_constraint(
        "ck_import_job_importstatus",
        "import_job",
        "status IN ('queued', 'running', 'done', 'failed')",
        schema=SCHEMA,
    )
    # What workers look for: the queued and running imports, few among many finished ones.
    op.create_index(
        "ix_import_job_unfinished",
        "import_job",
        ["created_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("status IN ('queued', 'running')"),
    )


def downgrade() -> None:
    op.drop_index("ix_import_job_unfinished", table_name="import_job", schema=SCHEMA)
    op.drop_constraint("ck_import_job_importstatus", "import_job", schema=SCHEMA)
    op.create_check_constraint(
        "ck_import_job_importstatus",
        "import_job",
        "status IN ('running', 'done', 'failed')",
        schema=SCHEMA,
    )
    for column in ("lease_expires_at", "lease_owner", "processed_rows", "content"):
        op.drop_column("import_job", column, schema=SCHEMA)
    op.drop_column("outbox_message", "claimed_until", schema=SCHEMA)
    op.drop_column("outbox_message", "claimed_by", schema=SCHEMA)
