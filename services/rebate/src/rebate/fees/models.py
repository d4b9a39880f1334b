import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from rebate.db import Base, uuid_pk

# The encryption context of the payer account number.
PAYER_ACCOUNT_FIELD = "fee_record.payer_account_no"


class FeeRecord(Base):
    """One union-fee payment as the tax partner reported it. A correction is a new version
    of the same record id; earlier versions are kept and marked superseded, never edited."""

    __tablename__ = "fee_record"
    __table_args__ = (
        UniqueConstraint("partner_id", "record_id", "version"),
        Index(
            "uq_fee_record_current",
            "partner_id",
            "record_id",
            unique=True,
            postgresql_where=text("superseded_at IS NULL"),
        ),
        Index("ix_fee_record_period_uscc", "period", "uscc"),
        Index(
            "ix_fee_record_payment_fingerprint",
            "payment_fingerprint",
            postgresql_where=text("superseded_at IS NULL AND voided_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    # An existing partner, checked once per statement by a trigger (migration 0013).
    partner_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    record_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str] = mapped_column(String(64))
    uscc: Mapped[str] = mapped_column(String(18))
    enterprise_name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(6))
    period: Mapped[str] = mapped_column(String(7))
    payroll_total: Mapped[Decimal]
    fee_amount: Mapped[Decimal]
    paid_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payer_bank: Mapped[str] = mapped_column(String(100))
    payer_account_name: Mapped[str] = mapped_column(String(200))
    payer_account_no_enc: Mapped[bytes] = mapped_column(LargeBinary)
    payer_account_no_masked: Mapped[str] = mapped_column(String(40))
    tax_office: Mapped[str] = mapped_column(String(200))
    webhook_id: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The partner took the payment back (`fee.voided`): no version of it counts any more.
    voided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Keyed hash of credit code, period, payer account, amount and payment time: the same
    # payment reported twice (by two partners, or under two record ids) has the same one.
    payment_fingerprint: Mapped[str | None] = mapped_column(String(64))
