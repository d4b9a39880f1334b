"""Judges are membership accounts found by username, their organisation the account's (none
for an outside expert); organisation events from membership are recorded once each.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 23:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "judge", sa.Column("username", sa.String(length=100), nullable=True), schema="competition"
    )
    # Judges added before accounts were looked up carry their subject as the only name known.
    op.execute("UPDATE competition.judge SET username = subject")
    op.alter_column("judge", "username", nullable=False, schema="competition")
    for column in ("org_id", "org_name", "org_path"):
        op.alter_column("judge", column, nullable=True, schema="competition")
    op.create_table(
        "org_event",
        sa.Column("webhook_id", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("path", sa.String(length=1000), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("webhook_id", name=op.f("pk_org_event")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_org_event_org_id"), "org_event", ["org_id"], unique=False, schema="competition"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_org_event_org_id"), table_name="org_event", schema="competition")
    op.drop_table("org_event", schema="competition")
    # Judges without an organisation may hold sheets by now: their columns stay nullable.
    op.drop_column("judge", "username", schema="competition")
