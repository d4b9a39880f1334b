import enum
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from rebate.db import Base, Timestamped, str_enum, uuid_pk


class CaseStatus(enum.StrEnum):
    PENDING_REVIEW = "pending_review"
    PENDING_APPROVAL = "pending_approval"  # reviewed; a second person must approve
    APPROVED = "approved"
    INSTRUCTED = "instructed"  # a payout instruction is with the bank
    PAID = "paid"
    REJECTED = "rejected"


AMOUNT_CHANGED = "The fee records changed after review; review the new amount"

# Not yet with the bank: amounts may still change here, and at most one such case exists per
# enterprise and period (a partial unique index), so a change always has one place to go.
UNSETTLED = (CaseStatus.PENDING_REVIEW, CaseStatus.PENDING_APPROVAL, CaseStatus.APPROVED)


class CaseSource(enum.StrEnum):
    AUTOMATIC = "automatic"
    APPLICATION = "application"
    # Owed after an earlier case of the same enterprise and period was approved or paid.
    SUPPLEMENTARY = "supplementary"


class RebateCase(Timestamped, Base):
    """The refund of one enterprise's union fee for one period, or a supplementary amount
    owed after an earlier case of that period was approved or paid."""

    __tablename__ = "rebate_case"
    __table_args__ = (
        Index("ix_rebate_case_uscc_period", "uscc", "period"),
        Index(
            "uq_rebate_case_unsettled",
            "uscc",
            "period",
            unique=True,
            postgresql_where=text("status IN ('pending_review', 'pending_approval', 'approved')"),
        ),
        Index(
            "ix_rebate_case_org_path", "org_path", postgresql_ops={"org_path": "text_pattern_ops"}
        ),
        Index("ix_rebate_case_period_status", "period", "status"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    uscc: Mapped[str] = mapped_column(String(18))
    enterprise_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    enterprise_name: Mapped[str] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(7))
    # The federation the enterprise is affiliated to, with its path (cadres' sub-tree checks).
    org_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    org_path: Mapped[str] = mapped_column(String(1000))
    # Existing policy and run, checked per statement by triggers (migration 0009).
    policy_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    run_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    source: Mapped[CaseSource] = mapped_column(str_enum(CaseSource))
    status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus))
    collected: Mapped[Decimal]
    refund: Mapped[Decimal]
    # Recovered from an earlier overpayment (receivable) and kept back from this payout.
    set_off: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    has_union_account: Mapped[bool] = mapped_column(default=False)
    status_reason: Mapped[str | None] = mapped_column(String(500))
    # Who reopened a rejected case: under maker-checker they may not also decide it.
    reopened_by: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)

    # eager_defaults: updated_at comes back with the UPDATE, so reading it never lazy-loads.
    __mapper_args__ = {"version_id_col": version, "eager_defaults": True}


class CaseFee(Base):
    """Which fee records a case refunds: each record version at most once, ever.

    Both columns refer to rows that exist and agree in credit code and period, checked per
    statement by a trigger rather than by foreign keys per row (migration 0009: a run writes
    these by the million)."""

    __tablename__ = "case_fee"

    fee_record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)


class ReviewStep(enum.StrEnum):
    REVIEW = "review"
    APPROVAL = "approval"


class ReviewDecision(enum.StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class Review(Base):
    __tablename__ = "review"

    id: Mapped[uuid.UUID] = uuid_pk()
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("rebate_case.id"), index=True)
    step: Mapped[ReviewStep] = mapped_column(str_enum(ReviewStep))
    decision: Mapped[ReviewDecision] = mapped_column(str_enum(ReviewDecision))
    reason: Mapped[str | None] = mapped_column(String(500))
    actor: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
