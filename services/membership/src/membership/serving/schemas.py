import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from membership.serving.models import ServiceKind
from servicekit.schemas import ApiModel


class ServiceRecordCreate(ApiModel):
    kind: ServiceKind
    org_id: uuid.UUID = Field(description="The organisation that gave it, in your sub-tree")
    served_on: date
    note: str | None = Field(default=None, max_length=500, examples=["雨衣、手套各一套"])


class ServiceRecordRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    person_id: uuid.UUID
    kind: ServiceKind
    org_id: uuid.UUID
    served_on: date
    note: str | None
    recorded_by: str
    created_at: datetime
