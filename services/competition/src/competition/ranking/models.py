import enum
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ARRAY, Boolean, DateTime, ForeignKey, Index, Integer, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from competition.db import Base, DisplayScore, SheetTotal, str_enum, uuid_pk


class Attendance(enum.StrEnum):
    COMPETING = "competing"
    NO_SHOW = "no_show"  # 缺赛: not ranked, does not advance
    WITHDRAWN = "withdrawn"  # the entry was withdrawn during the stage


class StageEntry(Base):
    """An entry taking part in a stage: every approved entry in the first stage, the
    advancing ones in each later stage."""

    __tablename__ = "stage_entry"

    stage_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("stage.id", ondelete="CASCADE"), primary_key=True
    )
    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("entry.id"), primary_key=True)
    group_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("event_group.id"))
    # The entry's blind code and standing copied here: ranking reads this table alone.
    entry_code: Mapped[str] = mapped_column(String(12))
    attendance: Mapped[Attendance] = mapped_column(str_enum(Attendance))


class StageResult(Base):
    """An entry's result in a stage, written by one set-based ranking statement.

    No foreign keys: the rows are derived, all at once, from stage_entry; checking three
    references for each of 100,000 rows cost more than ranking them (bench/RESULTS.md)."""

    __tablename__ = "stage_result"
    __table_args__ = (
        # Leaderboard pages: keyset over (rank, code) within a stage and group.
        Index("ix_stage_result_leaderboard", "stage_id", "group_id", "rank", "entry_code"),
    )

    stage_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    group_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    entry_code: Mapped[str] = mapped_column(String(12))
    judges: Mapped[int] = mapped_column(Integer)
    score: Mapped[Decimal] = mapped_column(DisplayScore)
    spread: Mapped[Decimal] = mapped_column(SheetTotal)
    flagged: Mapped[bool] = mapped_column(Boolean)
    rank: Mapped[int] = mapped_column(Integer)
    # None while a tie across the advancement boundary waits for the organisers' decision.
    advances: Mapped[bool | None] = mapped_column(Boolean)
    prize: Mapped[str | None] = mapped_column(String(16))


class TieDecision(Base):
    """A tie across a group's advancement boundary that no rule broke: the organisers say
    which of the tied entries advance."""

    __tablename__ = "tie_decision"

    id: Mapped[uuid.UUID] = uuid_pk()
    stage_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("stage.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("event_group.id"))
    rank: Mapped[int] = mapped_column(Integer)
    places: Mapped[int] = mapped_column(Integer)  # places left for the tied entries
    tied_entry_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid))
    advancing_entry_ids: Mapped[list[uuid.UUID] | None] = mapped_column(ARRAY(Uuid))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ReviewClearance(Base):
    """An organiser looked at a flagged spread and let it stand; a different spread
    (a sheet changed since) flags the entry again."""

    __tablename__ = "review_clearance"

    stage_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("stage.id", ondelete="CASCADE"), primary_key=True
    )
    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("entry.id"), primary_key=True)
    spread: Mapped[Decimal] = mapped_column(SheetTotal)
    note: Mapped[str] = mapped_column(String(500))
    cleared_by: Mapped[str] = mapped_column(String(100))
    cleared_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
