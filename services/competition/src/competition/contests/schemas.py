import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from competition.contests.models import (
    STAGE_ORDER,
    AdvancementKind,
    Aggregation,
    CompetitionKind,
    CompetitionLevel,
    CompetitionStatus,
    EventFormat,
    GroupKind,
    OrgRole,
    StageKind,
    StageStatus,
)
from competition.contests.rules import HonourRule, PrizeRule, Rubric, check_prize_rules
from competition.decimals import Score
from servicekit.schemas import ApiModel, NotNull

EMPLOYMENT_FORM = r"^[a-z_]{2,32}$"


class CompetitionCreate(ApiModel):
    name: str = Field(min_length=2, max_length=200, examples=["浙江省妇产科临床技能竞赛"])
    kind: CompetitionKind
    level: CompetitionLevel
    year: int = Field(ge=2000, le=2100)
    host_org_id: uuid.UUID = Field(description="主办: the union that hosts the competition")
    organiser_org_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=10, description="承办: organisations that run it"
    )
    description: str | None = Field(default=None, max_length=2000)
    notice_days: int | None = Field(
        default=None,
        ge=0,
        le=30,
        description="Public notice period (公示) in days; at least the federation's floor for "
        "the level (by default 5 for provincial and national, 3 below), which it defaults to",
    )


class CompetitionUpdate(ApiModel):
    name: Annotated[str | None, NotNull()] = Field(default=None, min_length=2, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    notice_days: Annotated[int | None, NotNull()] = Field(
        default=None, ge=0, le=30, description="May grow, not shrink, once results were on notice"
    )


class CompetitionOrgRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    org_id: uuid.UUID
    role: OrgRole
    org_name: str


class CompetitionRead(BaseModel):
    id: uuid.UUID
    name: str
    kind: CompetitionKind
    level: CompetitionLevel
    year: int
    status: CompetitionStatus
    description: str | None
    notice_days: int
    demo: bool
    orgs: list[CompetitionOrgRead]
    created_at: datetime
    finalised_at: datetime | None
    awarded_on: date | None


class EligibilityIn(ApiModel):
    employment_forms: list[str] = Field(
        default_factory=list,
        max_length=10,
        description="Employment forms admitted (membership's values); empty admits all",
    )
    org_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=50,
        description="Members of these organisations' sub-trees may enter; empty admits all",
    )

    @model_validator(mode="after")
    def _forms(self) -> Self:
        for form in self.employment_forms:
            if not re.fullmatch(EMPLOYMENT_FORM, form):
                raise ValueError(f"not an employment form: {form!r}")
        return self


class EligibleOrgRead(BaseModel):
    id: uuid.UUID
    name: str


class EligibilityRead(BaseModel):
    employment_forms: list[str]
    orgs: list[EligibleOrgRead]


class GroupIn(ApiModel):
    kind: GroupKind
    name: str = Field(min_length=1, max_length=100, examples=["职工组"])
    prizes: list[PrizeRule] | None = Field(
        default=None, max_length=10, description="Omit for first 1, second 2-3, third 4-6"
    )
    honours: list[HonourRule] | None = Field(
        default=None,
        max_length=3,
        description="Omit for the defaults: medal or Worker Pioneer, Technical Expert if "
        "vocational; none for students",
    )

    @model_validator(mode="after")
    def _rules(self) -> Self:
        if self.prizes is not None:
            self.prizes = check_prize_rules(self.prizes)
        if self.kind is GroupKind.STUDENT and self.honours:
            raise ValueError("students take prizes but no honours")
        return self


class GroupAwardsUpdate(ApiModel):
    prizes: list[PrizeRule] = Field(max_length=10)
    honours: list[HonourRule] = Field(default_factory=list, max_length=3)

    @model_validator(mode="after")
    def _rules(self) -> Self:
        self.prizes = check_prize_rules(self.prizes)
        return self


class AdvancementIn(ApiModel):
    group: str = Field(description="The group's name")
    kind: AdvancementKind
    value: Score = Field(description="N, a percentage, or the score threshold")

    @model_validator(mode="after")
    def _value(self) -> Self:
        check_advancement(self.kind, self.value)
        return self


def check_advancement(kind: AdvancementKind, value: Decimal) -> None:
    if kind is AdvancementKind.TOP_N and (value < 1 or value != value.to_integral_value()):
        raise ValueError("top_n takes a whole number of entries, at least 1")
    if kind is AdvancementKind.TOP_PERCENT and not Decimal(0) < value <= Decimal(100):
        raise ValueError("top_percent takes a percentage above 0, at most 100")


class StageIn(ApiModel):
    kind: StageKind
    advancement: list[AdvancementIn] = Field(
        default_factory=list, description="One rule per group; none for the final"
    )


class EventCreate(ApiModel):
    name: str = Field(min_length=1, max_length=200, examples=["产科临床技能"])
    format: EventFormat
    team_size: int | None = Field(default=None, ge=2, le=20)
    vocational: bool | None = Field(
        default=None, description="Winners become Technical Experts; default: a skills contest"
    )
    rubric: Rubric
    aggregation: Aggregation = Aggregation.TRIMMED_MEAN
    trim_min_judges: int = Field(
        default=5, ge=3, le=50, description="Judges needed before highest and lowest are dropped"
    )
    judges_per_entry: int = Field(ge=1, le=50)
    spread_threshold: Score | None = Field(
        default=None, description="Highest minus lowest total above this flags for review"
    )
    eligibility: EligibilityIn = Field(default_factory=EligibilityIn)
    groups: list[GroupIn] = Field(min_length=1, max_length=5)
    stages: list[StageIn] = Field(min_length=1, max_length=3)

    @model_validator(mode="after")
    def _shape(self) -> Self:
        if (self.format is EventFormat.TEAM) != (self.team_size is not None):
            raise ValueError("team events, and only they, have a team_size")
        names = [g.name for g in self.groups]
        if len(set(names)) != len(names):
            raise ValueError("group names must be unique")
        order = [STAGE_ORDER[s.kind] for s in self.stages]
        if order != sorted(set(order)) or self.stages[-1].kind is not StageKind.FINAL:
            raise ValueError("stages run preliminary → semifinal → final, ending with the final")
        for stage in self.stages:
            ruled = [rule.group for rule in stage.advancement]
            if stage.kind is StageKind.FINAL:
                if ruled:
                    raise ValueError("nobody advances from the final")
            elif sorted(ruled) != sorted(names):
                raise ValueError(f"the {stage.kind.value} needs one advancement rule per group")
        return self


class EventUpdate(ApiModel):
    """Changes while no stage of the event has started."""

    name: Annotated[str | None, NotNull()] = Field(default=None, min_length=1, max_length=200)
    vocational: Annotated[bool | None, NotNull()] = None
    rubric: Rubric | None = None
    aggregation: Annotated[Aggregation | None, NotNull()] = None
    trim_min_judges: Annotated[int | None, NotNull()] = Field(default=None, ge=3, le=50)
    judges_per_entry: Annotated[int | None, NotNull()] = Field(default=None, ge=1, le=50)
    spread_threshold: Score | None = None
    eligibility: EligibilityIn | None = None


class AdvancementRuleIn(ApiModel):
    group_id: uuid.UUID
    kind: AdvancementKind
    value: Score

    @model_validator(mode="after")
    def _value(self) -> Self:
        check_advancement(self.kind, self.value)
        return self


class AdvancementRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    group_id: uuid.UUID
    kind: AdvancementKind
    value: Score


class GroupRead(BaseModel):
    id: uuid.UUID
    kind: GroupKind
    name: str
    prizes: list[PrizeRule]
    honours: list[HonourRule]


class StageRead(BaseModel):
    id: uuid.UUID
    kind: StageKind
    seq: int
    status: StageStatus
    started_at: datetime | None
    ranked_at: datetime | None
    published_at: datetime | None
    notice_ends_at: datetime | None
    closed_at: datetime | None
    advancement: list[AdvancementRead]


class EventRead(BaseModel):
    id: uuid.UUID
    competition_id: uuid.UUID
    name: str
    format: EventFormat
    team_size: int | None
    vocational: bool
    rubric: Rubric
    aggregation: Aggregation
    trim_min_judges: int
    judges_per_entry: int
    spread_threshold: Score | None
    eligibility: EligibilityRead
    groups: list[GroupRead]
    stages: list[StageRead]
