import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from membership.joining.models import JoinApplicationState
from membership.people.models import EmploymentForm
from membership.people.schemas import PersonIn
from servicekit.schemas import ApiModel


class InvitationCreate(ApiModel):
    expires_in_hours: int = Field(default=24 * 7, ge=1, le=24 * 366)
    max_uses: int | None = Field(default=None, ge=1, le=1_000_000)
    auto_approve: bool = Field(
        default=False, description="Join at once instead of waiting in the approval queue"
    )


class InvitationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    org_id: uuid.UUID
    code: str
    join_url: str
    expires_at: datetime
    max_uses: int | None
    use_count: int
    auto_approve: bool
    revoked_at: datetime | None
    created_at: datetime


class JoinInfo(BaseModel):
    """What the join page shows before the worker fills in the form."""

    org_name: str
    region_code: str
    auto_approve: bool
    expires_at: datetime


class JoinRequest(PersonIn):
    phone: str = Field(
        max_length=20,
        examples=["13812345678"],
        description="The outcome, with the activation code, is sent here by SMS",
    )


class JoinReceived(BaseModel):
    """The same answer whoever the ID number belongs to: the outcome goes by SMS to the
    phone on record, not to whoever holds the poster."""

    org_name: str
    detail: str = Field(
        default="Application received; the outcome is sent by SMS to the phone on record"
    )


class JoinApplicationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    org_id: uuid.UUID
    invitation_id: uuid.UUID
    name: str = Field(description="As the applicant typed it")
    id_number_masked: str
    phone_masked: str = Field(description="As the applicant typed it, masked")
    employment_form: EmploymentForm
    state: JoinApplicationState
    decided_by: str | None
    decided_at: datetime | None
    reason: str | None
    created_at: datetime
