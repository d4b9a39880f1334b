import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from membership.members.models import TransferState
from membership.people.schemas import PersonRead
from servicekit.schemas import ApiModel


class TransferCreate(ApiModel):
    to_org_id: uuid.UUID
    reason: str | None = Field(default=None, max_length=500, examples=["换工作到新站点"])


class TransferRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    member_id: uuid.UUID
    membership_no: str
    person: PersonRead = Field(description="Who asks to come: ID number and phone masked")
    from_org_id: uuid.UUID
    from_org_name: str
    to_org_id: uuid.UUID
    to_org_name: str
    state: TransferState
    requested_by: str
    reason: str | None
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    created_at: datetime
