import uuid
from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from membership.honours.models import HonourKind, HonourLevel
from servicekit.schemas import ApiModel


class HonourCreate(ApiModel):
    member_id: uuid.UUID | None = None
    membership_no: str | None = Field(default=None, max_length=16)
    kind: HonourKind
    level: HonourLevel
    title: str = Field(min_length=1, max_length=200, examples=["浙江省五一劳动奖章"])
    team_name: str | None = Field(
        default=None, max_length=200, description="For team titles such as Worker Pioneer"
    )
    awarded_on: date
    granting_org_id: uuid.UUID = Field(
        description="The organisation that grants it: in your sub-tree, at the honour's level "
        "or above (a county federation grants county and enterprise honours)"
    )
    source_ref: str | None = Field(
        default=None,
        max_length=200,
        description="The granting system's reference; granting again with it changes nothing",
        examples=["competition:award:5f1c..."],
    )

    @model_validator(mode="after")
    def _one_recipient(self) -> Self:
        if (self.member_id is None) == (self.membership_no is None):
            raise ValueError("give exactly one of member_id and membership_no")
        return self


class HonourRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    person_id: uuid.UUID
    kind: HonourKind
    level: HonourLevel
    title: str
    team_name: str | None
    awarded_on: date
    granted_by: str
    granting_org_id: uuid.UUID | None
    source_ref: str | None
    created_at: datetime
