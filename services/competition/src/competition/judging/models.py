import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, UniqueConstraint, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from competition.db import Base, OrgPath, Timestamped, uuid_pk


class Judge(Timestamped, Base):
    """A judge of a competition: a membership account with the judge permission (its id is
    the token subject). `org_id` and `org_name` show where the judge comes from (the first
    organisation of the account's scope); every organisation of the scope is a `JudgeOrg`,
    and each of them decides whose entries the judge may not score."""

    __tablename__ = "judge"
    __table_args__ = (UniqueConstraint("competition_id", "subject"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    competition_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("competition.id"))
    subject: Mapped[str] = mapped_column(String(100), index=True)
    username: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    org_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    org_name: Mapped[str | None] = mapped_column(String(200))


class JudgeOrg(Base):
    """An organisation the judge's account acts for, with its current path (kept current by
    membership's organisation events)."""

    __tablename__ = "judge_org"

    judge_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("judge.id", ondelete="CASCADE"), primary_key=True
    )
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    org_path: Mapped[str] = mapped_column(OrgPath)


class PanelSeat(Base):
    """A judge on the panel of one stage of one event."""

    __tablename__ = "panel_seat"

    stage_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("stage.id", ondelete="CASCADE"), primary_key=True
    )
    judge_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("judge.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Conflict(Base):
    """A declared conflict of interest: the judge may not score the entry in any stage."""

    __tablename__ = "conflict"
    __table_args__ = (UniqueConstraint("judge_id", "entry_id"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    judge_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("judge.id"))
    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("entry.id"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    declared_by: Mapped[str] = mapped_column(String(100))
    declared_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class Assignment(Base):
    """Judge `judge_id` scores entry `entry_id` in stage `stage_id`."""

    __tablename__ = "assignment"
    __table_args__ = (Index("ix_assignment_stage_id_judge_id", "stage_id", "judge_id"),)

    stage_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("stage.id", ondelete="CASCADE"), primary_key=True
    )
    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("entry.id"), primary_key=True)
    judge_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("judge.id"), primary_key=True)
