"""member sign-in: one-time codes, throttling counters, join applications

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "membership"


def _timestamps() -> list[sa.Column[object]]:
    return [
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
    ]


def upgrade() -> None:
    op.create_table(
        "one_time_code",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("code_hash", sa.LargeBinary(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            [f"{SCHEMA}.person.id"],
            name=op.f("fk_one_time_code_person_id_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_one_time_code")),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_one_time_code_person_id"), "one_time_code", ["person_id"], schema=SCHEMA
    )
    op.create_table(
        "auth_throttle",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lockouts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_auth_throttle")),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_auth_throttle_last_failure_at"),
        "auth_throttle",
        ["last_failure_at"],
        schema=SCHEMA,
    )
    op.create_table(
        "join_application",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("invitation_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("phone_masked", sa.String(length=20), nullable=False),
        sa.Column(
            "employment_form",
            sa.Enum(
                "employee",
                "delivery_rider",
                "courier",
                "truck_driver",
                "ride_hailing_driver",
                "domestic_worker",
                "other_new_form",
                name="employmentform",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "approved",
                "dismissed",
                name="joinapplicationstate",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            [f"{SCHEMA}.invitation.id"],
            name=op.f("fk_join_application_invitation_id_invitation"),
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], [f"{SCHEMA}.org.id"], name=op.f("fk_join_application_org_id_org")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            [f"{SCHEMA}.person.id"],
            name=op.f("fk_join_application_person_id_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_join_application")),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_join_application_org_id"), "join_application", ["org_id"], schema=SCHEMA
    )
    op.create_index(
        op.f("ix_join_application_person_id"), "join_application", ["person_id"], schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_table("join_application", schema=SCHEMA)
    op.drop_table("auth_throttle", schema=SCHEMA)
    op.drop_table("one_time_code", schema=SCHEMA)
