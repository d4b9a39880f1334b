import enum
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Identity,
    Index,
    String,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from rebate.db import Base


class Account(enum.StrEnum):
    FEES_HELD = "fees_held"  # asset: union fees the federation holds from tax collection
    FEES_COLLECTED = "fees_collected"  # income
    REFUNDS = "refunds"  # expense: refunds granted
    REFUNDS_PAYABLE = "refunds_payable"  # liability: approved, not yet paid
    RECEIVABLE = "receivable"  # asset: overpaid refunds to recover


class LedgerEntry(Base):
    """One line of a double-entry transaction; the lines of a transaction balance.
    Entries are never updated or deleted: corrections are new transactions."""

    __tablename__ = "ledger_entry"
    __table_args__ = (
        CheckConstraint("(debit = 0) <> (credit = 0)", name="one_side"),
        CheckConstraint("debit >= 0 AND credit >= 0", name="not_negative"),
        Index("ix_ledger_entry_uscc_period", "uscc", "period"),
        # What a case still owes (payouts read it per case); intake lines carry no case.
        Index("ix_ledger_entry_case_id", "case_id", postgresql_where=text("case_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    txn_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    account: Mapped[str] = mapped_column(String(32))
    uscc: Mapped[str] = mapped_column(String(18))
    period: Mapped[str] = mapped_column(String(7))
    debit: Mapped[Decimal]
    credit: Mapped[Decimal]
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    fee_record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    payout_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
