import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, Uuid
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from rebate.db import Base, Timestamped, str_enum, uuid_pk


class PartnerKind(enum.StrEnum):
    TAX = "tax"
    BANK = "bank"


class Partner(Timestamped, Base):
    """A tax system that pushes fee records, or a bank that carries out payouts."""

    __tablename__ = "partner"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PartnerKind] = mapped_column(str_enum(PartnerKind))
    # Where our signed deliveries go (payout instructions to a bank, notices to a tax system).
    webhook_url: Mapped[str | None] = mapped_column(String(500))
    is_active: Mapped[bool] = mapped_column(default=True)
    # A tax partner's regions (prefixes of region codes): its records of any other are refused.
    region_prefixes: Mapped[list[str]] = mapped_column(ARRAY(String(6)), default=list)


class PartnerSecret(Base):
    """Standard Webhooks secrets; several are in force while one is being rotated out."""

    __tablename__ = "partner_secret"

    id: Mapped[uuid.UUID] = uuid_pk()
    partner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("partner.id"), index=True)
    # Encrypted at rest: the secret is needed in clear to compute signatures.
    secret_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookDelivery(Base):
    """Every signed delivery received, once: a repeated webhook-id is acknowledged, not re-run."""

    __tablename__ = "webhook_delivery"

    partner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("partner.id"), primary_key=True)
    webhook_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    body_sha256: Mapped[str] = mapped_column(String(64))
    accepted: Mapped[int] = mapped_column(default=0)
    duplicates: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    # The first answer in full, rejections included: a repeat is answered with it.
    answer: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
