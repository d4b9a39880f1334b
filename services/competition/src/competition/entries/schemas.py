import uuid
from datetime import datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from competition.contests.models import EventFormat
from competition.entries.models import EntryStatus
from servicekit.schemas import ApiModel

MEMBERSHIP_NO = Field(min_length=1, max_length=16, examples=["GH0000000042"])


class MemberEntryCreate(ApiModel):
    """A union member enters an individual event (themselves, or through their delegation)."""

    group_id: uuid.UUID
    membership_no: str = MEMBERSHIP_NO


class MemberBatchCreate(ApiModel):
    """A delegation or the organisers enter many members at once."""

    group_id: uuid.UUID
    membership_nos: list[str] = Field(min_length=1, max_length=1000)


class StudentEntryCreate(ApiModel):
    """A student (not a union member) entered with their school."""

    group_id: uuid.UUID
    name: str = Field(min_length=1, max_length=100)
    school: str = Field(min_length=2, max_length=200, examples=["杭州职业技术学院"])


class TeamEntryCreate(ApiModel):
    """A team sent by an organisation (a delegation), its members union members."""

    group_id: uuid.UUID
    org_id: uuid.UUID = Field(description="The delegation: the organisation sending the team")
    team_name: str = Field(min_length=1, max_length=200, examples=["杭州市妇产科医院代表队"])
    membership_nos: list[str] = Field(min_length=2, max_length=20)

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        numbers = [n.strip().upper() for n in self.membership_nos]
        if len(set(numbers)) != len(numbers):
            raise ValueError("a person is in a team once")
        return self


class Reason(ApiModel):
    reason: str | None = Field(default=None, max_length=500)


class ReasonRequired(ApiModel):
    reason: str = Field(min_length=2, max_length=500)


class ParticipantRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    membership_no: str | None
    name: str
    employment_form: str | None
    org_id: uuid.UUID | None
    org_name: str | None
    school: str | None


class EntryRead(BaseModel):
    id: uuid.UUID
    competition_id: uuid.UUID
    event_id: uuid.UUID
    group_id: uuid.UUID
    format: EventFormat
    code: str = Field(description="Blind code: what judges see")
    status: EntryStatus
    display_name: str | None = Field(description="None when names are withheld")
    org_id: uuid.UUID | None
    org_name: str | None
    school: str | None
    participants: list[ParticipantRead]
    registered_by: str | None
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    created_at: datetime
    names_withheld: bool = Field(
        default=False,
        description="You judge this competition and the event's results are not published: "
        "who is behind the code (names, organisation, participants) is withheld",
    )


class Refusal(BaseModel):
    membership_no: str
    reason: str


class BatchResult(BaseModel):
    entered: list[EntryRead]
    refused: list[Refusal]


class BatchApproval(ApiModel):
    entry_ids: list[uuid.UUID] = Field(min_length=1, max_length=1000)
    reason: str | None = Field(default=None, max_length=500)


class BatchApprovalResult(BaseModel):
    approved: int
    unchanged: list[uuid.UUID] = Field(description="Not pending, or not of this competition")
