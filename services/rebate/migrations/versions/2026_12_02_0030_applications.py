"""applications: enterprises apply for a period under an application policy

The application (its contact phone and the account it names encrypted, both also kept masked)
points to the case it became; a payout may go to the account the applicant named.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 00:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "rebate"
DESTINATIONS = ("union_account", "payer_account", "county_pool")


def _destination_check(values: Sequence[str]) -> None:
    listed = ", ".join(f"'{v}'" for v in values)
    op.execute(f"ALTER TABLE {S}.payout DROP CONSTRAINT IF EXISTS ck_payout_destination")
    op.execute(
        f"ALTER TABLE {S}.payout ADD CONSTRAINT ck_payout_destination"
        f" CHECK (destination IN ({listed}))"
    )


def upgrade() -> None:
    op.create_table(
        "application",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("policy_id", sa.Uuid(), nullable=False),
        sa.Column("contact_name", sa.String(length=100), nullable=False),
        sa.Column("contact_phone_enc", sa.LargeBinary(), nullable=False),
        sa.Column("contact_phone_masked", sa.String(length=20), nullable=False),
        sa.Column("bank", sa.String(length=100), nullable=True),
        sa.Column("account_name", sa.String(length=200), nullable=True),
        sa.Column("account_no_enc", sa.LargeBinary(), nullable=True),
        sa.Column("account_no_masked", sa.String(length=40), nullable=True),
        sa.Column("applied_by", sa.String(length=100), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            [f"{S}.rebate_case.id"],
            name=op.f("fk_application_case_id_rebate_case"),
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"], [f"{S}.policy.id"], name=op.f("fk_application_policy_id_policy")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application")),
        sa.UniqueConstraint("case_id", name=op.f("uq_application_case_id")),
        schema=S,
    )
    op.create_index(
        "ix_application_uscc_period", "application", ["uscc", "period"], unique=False, schema=S
    )
    _destination_check((*DESTINATIONS, "applicant_account"))


def downgrade() -> None:
    _destination_check(DESTINATIONS)
    op.drop_index("ix_application_uscc_period", table_name="application", schema=S)
    op.drop_table("application", schema=S)
