import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from competition.contests.models import (
    CompetitionKind,
    CompetitionLevel,
    EventFormat,
    GroupKind,
    StageKind,
    StageStatus,
)
from competition.decimals import Score


class PublicStage(BaseModel):
    id: uuid.UUID
    kind: StageKind
    status: StageStatus
    published_at: datetime | None
    notice_ends_at: datetime | None


class PublicGroup(BaseModel):
    id: uuid.UUID
    kind: GroupKind
    name: str


class PublicEvent(BaseModel):
    id: uuid.UUID
    name: str
    format: EventFormat
    groups: list[PublicGroup]
    published_stages: list[PublicStage]


class PublicCompetition(BaseModel):
    id: uuid.UUID
    name: str
    kind: CompetitionKind
    level: CompetitionLevel
    year: int
    hosts: list[str]
    events: list[PublicEvent]


class PublicRow(BaseModel):
    rank: int
    name: str = Field(description="Masked: 张** or the team's masked name")
    organisation: str | None = Field(description="Masked organisation or school")
    score: Score
    prize: str | None
    advances: bool | None


class PublicLeaderboard(BaseModel):
    competition_id: uuid.UUID
    competition_name: str
    event_id: uuid.UUID
    event_name: str
    group_id: uuid.UUID
    group_name: str
    stage: PublicStage
    items: list[PublicRow]
    next_cursor: str | None = None
