"""union register

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 15:38:06.170246+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import membership.db

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("membership_no_seq", schema="membership")))
    op.create_table(
        "org",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("path", membership.db.Ltree(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "federation",
                "grassroots",
                "group",
                "industry_union",
                "industry_federation",
                name="orgkind",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column(
            "level",
            sa.Enum(
                "national",
                "provincial",
                "city",
                "county",
                "street",
                "grassroots",
                "group",
                name="orglevel",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region_code", sa.String(length=6), nullable=False),
        sa.Column("new_form", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "closed",
                name="orgstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
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
            ["parent_id"], ["membership.org.id"], name=op.f("fk_org_parent_id_org")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org")),
        sa.UniqueConstraint("path", name=op.f("uq_org_path")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_org_parent_id"), "org", ["parent_id"], unique=False, schema="membership"
    )
    op.create_index(
        "ix_org_path_gist",
        "org",
        ["path"],
        unique=False,
        schema="membership",
        postgresql_using="gist",
    )
    op.create_table(
        "enterprise",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region_code", sa.String(length=6), nullable=False),
        sa.Column(
            "size_class",
            sa.Enum(
                "micro",
                "small",
                "medium",
                "large",
                name="sizeclass",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column("affiliated_org_id", sa.Uuid(), nullable=False),
        sa.Column("union_org_id", sa.Uuid(), nullable=True),
        sa.Column("union_bank_name", sa.String(length=100), nullable=True),
        sa.Column("union_account_name", sa.String(length=200), nullable=True),
        sa.Column("union_account_no_enc", sa.LargeBinary(), nullable=True),
        sa.Column("union_account_no_masked", sa.String(length=40), nullable=True),
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
            ["affiliated_org_id"],
            ["membership.org.id"],
            name=op.f("fk_enterprise_affiliated_org_id_org"),
        ),
        sa.ForeignKeyConstraint(
            ["union_org_id"], ["membership.org.id"], name=op.f("fk_enterprise_union_org_id_org")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise")),
        sa.UniqueConstraint("uscc", name=op.f("uq_enterprise_uscc")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_enterprise_affiliated_org_id"),
        "enterprise",
        ["affiliated_org_id"],
        unique=False,
        schema="membership",
    )
    op.create_table(
        "import_job",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "running",
                "done",
                "failed",
                name="importstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column("total_rows", sa.Integer(), nullable=False),
        sa.Column("created_rows", sa.Integer(), nullable=False),
        sa.Column("unchanged_rows", sa.Integer(), nullable=False),
        sa.Column("error_rows", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failure", sa.String(length=500), nullable=True),
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
            ["org_id"], ["membership.org.id"], name=op.f("fk_import_job_org_id_org")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_job")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_import_job_org_id"), "import_job", ["org_id"], unique=False, schema="membership"
    )
    op.create_table(
        "invitation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=43), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("max_uses", sa.Integer(), nullable=True),
        sa.Column("use_count", sa.Integer(), nullable=False),
        sa.Column("auto_approve", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
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
            ["org_id"], ["membership.org.id"], name=op.f("fk_invitation_org_id_org")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("code", name=op.f("uq_invitation_code")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_invitation_org_id"), "invitation", ["org_id"], unique=False, schema="membership"
    )
    op.create_table(
        "org_monthly_joins",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("joins", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"], ["membership.org.id"], name=op.f("fk_org_monthly_joins_org_id_org")
        ),
        sa.PrimaryKeyConstraint("org_id", "month", name=op.f("pk_org_monthly_joins")),
        schema="membership",
    )
    op.create_table(
        "org_tally",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("new_form_members", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"], ["membership.org.id"], name=op.f("fk_org_tally_org_id_org")
        ),
        sa.PrimaryKeyConstraint("org_id", name=op.f("pk_org_tally")),
        schema="membership",
    )
    op.create_table(
        "enterprise_affiliation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("enterprise_id", sa.Uuid(), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["membership.enterprise.id"],
            name=op.f("fk_enterprise_affiliation_enterprise_id_enterprise"),
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["membership.org.id"], name=op.f("fk_enterprise_affiliation_org_id_org")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_affiliation")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_enterprise_affiliation_enterprise_id"),
        "enterprise_affiliation",
        ["enterprise_id"],
        unique=False,
        schema="membership",
    )
    op.create_table(
        "import_row_error",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["membership.import_job.id"],
            name=op.f("fk_import_row_error_job_id_import_job"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_row_error")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_import_row_error_job_id"),
        "import_row_error",
        ["job_id"],
        unique=False,
        schema="membership",
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("id_number_enc", sa.LargeBinary(), nullable=False),
        sa.Column("id_number_index", sa.LargeBinary(), nullable=False),
        sa.Column("id_number_masked", sa.String(length=18), nullable=False),
        sa.Column("phone_enc", sa.LargeBinary(), nullable=True),
        sa.Column("phone_index", sa.LargeBinary(), nullable=True),
        sa.Column("phone_masked", sa.String(length=20), nullable=True),
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
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column("employer_id", sa.Uuid(), nullable=True),
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
            ["employer_id"],
            ["membership.enterprise.id"],
            name=op.f("fk_person_employer_id_enterprise"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("id_number_index", name=op.f("uq_person_id_number_index")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_person_phone_index"), "person", ["phone_index"], unique=False, schema="membership"
    )
    op.create_table(
        "honour",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "may_day_labour_medal",
                "worker_pioneer",
                "technical_expert",
                "model_worker",
                "craftsman",
                name="honourkind",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column(
            "level",
            sa.Enum(
                "national",
                "provincial",
                "city",
                "county",
                "enterprise",
                name="honourlevel",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("team_name", sa.String(length=200), nullable=True),
        sa.Column("awarded_on", sa.Date(), nullable=False),
        sa.Column("granted_by", sa.String(length=100), nullable=False),
        sa.Column("granting_org_id", sa.Uuid(), nullable=True),
        sa.Column("source_ref", sa.String(length=200), nullable=True),
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
            ["granting_org_id"], ["membership.org.id"], name=op.f("fk_honour_granting_org_id_org")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["membership.person.id"], name=op.f("fk_honour_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_honour")),
        sa.UniqueConstraint("source_ref", name=op.f("uq_honour_source_ref")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_honour_person_id"), "honour", ["person_id"], unique=False, schema="membership"
    )
    op.create_table(
        "member",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("membership_no", sa.String(length=16), nullable=False),
        sa.Column("card_no", sa.String(length=20), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "service_recipient",
                "applied",
                "active",
                "transferring",
                "suspended",
                "withdrawn",
                "rejected",
                name="memberstate",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "qr_code",
                "service_point",
                "bulk_import",
                "transfer",
                name="joinchannel",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column("joined_on", sa.Date(), nullable=True),
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
            ["org_id"], ["membership.org.id"], name=op.f("fk_member_org_id_org")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["membership.person.id"], name=op.f("fk_member_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("card_no", name=op.f("uq_member_card_no")),
        sa.UniqueConstraint("membership_no", name=op.f("uq_member_membership_no")),
        sa.UniqueConstraint("person_id", name=op.f("uq_member_person_id")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_member_org_id"), "member", ["org_id"], unique=False, schema="membership"
    )
    op.create_table(
        "affiliation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["membership.member.id"], name=op.f("fk_affiliation_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["membership.org.id"], name=op.f("fk_affiliation_org_id_org")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_affiliation")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_affiliation_member_id"),
        "affiliation",
        ["member_id"],
        unique=False,
        schema="membership",
    )
    op.create_index(
        op.f("ix_affiliation_org_id"), "affiliation", ["org_id"], unique=False, schema="membership"
    )
    op.create_index(
        "uq_affiliation_open",
        "affiliation",
        ["member_id"],
        unique=True,
        schema="membership",
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.create_table(
        "member_event",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("from_state", sa.String(length=32), nullable=True),
        sa.Column("to_state", sa.String(length=32), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["membership.member.id"], name=op.f("fk_member_event_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["membership.org.id"], name=op.f("fk_member_event_org_id_org")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_event")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_member_event_member_id"),
        "member_event",
        ["member_id"],
        unique=False,
        schema="membership",
    )
    op.create_table(
        "transfer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("from_org_id", sa.Uuid(), nullable=False),
        sa.Column("to_org_id", sa.Uuid(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "approved",
                "rejected",
                "cancelled",
                name="transferstate",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="membership",
            ),
            nullable=False,
        ),
        sa.Column("requested_by", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.String(length=500), nullable=True),
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
            ["from_org_id"], ["membership.org.id"], name=op.f("fk_transfer_from_org_id_org")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["membership.member.id"], name=op.f("fk_transfer_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["to_org_id"], ["membership.org.id"], name=op.f("fk_transfer_to_org_id_org")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer")),
        schema="membership",
    )
    op.create_index(
        op.f("ix_transfer_member_id"), "transfer", ["member_id"], unique=False, schema="membership"
    )
    op.create_index(
        op.f("ix_transfer_to_org_id"), "transfer", ["to_org_id"], unique=False, schema="membership"
    )
    op.create_index(
        "uq_transfer_pending",
        "transfer",
        ["member_id"],
        unique=True,
        schema="membership",
        postgresql_where=sa.text("state = 'pending'"),
    )
    op.add_column("account", sa.Column("person_id", sa.Uuid(), nullable=True), schema="membership")
    op.create_unique_constraint(
        op.f("uq_account_person_id"), "account", ["person_id"], schema="membership"
    )
    op.create_foreign_key(
        op.f("fk_account_person_id_person"),
        "account",
        "person",
        ["person_id"],
        ["id"],
        source_schema="membership",
        referent_schema="membership",
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("fk_account_person_id_person"), "account", schema="membership", type_="foreignkey"
    )
    op.drop_constraint(op.f("uq_account_person_id"), "account", schema="membership", type_="unique")
    op.drop_column("account", "person_id", schema="membership")
    op.drop_index(
        "uq_transfer_pending",
        table_name="transfer",
        schema="membership",
        postgresql_where=sa.text("state = 'pending'"),
    )
    op.drop_index(op.f("ix_transfer_to_org_id"), table_name="transfer", schema="membership")
    op.drop_index(op.f("ix_transfer_member_id"), table_name="transfer", schema="membership")
    op.drop_table("transfer", schema="membership")
    op.drop_index(op.f("ix_member_event_member_id"), table_name="member_event", schema="membership")
    op.drop_table("member_event", schema="membership")
    op.drop_index(
        "uq_affiliation_open",
        table_name="affiliation",
        schema="membership",
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.drop_index(op.f("ix_affiliation_org_id"), table_name="affiliation", schema="membership")
    op.drop_index(op.f("ix_affiliation_member_id"), table_name="affiliation", schema="membership")
    op.drop_table("affiliation", schema="membership")
    op.drop_index(op.f("ix_member_org_id"), table_name="member", schema="membership")
    op.drop_table("member", schema="membership")
    op.drop_index(op.f("ix_honour_person_id"), table_name="honour", schema="membership")
    op.drop_table("honour", schema="membership")
    op.drop_index(op.f("ix_person_phone_index"), table_name="person", schema="membership")
    op.drop_table("person", schema="membership")
    op.drop_index(
        op.f("ix_import_row_error_job_id"), table_name="import_row_error", schema="membership"
    )
    op.drop_table("import_row_error", schema="membership")
    op.drop_index(
        op.f("ix_enterprise_affiliation_enterprise_id"),
        table_name="enterprise_affiliation",
        schema="membership",
    )
    op.drop_table("enterprise_affiliation", schema="membership")
    op.drop_table("org_tally", schema="membership")
    op.drop_table("org_monthly_joins", schema="membership")
    op.drop_index(op.f("ix_invitation_org_id"), table_name="invitation", schema="membership")
    op.drop_table("invitation", schema="membership")
    op.drop_index(op.f("ix_import_job_org_id"), table_name="import_job", schema="membership")
    op.drop_table("import_job", schema="membership")
    op.drop_index(
        op.f("ix_enterprise_affiliated_org_id"), table_name="enterprise", schema="membership"
    )
    op.drop_table("enterprise", schema="membership")
    op.drop_index(
        "ix_org_path_gist", table_name="org", schema="membership", postgresql_using="gist"
    )
    op.drop_index(op.f("ix_org_parent_id"), table_name="org", schema="membership")
    op.drop_table("org", schema="membership")
    op.execute(sa.schema.DropSequence(sa.Sequence("membership_no_seq", schema="membership")))
