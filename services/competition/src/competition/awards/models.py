import enum
import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from competition.db import Base, str_enum, uuid_pk


class Prize(enum.StrEnum):
    SPECIAL = "special"  # 特等奖
    FIRST = "first"  # 一等奖
    SECOND = "second"  # 二等奖
    THIRD = "third"  # 三等奖
    EXCELLENCE = "excellence"  # 优秀奖


class HonourKind(enum.StrEnum):
    """The honours a competition leads to, as membership names them."""

    MAY_DAY_LABOUR_MEDAL = "may_day_labour_medal"  # 五一劳动奖章
    WORKER_PIONEER = "worker_pioneer"  # 工人先锋号 (a team title)
    TECHNICAL_EXPERT = "technical_expert"  # 技术能手


class Award(Base):
    """A prize won in an event's final, fixed when the competition is finalised."""

    __tablename__ = "award"

    id: Mapped[uuid.UUID] = uuid_pk()
    competition_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("competition.id"), index=True
    )
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("event.id"))
    group_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("event_group.id"))
    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("entry.id"), unique=True)
    rank: Mapped[int] = mapped_column(Integer)
    prize: Mapped[Prize] = mapped_column(str_enum(Prize, 16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class GrantStatus(enum.StrEnum):
    QUEUED = "queued"  # in the outbox; its delivery state is the outbox message's
    SKIPPED = "skipped"  # demo contest: entrants are snapshots, nothing goes to membership


class HonourGrant(Base):
    """An honour an award brings to one person, sent to membership through the outbox.
    Its id is the grant's source_ref there, so a redelivery changes nothing."""

    __tablename__ = "honour_grant"
    __table_args__ = (UniqueConstraint("award_id", "membership_no", "kind"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    award_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("award.id"))
    membership_no: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[HonourKind] = mapped_column(str_enum(HonourKind))
    level: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    team_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[GrantStatus] = mapped_column(str_enum(GrantStatus))
    message_key: Mapped[str | None] = mapped_column(String(100))
