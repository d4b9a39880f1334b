import enum
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from rebate.db import Base, Timestamped, str_enum, uuid_pk
from rebate.policies.models import Destination


class PayoutStatus(enum.StrEnum):
    INSTRUCTED = "instructed"
    PAID = "paid"
    FAILED = "failed"


class Payout(Timestamped, Base):
    """One instruction to the bank for one case and destination; a retry is a new payout."""

    __tablename__ = "payout"

    id: Mapped[uuid.UUID] = uuid_pk()
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("rebate_case.id"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    # What the bank de-duplicates on: the same key is never paid twice.
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    bank_partner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("partner.id"))
    destination: Mapped[Destination] = mapped_column(str_enum(Destination))
    bank_name: Mapped[str] = mapped_column(String(100))
    account_name: Mapped[str] = mapped_column(String(200))
    account_no_enc: Mapped[bytes] = mapped_column(LargeBinary)
    account_no_masked: Mapped[str] = mapped_column(String(40))
    amount: Mapped[Decimal]
    status: Mapped[PayoutStatus] = mapped_column(str_enum(PayoutStatus))
    bank_reference: Mapped[str | None] = mapped_column(String(100))
    failure_reason: Mapped[str | None] = mapped_column(String(500))
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CallbackOutcome(enum.StrEnum):
    APPLIED = "applied"  # settled the payout
    REPEATED = "repeated"  # the answer we already had, under a new webhook-id
    CONTRADICTION = "contradiction"  # the other answer after one was taken: queued
    ORPHAN = "orphan"  # no payout of this bank has the key: kept for a person


class BankAnswer(Base):
    """Every verified bank answer, kept whatever it says: an answer is evidence of where
    money went, even when it contradicts an earlier one or names no payout we know."""

    __tablename__ = "bank_answer"

    id: Mapped[uuid.UUID] = uuid_pk()
    partner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("partner.id"))
    webhook_id: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(100), index=True)
    payout_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    outcome: Mapped[CallbackOutcome] = mapped_column(str_enum(CallbackOutcome))
    body: Mapped[dict[str, Any]] = mapped_column(JSONB)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
