import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ARRAY,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from competition.db import Base, OrgPath, SheetTotal, Timestamped, str_enum, uuid_pk


class CompetitionKind(enum.StrEnum):
    LABOUR = "labour"  # 劳动竞赛
    VOCATIONAL_SKILLS = "vocational_skills"  # 职业技能竞赛


class CompetitionLevel(enum.StrEnum):
    NATIONAL = "national"
    PROVINCIAL = "provincial"
    CITY = "city"
    COUNTY = "county"
    ENTERPRISE = "enterprise"


class CompetitionStatus(enum.StrEnum):
    DRAFT = "draft"
    REGISTRATION = "registration"
    RUNNING = "running"  # registration closed, stages under way
    FINALISED = "finalised"


class OrgRole(enum.StrEnum):
    HOST = "host"  # 主办
    ORGANISER = "organiser"  # 承办


class Competition(Timestamped, Base):
    __tablename__ = "competition"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[CompetitionKind] = mapped_column(str_enum(CompetitionKind))
    level: Mapped[CompetitionLevel] = mapped_column(str_enum(CompetitionLevel))
    year: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[CompetitionStatus] = mapped_column(str_enum(CompetitionStatus))
    description: Mapped[str | None] = mapped_column(String(2000))
    # Length of the public notice period (公示) that follows each publication of results.
    notice_days: Mapped[int] = mapped_column(Integer, default=5)
    # Demo contests (seeded with snapshot entrants) never send honours to membership.
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(100))
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    awarded_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class CompetitionOrg(Base):
    """A host or organising organisation, with the path membership reported for it."""

    __tablename__ = "competition_org"

    competition_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("competition.id", ondelete="CASCADE"), primary_key=True
    )
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    role: Mapped[OrgRole] = mapped_column(str_enum(OrgRole))
    org_name: Mapped[str] = mapped_column(String(200))
    org_path: Mapped[str] = mapped_column(OrgPath, index=True)


class EventFormat(enum.StrEnum):
    INDIVIDUAL = "individual"
    TEAM = "team"


class Aggregation(enum.StrEnum):
    MEAN = "mean"
    # Drops one highest and one lowest sheet when at least `trim_min_judges` judges scored.
    TRIMMED_MEAN = "trimmed_mean"


class Event(Timestamped, Base):
    """A 项目: its format, rubric, aggregation, tie-breaks and eligibility."""

    __tablename__ = "event"
    __table_args__ = (UniqueConstraint("competition_id", "name"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    competition_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("competition.id"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    format: Mapped[EventFormat] = mapped_column(str_enum(EventFormat))
    team_size: Mapped[int | None] = mapped_column(Integer)
    # Winners of vocational events become Technical Experts (技术能手).
    vocational: Mapped[bool] = mapped_column(Boolean, default=False)
    # contests.rules.Criterion as JSON, decimals as strings.
    criteria: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    # Criterion codes, in the order they break ties of the aggregated score.
    tie_breaks: Mapped[list[str]] = mapped_column(JSONB, default=list)
    aggregation: Mapped[Aggregation] = mapped_column(str_enum(Aggregation))
    trim_min_judges: Mapped[int] = mapped_column(Integer, default=5)
    judges_per_entry: Mapped[int] = mapped_column(Integer)
    # Highest minus lowest sheet total above this flags the entry for review.
    spread_threshold: Mapped[Decimal | None] = mapped_column(SheetTotal)
    eligible_employment_forms: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list)
    # Sub-trees whose members may enter: [{"id", "name", "path"}]; empty admits all.
    eligible_orgs: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class GroupKind(enum.StrEnum):
    EMPLOYEE = "employee"  # 职工组
    STUDENT = "student"  # 学生组: non-members with their school; prizes, no honours


class EventGroup(Base):
    __tablename__ = "event_group"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("event.id"), index=True)
    kind: Mapped[GroupKind] = mapped_column(str_enum(GroupKind))
    name: Mapped[str] = mapped_column(String(100))
    # contests.rules.PrizeRule / HonourRule as JSON.
    prize_rules: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    honour_rules: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)


class StageKind(enum.StrEnum):
    PRELIMINARY = "preliminary"  # 预赛
    SEMIFINAL = "semifinal"  # 半决赛
    FINAL = "final"  # 决赛


STAGE_ORDER = {kind: order for order, kind in enumerate(StageKind, start=1)}


class StageStatus(enum.StrEnum):
    PLANNED = "planned"
    SCORING = "scoring"
    RANKED = "ranked"  # results computed, embargoed
    PUBLISHED = "published"  # public notice period (公示) running
    RESCORING = "rescoring"  # an objection was upheld; published results stand meanwhile
    CLOSED = "closed"  # final; advancement or awards follow


class Stage(Base):
    __tablename__ = "stage"
    __table_args__ = (UniqueConstraint("event_id", "kind"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("event.id"), index=True)
    kind: Mapped[StageKind] = mapped_column(str_enum(StageKind))
    seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[StageStatus] = mapped_column(str_enum(StageStatus))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ranked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    notice_ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class AdvancementKind(enum.StrEnum):
    TOP_N = "top_n"
    TOP_PERCENT = "top_percent"
    THRESHOLD = "threshold"  # aggregated score at or above the value


class AdvancementRule(Base):
    """How a group's entries move from a stage to the next one."""

    __tablename__ = "advancement_rule"

    stage_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("stage.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("event_group.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[AdvancementKind] = mapped_column(str_enum(AdvancementKind))
    value: Mapped[Decimal] = mapped_column(SheetTotal)
