import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from competition.contests.models import StageKind, StageStatus
from competition.contests.rules import Rubric
from competition.decimals import Mark, Score
from competition.scoring.models import SheetStatus
from servicekit.schemas import ApiModel


class SheetIn(ApiModel):
    marks: dict[str, Mark] = Field(
        max_length=30, description="Criterion code → mark, as decimal strings"
    )
    submit: bool = Field(default=False, description="Submit the sheet; every mark is needed")
    reason: str | None = Field(
        default=None, max_length=500, description="Required to change a submitted sheet"
    )


class SheetRead(BaseModel):
    stage_id: uuid.UUID
    entry_code: str
    marks: dict[str, str]
    total: Score | None
    status: SheetStatus
    submitted_at: datetime | None
    updated_at: datetime


class JudgeStageRead(BaseModel):
    stage_id: uuid.UUID
    competition_id: uuid.UUID
    competition_name: str
    event_name: str
    kind: StageKind
    status: StageStatus
    assigned: int
    submitted: int


class JudgeEntryRead(BaseModel):
    entry_code: str = Field(description="Blind code; judges never see names")
    sheet_status: SheetStatus | None
    total: Score | None


class JudgeStageDetail(JudgeStageRead):
    rubric: Rubric
    entries: list[JudgeEntryRead]


class SheetAuditRead(BaseModel):
    id: uuid.UUID
    judge_id: uuid.UUID
    judge_name: str
    marks: dict[str, str]
    total: Score | None
    status: SheetStatus
    submitted_at: datetime | None
    updated_at: datetime


class ScoreChangeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    changed_at: datetime
    changed_by: str
    reason: str | None
    before: dict[str, Any] | None
    after: dict[str, Any]
