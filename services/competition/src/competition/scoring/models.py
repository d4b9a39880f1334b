import enum
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Computed,
    DateTime,
    ForeignKey,
    Identity,
    String,
    UniqueConstraint,
    Uuid,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from competition.db import Base, SheetTotal, str_enum, uuid_pk


class SheetStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    VOID = "void"  # the judge turned out to be in conflict with the entry


class ScoreSheet(Base):
    """One judge's marks for one entry in one stage."""

    __tablename__ = "score_sheet"
    __table_args__ = (UniqueConstraint("stage_id", "entry_id", "judge_id"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    stage_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("stage.id"))
    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("entry.id"))
    judge_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("judge.id"), index=True)
    # Criterion code → mark as a decimal string: one document, read and written whole.
    marks: Mapped[dict[str, str]] = mapped_column(JSONB)
    # The weighted total, set once every criterion has a mark.
    total: Mapped[Decimal | None] = mapped_column(SheetTotal)
    # The same in units of 10^-5, an exact integer: ranking sums and compares BIGINTs,
    # several times faster than NUMERIC over half a million sheets (bench/competition_bench.py).
    total_units: Mapped[int | None] = mapped_column(
        BigInteger, Computed("CAST(total * 100000 AS bigint)", persisted=True)
    )
    status: Mapped[SheetStatus] = mapped_column(str_enum(SheetStatus))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set by the service on every write, so a response can show it without a re-read.
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class ScoreChange(Base):
    """Every change of a sheet, append-only: before, after, who, when and why."""

    __tablename__ = "score_change"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    sheet_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("score_sheet.id"), index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, Any]] = mapped_column(JSONB)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    reason: Mapped[str | None] = mapped_column(String(500))
