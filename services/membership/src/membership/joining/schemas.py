import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from membership.members.models import MemberState
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
    password: str | None = Field(
        default=None,
        min_length=12,
        max_length=256,
        description="Optional: opens a member account; sign in with the membership number",
    )


class JoinResult(BaseModel):
    membership_no: str
    state: MemberState
    org_name: str
    account_username: str | None = Field(
        default=None, description="Set when a member account was opened with this join"
    )
