"""Organisation events as membership publishes them (contract C2)."""

import uuid
from typing import Annotated, Literal, Self

from pydantic import AwareDatetime, BaseModel, Field, model_validator

# Membership's paths: the organisations' ids (hex) from the root down, dot-separated.
ORG_PATH = r"^[0-9a-f]{32}(\.[0-9a-f]{32})*$"
OrgPathStr = Annotated[str, Field(pattern=ORG_PATH, max_length=1000)]


class OrgMoved(BaseModel):
    org_id: uuid.UUID
    old_path: OrgPathStr
    path: OrgPathStr
    parent_id: uuid.UUID
    level: str

    @model_validator(mode="after")
    def _paths_end_at_the_org(self) -> Self:
        label = self.org_id.hex
        if not (self.path.endswith(label) and self.old_path.endswith(label)):
            raise ValueError("both paths end with the organisation's own id")
        return self


class OrgClosed(BaseModel):
    org_id: uuid.UUID
    path: OrgPathStr


class OrgMovedEvent(BaseModel):
    type: Literal["org.moved"]
    timestamp: AwareDatetime
    data: OrgMoved


class OrgClosedEvent(BaseModel):
    type: Literal["org.closed"]
    timestamp: AwareDatetime
    data: OrgClosed


OrgEventIn = Annotated[OrgMovedEvent | OrgClosedEvent, Field(discriminator="type")]
