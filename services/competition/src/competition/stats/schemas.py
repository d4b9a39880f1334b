import uuid

from pydantic import BaseModel, Field


class ParticipationYear(BaseModel):
    year: int
    competitions: int
    entries: int
    participations: int = Field(description="人次: a person in an entry of an approved entry")
    labour: int = Field(description="Participations in labour competitions")
    vocational_skills: int = Field(description="Participations in vocational skills contests")


class ParticipationStats(BaseModel):
    org_id: uuid.UUID | None = Field(description="None: your whole scope")
    org_name: str | None
    year_from: int
    year_to: int
    years: list[ParticipationYear]
    participations: int
