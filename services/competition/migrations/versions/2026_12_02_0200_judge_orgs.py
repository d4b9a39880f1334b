"""A judge's conflicts run against every organisation of the account's scope, not only the
first: the paths move to one row per organisation (judge_org).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 02:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "judge_org",
        sa.Column("judge_id", sa.Uuid(), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("org_path", sa.String(length=1000, collation="C"), nullable=False),
        sa.ForeignKeyConstraint(
            ["judge_id"],
            ["competition.judge.id"],
            name=op.f("fk_judge_org_judge_id_judge"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("judge_id", "org_id", name=op.f("pk_judge_org")),
        schema="competition",
    )
    op.execute(
        "INSERT INTO competition.judge_org (judge_id, org_id, org_path)"
        " SELECT id, org_id, org_path FROM competition.judge"
        " WHERE org_id IS NOT NULL AND org_path IS NOT NULL"
    )
    op.drop_column("judge", "org_path", schema="competition")


def downgrade() -> None:
    op.add_column(
        "judge",
        sa.Column("org_path", sa.String(length=1000, collation="C"), nullable=True),
        schema="competition",
    )
    op.execute(
        "UPDATE competition.judge AS j SET org_path = o.org_path FROM competition.judge_org AS o"
        " WHERE o.judge_id = j.id AND o.org_id = j.org_id"
    )
    op.drop_table("judge_org", schema="competition")
