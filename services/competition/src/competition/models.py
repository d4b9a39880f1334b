"""Every table of the service, imported in one place for Alembic and the mapper registry."""

from competition.appeals.models import Objection
from competition.awards.models import Award, HonourGrant
from competition.contests.models import (
    AdvancementRule,
    Competition,
    CompetitionOrg,
    Event,
    EventGroup,
    Stage,
)
from competition.db import Base
from competition.entries.models import Entry, Participant
from competition.judging.models import Assignment, Conflict, Judge, JudgeOrg, PanelSeat
from competition.orgsync.models import OrgEvent
from competition.ranking.models import ReviewClearance, StageEntry, StageResult, TieDecision
from competition.scoring.models import ScoreChange, ScoreSheet
from servicekit.idempotency import IdempotencyRecordMixin
from servicekit.outbox import OutboxMessageMixin


class OutboxMessage(OutboxMessageMixin, Base):
    __tablename__ = "outbox_message"


class IdempotencyRecord(IdempotencyRecordMixin, Base):
    __tablename__ = "idempotency_record"


__all__ = [
    "AdvancementRule",
    "Assignment",
    "Award",
    "Competition",
    "CompetitionOrg",
    "Conflict",
    "Entry",
    "Event",
    "EventGroup",
    "HonourGrant",
    "IdempotencyRecord",
    "Judge",
    "JudgeOrg",
    "Objection",
    "OrgEvent",
    "OutboxMessage",
    "PanelSeat",
    "Participant",
    "ReviewClearance",
    "ScoreChange",
    "ScoreSheet",
    "Stage",
    "StageEntry",
    "StageResult",
    "TieDecision",
]
