import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Uuid, text
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
