import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from servicekit.schemas import ApiModel


class JudgeCreate(ApiModel):
    subject: str = Field(
        min_length=1, max_length=100, description="The judge's account (token subject)"
    )
    name: str = Field(min_length=1, max_length=100)
    org_id: uuid.UUID = Field(description="The organisation the judge comes from")


class JudgeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    competition_id: uuid.UUID
    subject: str
    name: str
    org_id: uuid.UUID
    org_name: str
    created_at: datetime


class PanelIn(ApiModel):
    judge_ids: list[uuid.UUID] = Field(min_length=1, max_length=50)


class ConflictCreate(ApiModel):
    entry_id: uuid.UUID
    reason: str = Field(min_length=2, max_length=500, examples=["同一科室同事"])


class OwnConflictCreate(ApiModel):
    """A judge declares a conflict with an entry they recognise by its code."""

    entry_code: str = Field(min_length=1, max_length=12)
    reason: str = Field(min_length=2, max_length=500)


class ConflictRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    judge_id: uuid.UUID
    entry_id: uuid.UUID
    reason: str
    declared_by: str
    declared_at: datetime


class JudgeLoad(BaseModel):
    judge_id: uuid.UUID
    name: str
    entries: int


class AssignmentPlanRead(BaseModel):
    entries: int = Field(description="Entries competing in the stage")
    added: int = Field(description="Assignments made by this run")
    short: list[str] = Field(
        description="Codes of entries that lack judges without a conflict: seat more judges"
    )
    load: list[JudgeLoad]


class AssignmentRead(BaseModel):
    entry_id: uuid.UUID
    entry_code: str
    judge_id: uuid.UUID
    judge_name: str
