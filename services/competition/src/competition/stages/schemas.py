import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from competition.contests.models import StageKind, StageStatus
from competition.decimals import Score
from competition.ranking.models import Attendance
from servicekit.schemas import ApiModel


class AttendanceIn(ApiModel):
    attendance: Attendance


class StageEntryRead(BaseModel):
    entry_id: uuid.UUID
    entry_code: str
    attendance: Attendance


class StageProgress(BaseModel):
    stage_id: uuid.UUID
    status: StageStatus
    competing: int
    no_shows: int
    missing_sheets: int = Field(description="Assignments still without a submitted sheet")
    short_entries: int = Field(description="Entries with fewer judges than the event asks for")


class RankingSummary(BaseModel):
    stage_id: uuid.UUID
    status: StageStatus
    ranked: int
    flagged: int = Field(description="Entries whose judges disagree beyond the threshold")
    advancing: int
    prized: int
    open_ties: int = Field(description="Ties across an advancement boundary awaiting a decision")


class ResultRead(BaseModel):
    entry_id: uuid.UUID
    entry_code: str
    group_id: uuid.UUID
    display_name: str | None = Field(description="None while you judge this event, unpublished")
    org_name: str | None
    school: str | None
    rank: int
    score: Score = Field(description="Rounded half-up to 4 places; ranks use the exact value")
    spread: Score
    judges: int
    flagged: bool
    advances: bool | None = Field(description="null: tied across the boundary, to be decided")
    prize: str | None


class TiedEntry(BaseModel):
    entry_id: uuid.UUID
    entry_code: str
    display_name: str | None = Field(description="None while you judge this event, unpublished")


class TieDecisionRead(BaseModel):
    id: uuid.UUID
    stage_id: uuid.UUID
    group_id: uuid.UUID
    rank: int = Field(description="The rank the tied entries share")
    places: int = Field(description="Places left for them under the advancement rule")
    tied: list[TiedEntry]
    advancing_entry_ids: list[uuid.UUID] | None
    decided_by: str | None
    decided_at: datetime | None
    reason: str | None


class TieDecisionIn(ApiModel):
    advancing_entry_ids: list[uuid.UUID] = Field(
        max_length=1000, description="Those of the tied entries that advance (all, some, none)"
    )
    reason: str = Field(min_length=2, max_length=500)


class ReviewIn(ApiModel):
    note: str = Field(min_length=2, max_length=500, examples=["评分差异已复核，维持原评分"])


class StageStateRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    event_id: uuid.UUID
    kind: StageKind
    seq: int
    status: StageStatus
    started_at: datetime | None
    ranked_at: datetime | None
    published_at: datetime | None
    notice_ends_at: datetime | None
    closed_at: datetime | None
