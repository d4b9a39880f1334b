import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from rebate.runs.models import ExceptionReason, Resolution, RunStatus
from servicekit.schemas import ApiModel


class RunCreate(ApiModel):
    period: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", max_length=7, examples=["2026-03"])
    region_prefix: str = Field(pattern=r"^\d{2,6}$", max_length=6, examples=["35"])
    policy_key: str = Field(min_length=3, max_length=100)


class RunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    period: str
    region_prefix: str
    policy_id: uuid.UUID
    status: RunStatus
    started_by: str
    started_at: datetime
    finished_at: datetime | None
    enterprises_total: int
    enterprises_done: int
    cases_created: int
    queued: int
    failure: str | None


class ExceptionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    run_id: uuid.UUID | None
    fee_record_id: uuid.UUID | None
    case_id: uuid.UUID | None
    payout_id: uuid.UUID | None
    uscc: str
    period: str
    reason: ExceptionReason
    detail: str | None
    resolved_at: datetime | None
    resolution: Resolution | None
    resolved_by: str | None
    resolution_note: str | None
