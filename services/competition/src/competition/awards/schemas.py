import uuid
from datetime import date, datetime

from pydantic import BaseModel

from competition.awards.models import GrantStatus, HonourKind, Prize


class HonourGrantRead(BaseModel):
    id: uuid.UUID
    membership_no: str
    name: str
    kind: HonourKind
    level: str
    title: str
    team_name: str | None
    status: GrantStatus
    delivery: str | None = None  # the outbox message: pending, delivered, dead
    attempts: int | None = None
    last_error: str | None = None


class AwardRead(BaseModel):
    id: uuid.UUID
    event_id: uuid.UUID
    group_id: uuid.UUID
    entry_id: uuid.UUID
    entry_code: str
    display_name: str
    org_name: str | None
    school: str | None
    rank: int
    prize: Prize
    honours: list[HonourGrantRead]
    created_at: datetime


class FinalisationRead(BaseModel):
    competition_id: uuid.UUID
    awarded_on: date
    awards: int
    honours_queued: int
    honours_skipped: int
