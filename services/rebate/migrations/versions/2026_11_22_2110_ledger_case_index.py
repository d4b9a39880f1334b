"""ledger entries by case

What a case still owes is summed over its ledger lines each time a payout is instructed,
retried or settled; without an index that is a scan of the whole ledger per payout.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 21:10:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_ledger_entry_case_id",
        "ledger_entry",
        ["case_id"],
        unique=False,
        schema="rebate",
        postgresql_where=sa.text("case_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_ledger_entry_case_id", table_name="ledger_entry", schema="rebate")
