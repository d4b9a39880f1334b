"""Outbox messages are claimed by one relay at a time, with a lease, while it delivers them
outside any transaction (servicekit.outbox.OutboxRelay).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 02:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "outbox_message",
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        schema="competition",
    )
    op.add_column(
        "outbox_message",
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        schema="competition",
    )


def downgrade() -> None:
    op.drop_column("outbox_message", "claimed_until", schema="competition")
    op.drop_column("outbox_message", "claimed_by", schema="competition")
