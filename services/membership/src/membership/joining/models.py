import enum
import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from membership.db import Base, Timestamped, str_enum, uuid_pk
from membership.people.models import EmploymentForm


class Invitation(Timestamped, Base):
    """A QR-code invitation to join one organisation (扫码入会)."""

    __tablename__ = "invitation"

    id: Mapped[uuid.UUID] = uuid_pk()
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), index=True)
    # The unguessable part of the join URL; the id is never put in a QR code.
    code: Mapped[str] = mapped_column(String(43), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    max_uses: Mapped[int | None] = mapped_column(Integer)
    use_count: Mapped[int] = mapped_column(Integer, default=0)
    auto_approve: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(100))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ImportStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ImportJob(Timestamped, Base):
    __tablename__ = "import_job"
    # What workers look for: the queued and running imports, few among many finished ones.
    __table_args__ = (
        Index(
            "ix_import_job_unfinished",
            "created_at",
            postgresql_where=text("status IN ('queued', 'running')"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[ImportStatus] = mapped_column(str_enum(ImportStatus))
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    created_rows: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_rows: Mapped[int] = mapped_column(Integer, default=0)
    error_rows: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(100))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failure: Mapped[str | None] = mapped_column(String(500))
    # The file as uploaded, until the import is done: a worker reads it (membership.imports.
    # processing), and the next one resumes from `processed_rows` should it die.
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    processed_rows: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ImportRowError(Base):
    __tablename__ = "import_row_error"

    id: Mapped[uuid.UUID] = uuid_pk()
    job_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("import_job.id"), index=True)
    row_number: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(500))


class JoinApplicationState(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DISMISSED = "dismissed"


class JoinApplication(Timestamped, Base):
    """A public join naming a person already on the register. The record of that person is
    never changed on a stranger's word: the inviting union reviews the application, and the
    phone on record is told of it."""

    __tablename__ = "join_application"

    id: Mapped[uuid.UUID] = uuid_pk()
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), index=True)
    invitation_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("invitation.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    # What the applicant typed, for the reviewer to compare with the person in front of them.
    name: Mapped[str] = mapped_column(String(100))
    phone_masked: Mapped[str] = mapped_column(String(20))
    employment_form: Mapped[EmploymentForm] = mapped_column(str_enum(EmploymentForm))
    state: Mapped[JoinApplicationState] = mapped_column(str_enum(JoinApplicationState))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(String(500))
