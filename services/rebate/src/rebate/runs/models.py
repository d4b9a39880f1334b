import enum
import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from rebate.db import Base, str_enum, uuid_pk


class RunStatus(enum.StrEnum):
    QUEUED = "queued"  # waiting for a worker
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class RebateRun(Base):
    """One automatic pass over a period and region; its counters show progress while it runs."""

    __tablename__ = "rebate_run"
    __table_args__ = (
        # One pass in flight per policy version, period and region. The wider rule (every
        # version of the key, overlapping regions) is a trigger's (migration 0011), and the
        # service checks it first to answer with the running run's id (rebate.runs.service).
        Index(
            "uq_rebate_run_in_flight",
            "policy_id",
            "period",
            "region_prefix",
            unique=True,
            postgresql_where=text("status IN ('queued', 'running')"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    period: Mapped[str] = mapped_column(String(7))
    region_prefix: Mapped[str] = mapped_column(String(6))
    policy_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("policy.id"))
    status: Mapped[RunStatus] = mapped_column(str_enum(RunStatus))
    started_by: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    enterprises_total: Mapped[int] = mapped_column(Integer, default=0)
    enterprises_done: Mapped[int] = mapped_column(Integer, default=0)
    cases_created: Mapped[int] = mapped_column(Integer, default=0)
    queued: Mapped[int] = mapped_column(Integer, default=0)
    failure: Mapped[str | None] = mapped_column(String(500))
    # The worker executing the run holds it until lease_expires_at and renews it while alive;
    # a run whose lease ran out is taken over and resumed by the next worker.
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ExceptionReason(enum.StrEnum):
    UNMATCHED = "unmatched"  # the credit code is not in the register
    NEEDS_REVIEW = "needs_review"  # the register flags the credit code
    INELIGIBLE_SIZE = "ineligible_size"
    EXCLUDED = "excluded"
    OUTSIDE_POLICY = "outside_policy"  # region or period outside the policy
    TOP_UP_DUE = "top_up_due"  # no longer raised: upward corrections become supplementary cases
    PROBABLE_DUPLICATE = "probable_duplicate"  # the same payment as another current record
    ZERO_REFUND = "zero_refund"  # the policy gives nothing back on these records
    BANK_CONTRADICTION = "bank_contradiction"  # paid after failed, or failed after paid
    ORPHAN_CALLBACK = "orphan_callback"  # a bank answer for a payout we do not know


class Resolution(enum.StrEnum):
    RERUN = "rerun"  # a later run decided the records again
    REMATCHED = "rematched"  # a cadre asked again, and the records went into a case
    DISMISSED = "dismissed"  # a cadre decided nothing is owed on it, with a reason
    VOIDED = "voided"  # the partner withdrew or corrected the record


class RebateException(Base):
    """An anomaly for a person to act on, with its reason: a fee record that could not become
    part of a case, or a bank answer that contradicts what we know."""

    __tablename__ = "rebate_exception"
    # Whether an enterprise has anything queued in a period, asked for every enterprise a run
    # takes up (runs/executor.py, `locked_afresh`).
    __table_args__ = (Index("ix_rebate_exception_uscc_period", "uscc", "period"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    # An existing run, and a fee record of the entry's own enterprise and period: checked per
    # statement by triggers (migration 0009), not by foreign keys per row.
    run_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    fee_record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    payout_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    uscc: Mapped[str] = mapped_column(String(18))
    period: Mapped[str] = mapped_column(String(7))
    reason: Mapped[ExceptionReason] = mapped_column(str_enum(ExceptionReason))
    detail: Mapped[str | None] = mapped_column(String(500))
    org_path: Mapped[str | None] = mapped_column(String(1000))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolution: Mapped[Resolution | None] = mapped_column(str_enum(Resolution))
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolution_note: Mapped[str | None] = mapped_column(String(500))
