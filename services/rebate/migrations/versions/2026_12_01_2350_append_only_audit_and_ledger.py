"""append-only audit and ledger, signed checkpoints of the audit chain

The service's own role (which owns the schema and runs these migrations) keeps only INSERT and
SELECT on the audit chain, its checkpoints and the ledger, and a trigger refuses UPDATE, DELETE
and TRUNCATE on them whoever asks, superusers included. Undoing either takes DDL, not a stray or
injected statement; a rewrite by whoever can run DDL is still caught by the signed checkpoints.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("audit_event", "audit_checkpoint", "ledger_entry")


def upgrade() -> None:
    op.create_table(
        "audit_checkpoint",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("event_count", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoint")),
        schema="rebate",
    )
    op.create_index(
        op.f("ix_audit_checkpoint_event_count"),
        "audit_checkpoint",
        ["event_count"],
        unique=False,
        schema="rebate",
    )
    op.execute(
        """
        CREATE FUNCTION rebate.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% on %.% refused: the table is append-only',
                TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """
    )
    for table in APPEND_ONLY:
        # Per statement: it fires even when no row matches, and costs nothing per row.
        op.execute(
            f"CREATE TRIGGER {table}_append_only"
            f" BEFORE UPDATE OR DELETE OR TRUNCATE ON rebate.{table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION rebate.refuse_change()"
        )
        # After the trigger: creating one needs the TRIGGER right, revoked here.
        op.execute(f"REVOKE ALL ON rebate.{table} FROM PUBLIC, CURRENT_USER")
        op.execute(f"GRANT SELECT, INSERT ON rebate.{table} TO CURRENT_USER")


def downgrade() -> None:
    for table in APPEND_ONLY:
        op.execute(f"GRANT ALL ON rebate.{table} TO CURRENT_USER")
        op.execute(f"DROP TRIGGER {table}_append_only ON rebate.{table}")
    op.execute("DROP FUNCTION rebate.refuse_change()")
    op.drop_index(
        op.f("ix_audit_checkpoint_event_count"), table_name="audit_checkpoint", schema="rebate"
    )
    op.drop_table("audit_checkpoint", schema="rebate")
