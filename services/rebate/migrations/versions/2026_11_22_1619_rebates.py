"""rebates

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:24:17.571983+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_event_hash")),
        schema="rebate",
    )
    op.create_index(
        op.f("ix_audit_event_case_id"), "audit_event", ["case_id"], unique=False, schema="rebate"
    )
    op.create_table(
        "idempotency_record",
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("body", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_idempotency_record")),
        schema="rebate",
    )
    op.create_table(
        "ledger_entry",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("txn_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("account", sa.String(length=32), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("debit", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("credit", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("fee_record_id", sa.Uuid(), nullable=True),
        sa.Column("payout_id", sa.Uuid(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("(debit = 0) <> (credit = 0)", name=op.f("ck_ledger_entry_one_side")),
        sa.CheckConstraint("debit >= 0 AND credit >= 0", name=op.f("ck_ledger_entry_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entry")),
        schema="rebate",
    )
    op.create_index(
        op.f("ix_ledger_entry_txn_id"), "ledger_entry", ["txn_id"], unique=False, schema="rebate"
    )
    op.create_index(
        "ix_ledger_entry_uscc_period",
        "ledger_entry",
        ["uscc", "period"],
        unique=False,
        schema="rebate",
    )
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("topic", sa.String(length=64), nullable=False),
        sa.Column("message_key", sa.String(length=100), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "next_attempt_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_message")),
        sa.UniqueConstraint("message_key", name=op.f("uq_outbox_message_message_key")),
        schema="rebate",
    )
    op.create_index(
        op.f("ix_outbox_message_status"),
        "outbox_message",
        ["status"],
        unique=False,
        schema="rebate",
    )
    op.create_table(
        "partner",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "tax",
                "bank",
                name="partnerkind",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="rebate",
            ),
            nullable=False,
        ),
        sa.Column("webhook_url", sa.String(length=500), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        schema="rebate",
    )
    op.create_table(
        "policy",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("policy_key", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region_prefixes", postgresql.ARRAY(sa.String(length=6)), nullable=False),
        sa.Column("period_from", sa.String(length=7), nullable=False),
        sa.Column("period_to", sa.String(length=7), nullable=False),
        sa.Column("size_classes", postgresql.ARRAY(sa.String(length=16)), nullable=False),
        sa.Column("excluded_usccs", postgresql.ARRAY(sa.String(length=18)), nullable=False),
        sa.Column("refund_ratio", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.Column("destinations", postgresql.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("review_steps", sa.Integer(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "automatic",
                "application",
                name="policymode",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="rebate",
            ),
            nullable=False,
        ),
        sa.Column("county_pool_bank", sa.String(length=100), nullable=True),
        sa.Column("county_pool_account_name", sa.String(length=200), nullable=True),
        sa.Column("county_pool_account_no_enc", sa.LargeBinary(), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy")),
        sa.UniqueConstraint("policy_key", "version", name=op.f("uq_policy_policy_key_version")),
        schema="rebate",
    )
    op.create_table(
        "fee_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("record_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("enterprise_name", sa.String(length=200), nullable=False),
        sa.Column("region_code", sa.String(length=6), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("payroll_total", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("fee_amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payer_bank", sa.String(length=100), nullable=False),
        sa.Column("payer_account_name", sa.String(length=200), nullable=False),
        sa.Column("payer_account_no_enc", sa.LargeBinary(), nullable=False),
        sa.Column("payer_account_no_masked", sa.String(length=40), nullable=False),
        sa.Column("tax_office", sa.String(length=200), nullable=False),
        sa.Column("webhook_id", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["rebate.partner.id"], name=op.f("fk_fee_record_partner_id_partner")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_record")),
        sa.UniqueConstraint(
            "partner_id",
            "record_id",
            "version",
            name=op.f("uq_fee_record_partner_id_record_id_version"),
        ),
        schema="rebate",
    )
    op.create_index(
        "ix_fee_record_period_uscc", "fee_record", ["period", "uscc"], unique=False, schema="rebate"
    )
    op.create_index(
        "uq_fee_record_current",
        "fee_record",
        ["partner_id", "record_id"],
        unique=True,
        schema="rebate",
        postgresql_where=sa.text("superseded_at IS NULL"),
    )
    op.create_table(
        "partner_secret",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("secret_enc", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["rebate.partner.id"], name=op.f("fk_partner_secret_partner_id_partner")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_secret")),
        schema="rebate",
    )
    op.create_index(
        op.f("ix_partner_secret_partner_id"),
        "partner_secret",
        ["partner_id"],
        unique=False,
        schema="rebate",
    )
    op.create_table(
        "rebate_run",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("region_prefix", sa.String(length=6), nullable=False),
        sa.Column("policy_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "running",
                "done",
                "failed",
                name="runstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="rebate",
            ),
            nullable=False,
        ),
        sa.Column("started_by", sa.String(length=100), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("enterprises_total", sa.Integer(), nullable=False),
        sa.Column("enterprises_done", sa.Integer(), nullable=False),
        sa.Column("cases_created", sa.Integer(), nullable=False),
        sa.Column("queued", sa.Integer(), nullable=False),
        sa.Column("failure", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["rebate.policy.id"], name=op.f("fk_rebate_run_policy_id_policy")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rebate_run")),
        schema="rebate",
    )
    op.create_table(
        "webhook_delivery",
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("webhook_id", sa.String(length=200), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["rebate.partner.id"],
            name=op.f("fk_webhook_delivery_partner_id_partner"),
        ),
        sa.PrimaryKeyConstraint("partner_id", "webhook_id", name=op.f("pk_webhook_delivery")),
        schema="rebate",
    )
    op.create_table(
        "rebate_case",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("enterprise_id", sa.Uuid(), nullable=True),
        sa.Column("enterprise_name", sa.String(length=200), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=True),
        sa.Column("org_path", sa.String(length=1000), nullable=False),
        sa.Column("policy_id", sa.Uuid(), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=True),
        sa.Column(
            "source",
            sa.Enum(
                "automatic",
                "application",
                name="casesource",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="rebate",
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "pending_review",
                "pending_approval",
                "approved",
                "instructed",
                "paid",
                "rejected",
                name="casestatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="rebate",
            ),
            nullable=False,
        ),
        sa.Column("collected", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("refund", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("set_off", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("has_union_account", sa.Boolean(), nullable=False),
        sa.Column("status_reason", sa.String(length=500), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["rebate.policy.id"], name=op.f("fk_rebate_case_policy_id_policy")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["rebate.rebate_run.id"], name=op.f("fk_rebate_case_run_id_rebate_run")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rebate_case")),
        sa.UniqueConstraint("uscc", "period", name=op.f("uq_rebate_case_uscc_period")),
        schema="rebate",
    )
    op.create_index(
        "ix_rebate_case_org_path",
        "rebate_case",
        ["org_path"],
        unique=False,
        schema="rebate",
        postgresql_ops={"org_path": "text_pattern_ops"},
    )
    op.create_index(
        "ix_rebate_case_period_status",
        "rebate_case",
        ["period", "status"],
        unique=False,
        schema="rebate",
    )
    op.create_table(
        "rebate_exception",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=True),
        sa.Column("fee_record_id", sa.Uuid(), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column(
            "reason",
            sa.Enum(
                "unmatched",
                "needs_review",
                "ineligible_size",
                "excluded",
                "outside_policy",
                "top_up_due",
                name="exceptionreason",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="rebate",
            ),
            nullable=False,
        ),
        sa.Column("detail", sa.String(length=500), nullable=True),
        sa.Column("org_path", sa.String(length=1000), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["fee_record_id"],
            ["rebate.fee_record.id"],
            name=op.f("fk_rebate_exception_fee_record_id_fee_record"),
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["rebate.rebate_run.id"], name=op.f("fk_rebate_exception_run_id_rebate_run")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rebate_exception")),
        schema="rebate",
    )
    op.create_index(
        op.f("ix_rebate_exception_fee_record_id"),
        "rebate_exception",
        ["fee_record_id"],
        unique=False,
        schema="rebate",
    )
    op.create_index(
        op.f("ix_rebate_exception_run_id"),
        "rebate_exception",
        ["run_id"],
        unique=False,
        schema="rebate",
    )
    op.create_table(
        "case_fee",
        sa.Column("fee_record_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["rebate.rebate_case.id"], name=op.f("fk_case_fee_case_id_rebate_case")
        ),
        sa.ForeignKeyConstraint(
            ["fee_record_id"],
            ["rebate.fee_record.id"],
            name=op.f("fk_case_fee_fee_record_id_fee_record"),
        ),
        sa.PrimaryKeyConstraint("fee_record_id", name=op.f("pk_case_fee")),
        schema="rebate",
    )
    op.create_index(
        op.f("ix_case_fee_case_id"), "case_fee", ["case_id"], unique=False, schema="rebate"
    )
    op.create_table(
        "payout",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("bank_partner_id", sa.Uuid(), nullable=False),
        sa.Column(
            "destination",
            sa.Enum(
                "union_account",
                "payer_account",
                "county_pool",
                name="destination",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="rebate",
            ),
            nullable=False,
        ),
        sa.Column("bank_name", sa.String(length=100), nullable=False),
        sa.Column("account_name", sa.String(length=200), nullable=False),
        sa.Column("account_no_enc", sa.LargeBinary(), nullable=False),
        sa.Column("account_no_masked", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "instructed",
                "paid",
                "failed",
                name="payoutstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="rebate",
            ),
            nullable=False,
        ),
        sa.Column("bank_reference", sa.String(length=100), nullable=True),
        sa.Column("failure_reason", sa.String(length=500), nullable=True),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["bank_partner_id"],
            ["rebate.partner.id"],
            name=op.f("fk_payout_bank_partner_id_partner"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["rebate.rebate_case.id"], name=op.f("fk_payout_case_id_rebate_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payout")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_payout_idempotency_key")),
        schema="rebate",
    )
    op.create_index(op.f("ix_payout_case_id"), "payout", ["case_id"], unique=False, schema="rebate")
    op.create_table(
        "review",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column(
            "step",
            sa.Enum(
                "review",
                "approval",
                name="reviewstep",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="rebate",
            ),
            nullable=False,
        ),
        sa.Column(
            "decision",
            sa.Enum(
                "approve",
                "reject",
                name="reviewdecision",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="rebate",
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["rebate.rebate_case.id"], name=op.f("fk_review_case_id_rebate_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
        schema="rebate",
    )
    op.create_index(op.f("ix_review_case_id"), "review", ["case_id"], unique=False, schema="rebate")


def downgrade() -> None:
    op.drop_index(op.f("ix_review_case_id"), table_name="review", schema="rebate")
    op.drop_table("review", schema="rebate")
    op.drop_index(op.f("ix_payout_case_id"), table_name="payout", schema="rebate")
    op.drop_table("payout", schema="rebate")
    op.drop_index(op.f("ix_case_fee_case_id"), table_name="case_fee", schema="rebate")
    op.drop_table("case_fee", schema="rebate")
    op.drop_index(
        op.f("ix_rebate_exception_run_id"), table_name="rebate_exception", schema="rebate"
    )
    op.drop_index(
        op.f("ix_rebate_exception_fee_record_id"), table_name="rebate_exception", schema="rebate"
    )
    op.drop_table("rebate_exception", schema="rebate")
    op.drop_index("ix_rebate_case_period_status", table_name="rebate_case", schema="rebate")
    op.drop_index(
        "ix_rebate_case_org_path",
        table_name="rebate_case",
        schema="rebate",
        postgresql_ops={"org_path": "text_pattern_ops"},
    )
    op.drop_table("rebate_case", schema="rebate")
    op.drop_table("webhook_delivery", schema="rebate")
    op.drop_table("rebate_run", schema="rebate")
    op.drop_index(
        op.f("ix_partner_secret_partner_id"), table_name="partner_secret", schema="rebate"
    )
    op.drop_table("partner_secret", schema="rebate")
    op.drop_index(
        "uq_fee_record_current",
        table_name="fee_record",
        schema="rebate",
        postgresql_where=sa.text("superseded_at IS NULL"),
    )
    op.drop_index("ix_fee_record_period_uscc", table_name="fee_record", schema="rebate")
    op.drop_table("fee_record", schema="rebate")
    op.drop_table("policy", schema="rebate")
    op.drop_table("partner", schema="rebate")
    op.drop_index(op.f("ix_outbox_message_status"), table_name="outbox_message", schema="rebate")
    op.drop_table("outbox_message", schema="rebate")
    op.drop_index("ix_ledger_entry_uscc_period", table_name="ledger_entry", schema="rebate")
    op.drop_index(op.f("ix_ledger_entry_txn_id"), table_name="ledger_entry", schema="rebate")
    op.drop_table("ledger_entry", schema="rebate")
    op.drop_table("idempotency_record", schema="rebate")
    op.drop_index(op.f("ix_audit_event_case_id"), table_name="audit_event", schema="rebate")
    op.drop_table("audit_event", schema="rebate")
