import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from membership.orgs.models import OrgKind, OrgLevel, OrgStatus
from servicekit.schemas import ApiModel, NotNull

REGION_CODE = r"^[1-8]\d{5}$"  # GB/T 2260 administrative division code


class OrgCreate(ApiModel):
    name: str = Field(min_length=1, max_length=200)
    kind: OrgKind
    level: OrgLevel
    region_code: str = Field(pattern=REGION_CODE, max_length=6, examples=["330104"])
    parent_id: uuid.UUID | None = None
    new_form: bool = Field(default=False, description="A union for new-form workers")


class OrgUpdate(ApiModel):
    name: Annotated[str | None, NotNull()] = Field(default=None, min_length=1, max_length=200)
    region_code: Annotated[str | None, NotNull()] = Field(
        default=None, pattern=REGION_CODE, max_length=6
    )
    new_form: Annotated[bool | None, NotNull()] = None


class OrgMove(ApiModel):
    new_parent_id: uuid.UUID
    region_code: str | None = Field(
        default=None,
        pattern=REGION_CODE,
        max_length=6,
        description="The organisation's region once moved, when it leaves its parent's region: "
        "same rank as the old code; the sub-tree's codes are renumbered under it",
        examples=["330102"],
    )


class OrgRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    parent_id: uuid.UUID | None
    name: str
    kind: OrgKind
    level: OrgLevel
    region_code: str
    new_form: bool
    status: OrgStatus
    depth: int = Field(description="1 for a root of the tree")
    path: str = Field(
        description="Ids (hex) from the root down to this organisation, dot-separated: other "
        "services keep it to tell whether something lies in a caller's sub-tree"
    )
    created_at: datetime
    closed_at: datetime | None
