import enum
import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from competition.contests.models import EventFormat
from competition.db import Base, OrgPath, Timestamped, str_enum, uuid_pk


class EntryStatus(enum.StrEnum):
    PENDING = "pending"  # awaiting the organisers' approval
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


# An entrant may hold one live entry per event.
LIVE_STATES = (EntryStatus.PENDING, EntryStatus.APPROVED)


class Entry(Timestamped, Base):
    """What competes and is ranked: one person, or a team sent by an organisation."""

    __tablename__ = "entry"
    __table_args__ = (
        UniqueConstraint("competition_id", "code"),
        Index("ix_entry_event_id_group_id_status", "event_id", "group_id", "status"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    competition_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("competition.id"))
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("event.id"))
    group_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("event_group.id"))
    format: Mapped[EventFormat] = mapped_column(str_enum(EventFormat))
    # Blind code: what judges see instead of a name (random, so it says nothing of the order).
    code: Mapped[str] = mapped_column(String(12))
    status: Mapped[EntryStatus] = mapped_column(str_enum(EntryStatus))
    # The entrant's name, or the team's.
    display_name: Mapped[str] = mapped_column(String(200))
    # The entrant's own organisation, or the delegation that sends the team; none for a
    # student entered with a school only.
    org_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    org_name: Mapped[str | None] = mapped_column(String(200))
    org_path: Mapped[str | None] = mapped_column(OrgPath, index=True)
    school: Mapped[str | None] = mapped_column(String(200))
    registered_by: Mapped[str] = mapped_column(String(100))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_reason: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class Participant(Base):
    """A person in an entry (the entrant, or a team member): one participation (人次).

    Competition, event, year and the entry's status are copied here so participation
    statistics over millions of rows read one table through one index.
    """

    __tablename__ = "participant"
    __table_args__ = (
        # Nobody enters the same event twice while an entry of theirs is live.
        Index(
            "uq_participant_event_id_membership_no",
            "event_id",
            "membership_no",
            unique=True,
            postgresql_where=text("state IN ('pending', 'approved')"),
        ),
        # Statistics per sub-tree: a range of paths, read from the index alone.
        Index(
            "ix_participant_org_path_year",
            "org_path",
            "year",
            postgresql_include=["state", "competition_id", "seq"],
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    entry_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("entry.id", ondelete="CASCADE"), index=True
    )
    competition_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[EntryStatus] = mapped_column(str_enum(EntryStatus))
    membership_no: Mapped[str | None] = mapped_column(String(16))
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    name: Mapped[str] = mapped_column(String(100))
    employment_form: Mapped[str | None] = mapped_column(String(32))
    org_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    org_name: Mapped[str | None] = mapped_column(String(200))
    org_path: Mapped[str | None] = mapped_column(OrgPath)
    school: Mapped[str | None] = mapped_column(String(200))
