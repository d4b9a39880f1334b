import enum
import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from membership.db import Base, Timestamped, str_enum, uuid_pk


class SizeClass(enum.StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class Enterprise(Timestamped, Base):
    __tablename__ = "enterprise"

    id: Mapped[uuid.UUID] = uuid_pk()
    uscc: Mapped[str] = mapped_column(String(18), unique=True)
    # A wrong GB 32100 check character is kept for a person to look at, not refused.
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(6))
    size_class: Mapped[SizeClass] = mapped_column(str_enum(SizeClass))
    affiliated_org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), index=True)
    union_org_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("org.id"))
    union_bank_name: Mapped[str | None] = mapped_column(String(100))
    union_account_name: Mapped[str | None] = mapped_column(String(200))
    union_account_no_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    union_account_no_masked: Mapped[str | None] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class EnterpriseAffiliation(Base):
    """History of the federation an enterprise is affiliated to (工会关系隶属)."""

    __tablename__ = "enterprise_affiliation"

    id: Mapped[uuid.UUID] = uuid_pk()
    enterprise_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("enterprise.id"), index=True)
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    changed_by: Mapped[str] = mapped_column(String(100))


class EnterpriseReview(Base):
    """A cadre's check of a flagged credit code against the business licence: confirmed as it
    stands, or corrected. Appended, never edited: who cleared the flag, when, and from what."""

    __tablename__ = "enterprise_review"

    id: Mapped[uuid.UUID] = uuid_pk()
    enterprise_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("enterprise.id"), index=True)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reviewed_by: Mapped[str] = mapped_column(String(100))
    uscc_before: Mapped[str] = mapped_column(String(18))
    uscc_after: Mapped[str] = mapped_column(String(18))
    note: Mapped[str | None] = mapped_column(String(500))
