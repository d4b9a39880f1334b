import enum
import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from competition.db import Base, Timestamped, str_enum, uuid_pk


class ObjectionStatus(enum.StrEnum):
    LODGED = "lodged"
    UPHELD = "upheld"  # leads to a rescore of the stage
    DISMISSED = "dismissed"
    RESOLVED = "resolved"  # the rescore it led to was applied


class Objection(Timestamped, Base):
    """An objection (异议) lodged during a stage's public notice period."""

    __tablename__ = "objection"

    id: Mapped[uuid.UUID] = uuid_pk()
    stage_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("stage.id"), index=True)
    # The entry whose result is disputed.
    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("entry.id"))
    # The entry of the delegation or entrant that objects.
    lodged_for_entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("entry.id"))
    lodged_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(2000))
    status: Mapped[ObjectionStatus] = mapped_column(str_enum(ObjectionStatus))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str | None] = mapped_column(String(2000))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
