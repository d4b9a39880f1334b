import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from membership.db import Base, Timestamped


class Account(Timestamped, Base):
    """A person who signs in with a password: staff, cadres, enterprise users, admins."""

    __tablename__ = "account"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    # Stored lower-cased so sign-in is case-insensitive and names stay unique.
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(100))
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    org_scope: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list)
    enterprise_scope: Mapped[str | None] = mapped_column(String(18))
    permissions: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set for a member's own account: the person whose record "me" means.
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("person.id"), unique=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ServiceClient(Timestamped, Base):
    """A machine caller (another service, a partner system) using client credentials."""

    __tablename__ = "service_client"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(100))
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    # Named permissions, as a cadre's (`grant_honours`): a service token alone grants nothing.
    permissions: Mapped[list[str]] = mapped_column(
        ARRAY(String(64)), default=list, server_default=text("'{}'")
    )
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class OneTimeCode(Base):
    """A code sent by SMS to a person's phone on record: proof of possession that opens
    their member account or sets a new password. Only a keyed hash is stored; only the
    newest code of a person counts."""

    __tablename__ = "one_time_code"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    code_hash: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AuthThrottle(Base):
    """Failures (or requests) counted per key: an account, a person, a client address.
    Keys hold no personal data in clear (identifiers typed are blind-indexed)."""

    __tablename__ = "auth_throttle"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lockouts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_failure_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
