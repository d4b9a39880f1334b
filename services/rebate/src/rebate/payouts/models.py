import enum
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Uuid
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
