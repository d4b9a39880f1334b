import enum
import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Sequence,
    String,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from membership.db import Base, Timestamped, str_enum, uuid_pk


class MemberState(enum.StrEnum):
    SERVICE_RECIPIENT = "service_recipient"  # 先服务后入会: served before joining
    APPLIED = "applied"
    ACTIVE = "active"
    TRANSFERRING = "transferring"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"  # an application turned down; the person may apply again


# States in which a person counts as a member of their organisation.
COUNTED_STATES = frozenset({MemberState.ACTIVE, MemberState.TRANSFERRING, MemberState.SUSPENDED})


class JoinChannel(enum.StrEnum):
    QR_CODE = "qr_code"
    SERVICE_POINT = "service_point"
    BULK_IMPORT = "bulk_import"
    TRANSFER = "transfer"


MEMBERSHIP_NO_SEQUENCE = Sequence("membership_no_seq", start=1, metadata=Base.metadata)


class Member(Timestamped, Base):
    """A person's lifelong union membership: one per person, one number for life."""

    __tablename__ = "member"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), unique=True)
    membership_no: Mapped[str] = mapped_column(String(16), unique=True)
    card_no: Mapped[str | None] = mapped_column(String(20), unique=True)
    state: Mapped[MemberState] = mapped_column(str_enum(MemberState))
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), index=True)
    channel: Mapped[JoinChannel] = mapped_column(str_enum(JoinChannel))
    joined_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class Affiliation(Base):
    """Dated membership of one organisation; a closed period is never edited again."""

    __tablename__ = "affiliation"
    __table_args__ = (
        # At most one open affiliation per member.
        Index(
            "uq_affiliation_open",
            "member_id",
            unique=True,
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    member_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("member.id"), index=True)
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    end_reason: Mapped[str | None] = mapped_column(String(200))


class MemberEvent(Base):
    """Append-only history of every change of a membership."""

    __tablename__ = "member_event"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    member_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("member.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    kind: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"))
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(String(500))


class TransferState(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class Transfer(Timestamped, Base):
    __tablename__ = "transfer"
    __table_args__ = (
        Index(
            "uq_transfer_pending",
            "member_id",
            unique=True,
            postgresql_where=text("state = 'pending'"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    member_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("member.id"), index=True)
    from_org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"))
    to_org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), index=True)
    state: Mapped[TransferState] = mapped_column(str_enum(TransferState))
    requested_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(String(500))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_reason: Mapped[str | None] = mapped_column(String(500))
