"""authority and register

Named permissions of service clients (`grant_honours`); the outbox of organisation events
to subscribing services; services given to workers, counted in the sub-tree tallies; the
reviews that clear a flagged credit code.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "membership"


def _timestamps() -> list[sa.Column[sa.DateTime]]:
    return [
        sa.Column(name, sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)
        for name in ("created_at", "updated_at")
    ]


def upgrade() -> None:
    op.add_column(
        "service_client",
        sa.Column(
            "permissions",
            postgresql.ARRAY(sa.String(length=64)),
            server_default=sa.text("'{}'"),
            nullable=False,
        ),
        schema=SCHEMA,
    )
    op.add_column(
        "org_subtree_tally",
        sa.Column("services", sa.Integer(), server_default=sa.text("0"), nullable=False),
        schema=SCHEMA,
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
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_outbox_message_status"),
        "outbox_message",
        ["status"],
        unique=False,
        schema=SCHEMA,
    )
    op.create_table(
        "service_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "legal_aid",
                "gift",
                "health_check",
                "training",
                "other",
                name="servicekind",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema=SCHEMA,
            ),
            nullable=False,
        ),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("served_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["org_id"], ["membership.org.id"], name=op.f("fk_service_record_org_id_org")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["membership.person.id"],
            name=op.f("fk_service_record_person_id_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_record")),
        schema=SCHEMA,
    )
    for column in ("person_id", "org_id"):
        op.create_index(
            op.f(f"ix_service_record_{column}"),
            "service_record",
            [column],
            unique=False,
            schema=SCHEMA,
        )
    op.create_table(
        "enterprise_review",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("enterprise_id", sa.Uuid(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_by", sa.String(length=100), nullable=False),
        sa.Column("uscc_before", sa.String(length=18), nullable=False),
        sa.Column("uscc_after", sa.String(length=18), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["membership.enterprise.id"],
            name=op.f("fk_enterprise_review_enterprise_id_enterprise"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_review")),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_enterprise_review_enterprise_id"),
        "enterprise_review",
        ["enterprise_id"],
        unique=False,
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("enterprise_review", schema=SCHEMA)
    op.drop_table("service_record", schema=SCHEMA)
    op.drop_table("outbox_message", schema=SCHEMA)
    op.drop_column("org_subtree_tally", "services", schema=SCHEMA)
    op.drop_column("service_client", "permissions", schema=SCHEMA)
