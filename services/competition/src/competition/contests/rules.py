"""The rules an event is run by, as typed documents: its rubric, its prizes and the honours
they lead to. Stored as JSON on the event and its groups, edited whole."""

import enum
from decimal import Decimal
from itertools import pairwise
from typing import Self

from pydantic import ConfigDict, Field, model_validator

from competition.awards.models import HonourKind, Prize
from competition.decimals import Mark, Weight
from servicekit.schemas import ApiModel

CRITERION_CODE = r"^[a-z][a-z0-9_]{0,31}$"


class CriterionKind(enum.StrEnum):
    MEASURED = "measured"  # a time, a count, a distance: taken, not judged
    JUDGED = "judged"


class Criterion(ApiModel):
    """One line of the rubric. A sheet's total is the sum of weight × value, where value is
    the mark itself, or for a lower-is-better criterion its mirror within the range
    (min + max − mark), so the fastest time earns the most."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(pattern=CRITERION_CODE, examples=["skill"])
    name: str = Field(min_length=1, max_length=100, examples=["技能操作"])
    kind: CriterionKind
    min_mark: Mark = Field(default=Decimal(0), ge=0)
    max_mark: Mark = Field(gt=0)
    weight: Weight = Field(description="0 keeps the criterion out of the total (tie-break only)")
    higher_is_better: bool = True

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.min_mark >= self.max_mark:
            raise ValueError("min_mark must be below max_mark")
        return self

    def weighted(self, mark: Decimal) -> Decimal:
        value = mark if self.higher_is_better else self.min_mark + self.max_mark - mark
        return self.weight * value


class Rubric(ApiModel):
    model_config = ConfigDict(frozen=True)

    criteria: list[Criterion] = Field(min_length=1, max_length=30)
    tie_breaks: list[str] = Field(
        default_factory=list,
        max_length=5,
        description="Criterion codes, in order, that break ties of the aggregated score",
    )

    @model_validator(mode="after")
    def _codes(self) -> Self:
        codes = [c.code for c in self.criteria]
        if len(set(codes)) != len(codes):
            raise ValueError("criterion codes must be unique")
        unknown = [code for code in self.tie_breaks if code not in codes]
        if unknown:
            raise ValueError(f"tie_breaks name unknown criteria: {', '.join(unknown)}")
        if len(set(self.tie_breaks)) != len(self.tie_breaks):
            raise ValueError("a criterion breaks ties once")
        return self

    def criterion(self, code: str) -> Criterion:
        return next(c for c in self.criteria if c.code == code)


class PrizeRule(ApiModel):
    """Ranks `min_rank`..`max_rank` of a group's final win `prize`; tied entries share it."""

    model_config = ConfigDict(frozen=True)

    prize: Prize
    min_rank: int = Field(ge=1)
    max_rank: int = Field(ge=1)

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.min_rank > self.max_rank:
            raise ValueError("min_rank must not exceed max_rank")
        return self


def check_prize_rules(rules: list[PrizeRule]) -> list[PrizeRule]:
    ordered = sorted(rules, key=lambda r: r.min_rank)
    for before, after in pairwise(ordered):
        if after.min_rank <= before.max_rank:
            raise ValueError("prize rank ranges must not overlap")
    return ordered


class HonourRule(ApiModel):
    """Entries ranked 1..`max_rank` in the group's final are put forward for `honour`."""

    model_config = ConfigDict(frozen=True)

    honour: HonourKind
    max_rank: int = Field(default=1, ge=1, le=100)


DEFAULT_PRIZES = [
    PrizeRule(prize=Prize.FIRST, min_rank=1, max_rank=1),
    PrizeRule(prize=Prize.SECOND, min_rank=2, max_rank=3),
    PrizeRule(prize=Prize.THIRD, min_rank=4, max_rank=6),
]


def default_honours(team: bool, vocational: bool, student: bool) -> list[HonourRule]:
    """An individual winner → May Day Labour Medal, a winning team → Worker Pioneer, winners
    of vocational events → Technical Expert; students take prizes but no honours."""
    if student:
        return []
    rules = [
        HonourRule(honour=HonourKind.WORKER_PIONEER if team else HonourKind.MAY_DAY_LABOUR_MEDAL)
    ]
    if vocational:
        rules.append(HonourRule(honour=HonourKind.TECHNICAL_EXPERT))
    return rules
