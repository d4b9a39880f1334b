import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from competition.appeals.models import ObjectionStatus
from competition.contests.models import StageStatus
from competition.decimals import Score
from competition.stages.schemas import RankingSummary
from servicekit.schemas import ApiModel


class ObjectionCreate(ApiModel):
    entry_id: uuid.UUID = Field(description="The entry whose result is disputed")
    for_entry_id: uuid.UUID = Field(description="Your entry (the delegation's or your own)")
    reason: str = Field(min_length=5, max_length=2000)


class ObjectionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    stage_id: uuid.UUID
    entry_id: uuid.UUID
    lodged_for_entry_id: uuid.UUID
    lodged_by: str
    reason: str
    status: ObjectionStatus
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    resolved_at: datetime | None
    created_at: datetime


class ObjectionDecision(ApiModel):
    note: str = Field(min_length=2, max_length=2000)


class RescoreChange(BaseModel):
    entry_id: uuid.UUID
    entry_code: str
    display_name: str | None = Field(description="None while you judge this event")
    group_id: uuid.UUID
    old_rank: int | None
    new_rank: int | None
    old_score: Score | None
    new_score: Score | None
    old_advances: bool | None
    new_advances: bool | None
    old_prize: str | None
    new_prize: str | None


class RescorePreview(BaseModel):
    stage_id: uuid.UUID
    changes: list[RescoreChange] = Field(description="Every rank, score, advance, prize it moves")
    fingerprint: str = Field(description="Send it back to apply exactly this")


class RescoreApply(ApiModel):
    fingerprint: str = Field(min_length=64, max_length=64)


class RescoreOutcome(BaseModel):
    stage_id: uuid.UUID
    status: StageStatus = Field(description="published again, or ranked when a decision waits")
    changed: int
    summary: RankingSummary
