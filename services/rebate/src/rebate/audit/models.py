import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Identity, String, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from rebate.db import Base


class AuditEvent(Base):
    """One step of a case or of an import, chained: each hash covers the previous hash and
    this event, so an edited or deleted event breaks every hash after it."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditCheckpoint(Base):
    """A signed statement that the chain had `event_count` events ending in `head_hash` at
    `at`: a tail deleted or rewritten later no longer matches it, even by whoever can write
    the table, as long as they do not hold the signing key."""

    __tablename__ = "audit_checkpoint"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    event_count: Mapped[int] = mapped_column(BigInteger, index=True)
    head_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Which key signed it (the first 16 hex digits of the public key's SHA-256).
    key_id: Mapped[str] = mapped_column(String(16))
    signature: Mapped[str] = mapped_column(String(100))
