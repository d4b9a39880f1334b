import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from competition.db import Base


class OrgEvent(Base):
    """Every signed organisation event received from membership, once (by webhook-id):
    a redelivery is acknowledged and changes nothing."""

    __tablename__ = "org_event"

    webhook_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    # When membership says it happened: a move older than one already applied is stale.
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    path: Mapped[str] = mapped_column(String(1000))
    # The event rewrote stored paths: a move not superseded by a newer one.
    applied: Mapped[bool] = mapped_column(Boolean)
