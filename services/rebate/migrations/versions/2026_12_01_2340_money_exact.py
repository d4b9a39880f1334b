"""money exact under corrections, late records and bank contradictions

Several cases per enterprise and period (a supplementary amount after approval or payment),
at most one of them not yet with the bank; voided fee records and payment fingerprints;
queue entries that can be acted on and closed with a resolution; every bank answer kept;
one run in flight per policy, period and region, held by a worker's lease; banks per policy.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:40:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "rebate"


def _values_check(table: str, name: str, column: str, values: Sequence[str]) -> None:
    """Replace a string enum's CHECK constraint (servicekit.db.str_enum) with a wider one."""
    constraint = f"ck_{table}_{name}"
    listed = ", ".join(f"'{v}'" for v in values)
    op.execute(f"ALTER TABLE {S}.{table} DROP CONSTRAINT IF EXISTS {constraint}")
    op.execute(
        f"ALTER TABLE {S}.{table} ADD CONSTRAINT {constraint} CHECK ({column} IN ({listed}))"
    )


def upgrade() -> None:
    op.add_column("fee_record", sa.Column("voided_at", sa.DateTime(timezone=True)), schema=S)
    op.add_column("fee_record", sa.Column("payment_fingerprint", sa.String(length=64)), schema=S)
    op.create_index(
        "ix_fee_record_payment_fingerprint",
        "fee_record",
        ["payment_fingerprint"],
        schema=S,
        postgresql_where=sa.text("superseded_at IS NULL AND voided_at IS NULL"),
    )

    op.drop_constraint("uq_rebate_case_uscc_period", "rebate_case", schema=S)
    op.create_index("ix_rebate_case_uscc_period", "rebate_case", ["uscc", "period"], schema=S)
    op.create_index(
        "uq_rebate_case_unsettled",
        "rebate_case",
        ["uscc", "period"],
        unique=True,
        schema=S,
        postgresql_where=sa.text("status IN ('pending_review', 'pending_approval', 'approved')"),
    )
    op.add_column("rebate_case", sa.Column("reopened_by", sa.String(length=100)), schema=S)
    _values_check(
        "rebate_case", "casesource", "source", ("automatic", "application", "supplementary")
    )

    op.alter_column("rebate_exception", "fee_record_id", nullable=True, schema=S)
    op.add_column("rebate_exception", sa.Column("case_id", sa.Uuid()), schema=S)
    op.add_column("rebate_exception", sa.Column("payout_id", sa.Uuid()), schema=S)
    op.add_column(
        "rebate_exception",
        sa.Column(
            "resolution",
            sa.Enum(
                "rerun",
                "rematched",
                "dismissed",
                "voided",
                name="resolution",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
        ),
        schema=S,
    )
    op.add_column("rebate_exception", sa.Column("resolved_by", sa.String(length=100)), schema=S)
    op.add_column("rebate_exception", sa.Column("resolution_note", sa.String(length=500)), schema=S)
    _values_check(
        "rebate_exception",
        "exceptionreason",
        "reason",
        (
            "unmatched",
            "needs_review",
            "ineligible_size",
            "excluded",
            "outside_policy",
            "top_up_due",
            "probable_duplicate",
            "zero_refund",
            "bank_contradiction",
            "orphan_callback",
        ),
    )

    op.add_column(
        "webhook_delivery",
        sa.Column("answer", postgresql.JSONB(astext_type=sa.Text())),
        schema=S,
    )
    op.create_table(
        "bank_answer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("webhook_id", sa.String(length=200), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("payout_id", sa.Uuid(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "applied",
                "repeated",
                "contradiction",
                "orphan",
                name="callbackoutcome",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("body", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"], [f"{S}.partner.id"], name=op.f("fk_bank_answer_partner_id_partner")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_answer")),
        schema=S,
    )
    op.create_index(
        op.f("ix_bank_answer_idempotency_key"), "bank_answer", ["idempotency_key"], schema=S
    )

    _values_check("rebate_run", "runstatus", "status", ("queued", "running", "done", "failed"))
    op.add_column("rebate_run", sa.Column("lease_owner", sa.String(length=100)), schema=S)
    op.add_column("rebate_run", sa.Column("lease_expires_at", sa.DateTime(timezone=True)), schema=S)
    op.create_index(
        "uq_rebate_run_in_flight",
        "rebate_run",
        ["policy_id", "period", "region_prefix"],
        unique=True,
        schema=S,
        postgresql_where=sa.text("status IN ('queued', 'running')"),
    )

    op.add_column(
        "policy",
        sa.Column(
            "bank_rules",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            server_default=sa.text("'[]'::jsonb"),
        ),
        schema=S,
    )
    op.alter_column("policy", "bank_rules", server_default=None, schema=S)


def downgrade() -> None:
    op.drop_column("policy", "bank_rules", schema=S)
    op.drop_index("uq_rebate_run_in_flight", table_name="rebate_run", schema=S)
    op.drop_column("rebate_run", "lease_expires_at", schema=S)
    op.drop_column("rebate_run", "lease_owner", schema=S)
    _values_check("rebate_run", "runstatus", "status", ("running", "done", "failed"))
    op.drop_table("bank_answer", schema=S)
    op.drop_column("webhook_delivery", "answer", schema=S)
    for column in ("resolution_note", "resolved_by", "resolution", "payout_id", "case_id"):
        op.drop_column("rebate_exception", column, schema=S)
    op.drop_column("rebate_case", "reopened_by", schema=S)
    op.drop_index("uq_rebate_case_unsettled", table_name="rebate_case", schema=S)
    op.drop_index("ix_rebate_case_uscc_period", table_name="rebate_case", schema=S)
    op.create_unique_constraint(
        "uq_rebate_case_uscc_period", "rebate_case", ["uscc", "period"], schema=S
    )
    op.drop_index("ix_fee_record_payment_fingerprint", table_name="fee_record", schema=S)
    op.drop_column("fee_record", "payment_fingerprint", schema=S)
    op.drop_column("fee_record", "voided_at", schema=S)
