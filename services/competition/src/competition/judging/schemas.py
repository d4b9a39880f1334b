import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from servicekit.schemas import ApiModel


class JudgeCreate(ApiModel):
    username: str = Field(
        min_length=1,
        max_length=100,
        description="A membership account with the judge permission; its name and "
        "organisation (which decides the judge's conflicts) are taken from membership",
        examples=["zj.judge.chen"],
    )


class JudgeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    competition_id: uuid.UUID
    subject: str = Field(description="The account's id (its tokens' subject)")
    username: str
    name: str
    org_id: uuid.UUID | None = Field(description="The account's organisation; none for experts")
    org_name: str | None
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
