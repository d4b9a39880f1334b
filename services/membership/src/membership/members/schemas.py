import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from membership.members.models import JoinChannel, MemberState
from membership.people.schemas import PersonIn, PersonRead
from servicekit.schemas import ApiModel


class MemberRead(BaseModel):
    id: uuid.UUID
    membership_no: str = Field(examples=["GH0000000042"])
    card_no: str | None
    state: MemberState
    org_id: uuid.UUID
    org_name: str
    channel: JoinChannel
    joined_on: date | None
    person: PersonRead


class MemberRegister(ApiModel):
    """Registration by a cadre at a service point."""

    person: PersonIn
    org_id: uuid.UUID
    state: Literal[MemberState.ACTIVE, MemberState.SERVICE_RECIPIENT] = MemberState.ACTIVE


class PhoneUpdate(ApiModel):
    phone: str = Field(min_length=11, max_length=20, examples=["13812345678"])


class Decision(ApiModel):
    reason: str | None = Field(default=None, max_length=500)


class ReasonRequired(ApiModel):
    reason: str = Field(min_length=2, max_length=500)


class MemberEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    kind: str
    from_state: str | None
    to_state: str
    org_id: uuid.UUID
    actor: str
    reason: str | None


class MemberAffiliationRead(BaseModel):
    org_id: uuid.UUID
    org_name: str
    started_at: datetime
    ended_at: datetime | None
    end_reason: str | None


class MemberHistory(BaseModel):
    affiliations: list[MemberAffiliationRead]
    events: list[MemberEventRead]


class MemberBatchLookup(ApiModel):
    membership_nos: list[str] = Field(min_length=1, max_length=1000)


class MemberSummary(BaseModel):
    """What other services need to check an entrant: membership, organisation, work."""

    id: uuid.UUID
    membership_no: str
    state: MemberState
    person_id: uuid.UUID
    name: str
    employment_form: str
    org_id: uuid.UUID
    org_name: str
    org_path: str


class MemberBatchResult(BaseModel):
    found: list[MemberSummary]
    missing: list[str]
