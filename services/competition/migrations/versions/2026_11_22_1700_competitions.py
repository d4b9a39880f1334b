"""Competitions: events, groups, stages, entries, judges, score sheets, results,
objections, awards and honour grants, the outbox and idempotency keys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 18:11:55.913037+00:00
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
        "competition",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "labour",
                "vocational_skills",
                name="competitionkind",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
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
                name="competitionlevel",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "registration",
                "running",
                "finalised",
                name="competitionstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("notice_days", sa.Integer(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("awarded_on", sa.Date(), nullable=True),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competition")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_competition_year"), "competition", ["year"], unique=False, schema="competition"
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
        schema="competition",
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
        schema="competition",
    )
    op.create_index(
        op.f("ix_outbox_message_status"),
        "outbox_message",
        ["status"],
        unique=False,
        schema="competition",
    )
    op.create_table(
        "stage_result",
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("entry_code", sa.String(length=12), nullable=False),
        sa.Column("judges", sa.Integer(), nullable=False),
        sa.Column("score", sa.Numeric(precision=20, scale=4), nullable=False),
        sa.Column("spread", sa.Numeric(precision=20, scale=5), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("advances", sa.Boolean(), nullable=True),
        sa.Column("prize", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("stage_id", "entry_id", name=op.f("pk_stage_result")),
        schema="competition",
    )
    op.create_index(
        "ix_stage_result_leaderboard",
        "stage_result",
        ["stage_id", "group_id", "rank", "entry_code"],
        unique=False,
        schema="competition",
    )
    op.create_table(
        "competition_org",
        sa.Column("competition_id", sa.Uuid(), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "host",
                "organiser",
                name="orgrole",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("org_name", sa.String(length=200), nullable=False),
        sa.Column("org_path", sa.String(length=1000, collation="C"), nullable=False),
        sa.ForeignKeyConstraint(
            ["competition_id"],
            ["competition.competition.id"],
            name=op.f("fk_competition_org_competition_id_competition"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("competition_id", "org_id", name=op.f("pk_competition_org")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_competition_org_org_path"),
        "competition_org",
        ["org_path"],
        unique=False,
        schema="competition",
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("competition_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "format",
            sa.Enum(
                "individual",
                "team",
                name="eventformat",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("team_size", sa.Integer(), nullable=True),
        sa.Column("vocational", sa.Boolean(), nullable=False),
        sa.Column("criteria", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("tie_breaks", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "aggregation",
            sa.Enum(
                "mean",
                "trimmed_mean",
                name="aggregation",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("trim_min_judges", sa.Integer(), nullable=False),
        sa.Column("judges_per_entry", sa.Integer(), nullable=False),
        sa.Column("spread_threshold", sa.Numeric(precision=20, scale=5), nullable=True),
        sa.Column("eligible_employment_forms", sa.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("eligible_orgs", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
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
            ["competition_id"],
            ["competition.competition.id"],
            name=op.f("fk_event_competition_id_competition"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("competition_id", "name", name=op.f("uq_event_competition_id_name")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_event_competition_id"),
        "event",
        ["competition_id"],
        unique=False,
        schema="competition",
    )
    op.create_table(
        "judge",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("competition_id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("org_name", sa.String(length=200), nullable=False),
        sa.Column("org_path", sa.String(length=1000, collation="C"), nullable=False),
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
            ["competition_id"],
            ["competition.competition.id"],
            name=op.f("fk_judge_competition_id_competition"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_judge")),
        sa.UniqueConstraint(
            "competition_id", "subject", name=op.f("uq_judge_competition_id_subject")
        ),
        schema="competition",
    )
    op.create_index(
        op.f("ix_judge_subject"), "judge", ["subject"], unique=False, schema="competition"
    )
    op.create_table(
        "event_group",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "employee",
                "student",
                name="groupkind",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prize_rules", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("honour_rules", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["competition.event.id"], name=op.f("fk_event_group_event_id_event")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_group")),
        sa.UniqueConstraint("event_id", "name", name=op.f("uq_event_group_event_id_name")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_event_group_event_id"),
        "event_group",
        ["event_id"],
        unique=False,
        schema="competition",
    )
    op.create_table(
        "stage",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "preliminary",
                "semifinal",
                "final",
                name="stagekind",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "scoring",
                "ranked",
                "published",
                "rescoring",
                "closed",
                name="stagestatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ranked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notice_ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["competition.event.id"], name=op.f("fk_stage_event_id_event")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage")),
        sa.UniqueConstraint("event_id", "kind", name=op.f("uq_stage_event_id_kind")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_stage_event_id"), "stage", ["event_id"], unique=False, schema="competition"
    )
    op.create_table(
        "advancement_rule",
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "top_n",
                "top_percent",
                "threshold",
                name="advancementkind",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("value", sa.Numeric(precision=20, scale=5), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["competition.event_group.id"],
            name=op.f("fk_advancement_rule_group_id_event_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["competition.stage.id"],
            name=op.f("fk_advancement_rule_stage_id_stage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stage_id", "group_id", name=op.f("pk_advancement_rule")),
        schema="competition",
    )
    op.create_table(
        "entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("competition_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column(
            "format",
            sa.Enum(
                "individual",
                "team",
                name="eventformat",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "rejected",
                "withdrawn",
                name="entrystatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("org_id", sa.Uuid(), nullable=True),
        sa.Column("org_name", sa.String(length=200), nullable=True),
        sa.Column("org_path", sa.String(length=1000, collation="C"), nullable=True),
        sa.Column("school", sa.String(length=200), nullable=True),
        sa.Column("registered_by", sa.String(length=100), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.String(length=500), nullable=True),
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
            ["competition_id"],
            ["competition.competition.id"],
            name=op.f("fk_entry_competition_id_competition"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["competition.event.id"], name=op.f("fk_entry_event_id_event")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["competition.event_group.id"], name=op.f("fk_entry_group_id_event_group")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry")),
        sa.UniqueConstraint("competition_id", "code", name=op.f("uq_entry_competition_id_code")),
        schema="competition",
    )
    op.create_index(
        "ix_entry_event_id_group_id_status",
        "entry",
        ["event_id", "group_id", "status"],
        unique=False,
        schema="competition",
    )
    op.create_index(
        op.f("ix_entry_org_path"), "entry", ["org_path"], unique=False, schema="competition"
    )
    op.create_table(
        "panel_seat",
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("judge_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["judge_id"],
            ["competition.judge.id"],
            name=op.f("fk_panel_seat_judge_id_judge"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["competition.stage.id"],
            name=op.f("fk_panel_seat_stage_id_stage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stage_id", "judge_id", name=op.f("pk_panel_seat")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_panel_seat_judge_id"),
        "panel_seat",
        ["judge_id"],
        unique=False,
        schema="competition",
    )
    op.create_table(
        "tie_decision",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("tied_entry_ids", sa.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("advancing_entry_ids", sa.ARRAY(sa.Uuid()), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["competition.event_group.id"],
            name=op.f("fk_tie_decision_group_id_event_group"),
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["competition.stage.id"],
            name=op.f("fk_tie_decision_stage_id_stage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tie_decision")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_tie_decision_stage_id"),
        "tie_decision",
        ["stage_id"],
        unique=False,
        schema="competition",
    )
    op.create_table(
        "assignment",
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("judge_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["competition.entry.id"], name=op.f("fk_assignment_entry_id_entry")
        ),
        sa.ForeignKeyConstraint(
            ["judge_id"], ["competition.judge.id"], name=op.f("fk_assignment_judge_id_judge")
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["competition.stage.id"],
            name=op.f("fk_assignment_stage_id_stage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stage_id", "entry_id", "judge_id", name=op.f("pk_assignment")),
        schema="competition",
    )
    op.create_index(
        "ix_assignment_stage_id_judge_id",
        "assignment",
        ["stage_id", "judge_id"],
        unique=False,
        schema="competition",
    )
    op.create_table(
        "award",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("competition_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column(
            "prize",
            sa.Enum(
                "special",
                "first",
                "second",
                "third",
                "excellence",
                name="prize",
                native_enum=False,
                create_constraint=True,
                length=16,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["competition_id"],
            ["competition.competition.id"],
            name=op.f("fk_award_competition_id_competition"),
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["competition.entry.id"], name=op.f("fk_award_entry_id_entry")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["competition.event.id"], name=op.f("fk_award_event_id_event")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["competition.event_group.id"], name=op.f("fk_award_group_id_event_group")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award")),
        sa.UniqueConstraint("entry_id", name=op.f("uq_award_entry_id")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_award_competition_id"),
        "award",
        ["competition_id"],
        unique=False,
        schema="competition",
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("judge_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("declared_by", sa.String(length=100), nullable=False),
        sa.Column(
            "declared_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["competition.entry.id"], name=op.f("fk_conflict_entry_id_entry")
        ),
        sa.ForeignKeyConstraint(
            ["judge_id"], ["competition.judge.id"], name=op.f("fk_conflict_judge_id_judge")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
        sa.UniqueConstraint("judge_id", "entry_id", name=op.f("uq_conflict_judge_id_entry_id")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_conflict_entry_id"), "conflict", ["entry_id"], unique=False, schema="competition"
    )
    op.create_table(
        "objection",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("lodged_for_entry_id", sa.Uuid(), nullable=False),
        sa.Column("lodged_by", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "lodged",
                "upheld",
                "dismissed",
                "resolved",
                name="objectionstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.String(length=2000), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
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
            ["entry_id"], ["competition.entry.id"], name=op.f("fk_objection_entry_id_entry")
        ),
        sa.ForeignKeyConstraint(
            ["lodged_for_entry_id"],
            ["competition.entry.id"],
            name=op.f("fk_objection_lodged_for_entry_id_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"], ["competition.stage.id"], name=op.f("fk_objection_stage_id_stage")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objection")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_objection_stage_id"), "objection", ["stage_id"], unique=False, schema="competition"
    )
    op.create_table(
        "participant",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("competition_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "approved",
                "rejected",
                "withdrawn",
                name="entrystatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("membership_no", sa.String(length=16), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("employment_form", sa.String(length=32), nullable=True),
        sa.Column("org_id", sa.Uuid(), nullable=True),
        sa.Column("org_name", sa.String(length=200), nullable=True),
        sa.Column("org_path", sa.String(length=1000, collation="C"), nullable=True),
        sa.Column("school", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["competition.entry.id"],
            name=op.f("fk_participant_entry_id_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_participant_entry_id"),
        "participant",
        ["entry_id"],
        unique=False,
        schema="competition",
    )
    op.create_index(
        "ix_participant_org_path_year",
        "participant",
        ["org_path", "year"],
        unique=False,
        schema="competition",
        postgresql_include=["state", "competition_id", "seq"],
    )
    op.create_index(
        op.f("ix_participant_person_id"),
        "participant",
        ["person_id"],
        unique=False,
        schema="competition",
    )
    op.create_index(
        "uq_participant_event_id_membership_no",
        "participant",
        ["event_id", "membership_no"],
        unique=True,
        schema="competition",
        postgresql_where=sa.text("state IN ('pending', 'approved')"),
    )
    op.create_table(
        "review_clearance",
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("spread", sa.Numeric(precision=20, scale=5), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("cleared_by", sa.String(length=100), nullable=False),
        sa.Column(
            "cleared_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["competition.entry.id"], name=op.f("fk_review_clearance_entry_id_entry")
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["competition.stage.id"],
            name=op.f("fk_review_clearance_stage_id_stage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stage_id", "entry_id", name=op.f("pk_review_clearance")),
        schema="competition",
    )
    op.create_table(
        "score_sheet",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("judge_id", sa.Uuid(), nullable=False),
        sa.Column("marks", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("total", sa.Numeric(precision=20, scale=5), nullable=True),
        sa.Column(
            "total_units",
            sa.BigInteger(),
            sa.Computed("CAST(total * 100000 AS bigint)", persisted=True),
            nullable=True,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "void",
                name="sheetstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["competition.entry.id"], name=op.f("fk_score_sheet_entry_id_entry")
        ),
        sa.ForeignKeyConstraint(
            ["judge_id"], ["competition.judge.id"], name=op.f("fk_score_sheet_judge_id_judge")
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"], ["competition.stage.id"], name=op.f("fk_score_sheet_stage_id_stage")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_sheet")),
        sa.UniqueConstraint(
            "stage_id",
            "entry_id",
            "judge_id",
            name=op.f("uq_score_sheet_stage_id_entry_id_judge_id"),
        ),
        schema="competition",
    )
    op.create_index(
        op.f("ix_score_sheet_judge_id"),
        "score_sheet",
        ["judge_id"],
        unique=False,
        schema="competition",
    )
    op.create_table(
        "stage_entry",
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("entry_code", sa.String(length=12), nullable=False),
        sa.Column(
            "attendance",
            sa.Enum(
                "competing",
                "no_show",
                "withdrawn",
                name="attendance",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["competition.entry.id"], name=op.f("fk_stage_entry_entry_id_entry")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["competition.event_group.id"],
            name=op.f("fk_stage_entry_group_id_event_group"),
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["competition.stage.id"],
            name=op.f("fk_stage_entry_stage_id_stage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stage_id", "entry_id", name=op.f("pk_stage_entry")),
        schema="competition",
    )
    op.create_table(
        "honour_grant",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("award_id", sa.Uuid(), nullable=False),
        sa.Column("membership_no", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "may_day_labour_medal",
                "worker_pioneer",
                "technical_expert",
                name="honourkind",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("team_name", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "skipped",
                name="grantstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
                schema="competition",
            ),
            nullable=False,
        ),
        sa.Column("message_key", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["award_id"], ["competition.award.id"], name=op.f("fk_honour_grant_award_id_award")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_honour_grant")),
        sa.UniqueConstraint(
            "award_id",
            "membership_no",
            "kind",
            name=op.f("uq_honour_grant_award_id_membership_no_kind"),
        ),
        schema="competition",
    )
    op.create_table(
        "score_change",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("sheet_id", sa.Uuid(), nullable=False),
        sa.Column("before", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("after", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column(
            "changed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["sheet_id"],
            ["competition.score_sheet.id"],
            name=op.f("fk_score_change_sheet_id_score_sheet"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_change")),
        schema="competition",
    )
    op.create_index(
        op.f("ix_score_change_sheet_id"),
        "score_change",
        ["sheet_id"],
        unique=False,
        schema="competition",
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_score_change_sheet_id"), table_name="score_change", schema="competition")
    op.drop_table("score_change", schema="competition")
    op.drop_table("honour_grant", schema="competition")
    op.drop_table("stage_entry", schema="competition")
    op.drop_index(op.f("ix_score_sheet_judge_id"), table_name="score_sheet", schema="competition")
    op.drop_table("score_sheet", schema="competition")
    op.drop_table("review_clearance", schema="competition")
    op.drop_index(
        "uq_participant_event_id_membership_no",
        table_name="participant",
        schema="competition",
        postgresql_where=sa.text("state IN ('pending', 'approved')"),
    )
    op.drop_index(op.f("ix_participant_person_id"), table_name="participant", schema="competition")
    op.drop_index(
        "ix_participant_org_path_year",
        table_name="participant",
        schema="competition",
        postgresql_include=["state", "competition_id", "seq"],
    )
    op.drop_index(op.f("ix_participant_entry_id"), table_name="participant", schema="competition")
    op.drop_table("participant", schema="competition")
    op.drop_index(op.f("ix_objection_stage_id"), table_name="objection", schema="competition")
    op.drop_table("objection", schema="competition")
    op.drop_index(op.f("ix_conflict_entry_id"), table_name="conflict", schema="competition")
    op.drop_table("conflict", schema="competition")
    op.drop_index(op.f("ix_award_competition_id"), table_name="award", schema="competition")
    op.drop_table("award", schema="competition")
    op.drop_index("ix_assignment_stage_id_judge_id", table_name="assignment", schema="competition")
    op.drop_table("assignment", schema="competition")
    op.drop_index(op.f("ix_tie_decision_stage_id"), table_name="tie_decision", schema="competition")
    op.drop_table("tie_decision", schema="competition")
    op.drop_index(op.f("ix_panel_seat_judge_id"), table_name="panel_seat", schema="competition")
    op.drop_table("panel_seat", schema="competition")
    op.drop_index(op.f("ix_entry_org_path"), table_name="entry", schema="competition")
    op.drop_index("ix_entry_event_id_group_id_status", table_name="entry", schema="competition")
    op.drop_table("entry", schema="competition")
    op.drop_table("advancement_rule", schema="competition")
    op.drop_index(op.f("ix_stage_event_id"), table_name="stage", schema="competition")
    op.drop_table("stage", schema="competition")
    op.drop_index(op.f("ix_event_group_event_id"), table_name="event_group", schema="competition")
    op.drop_table("event_group", schema="competition")
    op.drop_index(op.f("ix_judge_subject"), table_name="judge", schema="competition")
    op.drop_table("judge", schema="competition")
    op.drop_index(op.f("ix_event_competition_id"), table_name="event", schema="competition")
    op.drop_table("event", schema="competition")
    op.drop_index(
        op.f("ix_competition_org_org_path"), table_name="competition_org", schema="competition"
    )
    op.drop_table("competition_org", schema="competition")
    op.drop_index("ix_stage_result_leaderboard", table_name="stage_result", schema="competition")
    op.drop_table("stage_result", schema="competition")
    op.drop_index(
        op.f("ix_outbox_message_status"), table_name="outbox_message", schema="competition"
    )
    op.drop_table("outbox_message", schema="competition")
    op.drop_table("idempotency_record", schema="competition")
    op.drop_index(op.f("ix_competition_year"), table_name="competition", schema="competition")
    op.drop_table("competition", schema="competition")
