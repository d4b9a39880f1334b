import enum
import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from rebate.db import Base, str_enum, uuid_pk


class RunStatus(enum.StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class RebateRun(Base):
    """One automatic pass over a period and region; its counters show progress while it runs."""

    __tablename__ = "rebate_run"

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


class ExceptionReason(enum.StrEnum):
    UNMATCHED = "unmatched"  # the credit code is not in the register
    NEEDS_REVIEW = "needs_review"  # the register flags the credit code
    INELIGIBLE_SIZE = "ineligible_size"
    EXCLUDED = "excluded"
    OUTSIDE_POLICY = "outside_policy"  # region or period outside the policy
    TOP_UP_DUE = "top_up_due"  # corrected upwards after the refund was paid


class RebateException(Base):
    """A fee record a run could not turn into a case, with the reason, for a person to act on."""

    __tablename__ = "rebate_exception"

    id: Mapped[uuid.UUID] = uuid_pk()
    run_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("rebate_run.id"), index=True)
    fee_record_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("fee_record.id"), index=True)
    uscc: Mapped[str] = mapped_column(String(18))
    period: Mapped[str] = mapped_column(String(7))
    reason: Mapped[ExceptionReason] = mapped_column(str_enum(ExceptionReason))
    detail: Mapped[str | None] = mapped_column(String(500))
    org_path: Mapped[str | None] = mapped_column(String(1000))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
