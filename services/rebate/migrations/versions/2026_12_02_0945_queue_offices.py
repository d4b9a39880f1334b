"""A policy names, per region prefix, the federation whose reviewers own the queue entries of
records no register entry places (unmatched credit codes): until then only admins saw them.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 09:45:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "policy",
        sa.Column(
            "queue_offices",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            server_default=sa.text("'[]'::jsonb"),
        ),
        schema="rebate",
    )
    op.alter_column("policy", "queue_offices", server_default=None, schema="rebate")


def downgrade() -> None:
    op.drop_column("policy", "queue_offices", schema="rebate")
