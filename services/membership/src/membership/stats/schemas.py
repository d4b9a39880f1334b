import uuid

from pydantic import BaseModel, Field


class MonthlyJoins(BaseModel):
    month: str = Field(examples=["2026-03"])
    joins: int


class OrgStats(BaseModel):
    org_id: uuid.UUID
    org_name: str
    organisations: int = Field(description="Open organisations in the sub-tree, itself included")
    members: int = Field(description="Active, transferring and suspended members")
    new_form_members: int = Field(description="Members in new forms of employment")
    new_form_unions: int
    new_form_enterprises: int = Field(description="Enterprises whose union is a new-form union")
    services: int = Field(
        description="Services given to workers (legal aid, gifts, health checks, training)"
    )
    joins_by_month: list[MonthlyJoins]
