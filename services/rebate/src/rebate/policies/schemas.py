import re
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from rebate.policies.models import Destination, PolicyMode
from servicekit.schemas import ApiModel

Period = Annotated[
    str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", max_length=7, examples=["2026-01"])
]
SizeClass = Literal["micro", "small", "medium", "large"]
_RATIO = re.compile(r"^(0\.\d{1,4}|1(\.0{1,4})?)$")


def _ratio(value: object) -> Decimal:
    if not isinstance(value, str) or not _RATIO.match(value):
        raise ValueError('a ratio is a decimal string from "0.0001" to "1.0000"')
    return Decimal(value)


class PoolAccount(ApiModel):
    bank: str = Field(min_length=1, max_length=100)
    account_name: str = Field(min_length=1, max_length=200)
    account_no: str = Field(pattern=r"^\d{8,30}$")


class BankRule(ApiModel):
    """Payouts for enterprises whose region code starts with `region_prefix` go to this bank."""

    region_prefix: str = Field(pattern=r"^\d{2,6}$", examples=["3501"])
    bank_partner_id: uuid.UUID


class QueueOffice(ApiModel):
    """The federation whose reviewers own the queue entries of records, from regions starting
    with `region_prefix`, that no register entry places (an unmatched credit code)."""

    region_prefix: str = Field(pattern=r"^\d{2,6}$", max_length=6, examples=["350102"])
    org_id: uuid.UUID = Field(description="A federation of that region, in membership")


class PolicyIn(ApiModel):
    """A refund policy. Saving it under an existing key makes a new version."""

    name: str = Field(min_length=1, max_length=200, examples=["福建省小微企业工会经费全额返还"])
    region_prefixes: list[Annotated[str, Field(pattern=r"^\d{2,6}$")]] = Field(
        min_length=1, examples=[["35"]]
    )
    period_from: Period
    period_to: Period
    size_classes: list[SizeClass] = ["micro", "small"]
    excluded_usccs: list[str] = []
    # Documented as what `_ratio` takes, a decimal string: a JSON number would be refused.
    refund_ratio: Annotated[
        Decimal,
        BeforeValidator(_ratio),
        WithJsonSchema({"type": "string", "pattern": _RATIO.pattern, "examples": ["0.5000"]}),
    ] = Decimal("1.0000")
    destinations: list[Destination] = [Destination.UNION_ACCOUNT, Destination.PAYER_ACCOUNT]
    review_steps: Literal[1, 2] = 1
    mode: PolicyMode = PolicyMode.AUTOMATIC
    county_pool: PoolAccount | None = None
    bank_rules: list[BankRule] = Field(
        default=[],
        max_length=100,
        description="Which bank pays, by region (longest prefix wins); without a match, the "
        "longest-registered active bank",
    )
    queue_offices: list[QueueOffice] = Field(
        default=[],
        max_length=1000,
        description="Who owns the queue entries of unmatched credit codes, by the record's "
        "region (longest prefix wins); without a match, admins alone",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.period_from > self.period_to:
            raise ValueError("period_from is after period_to")
        if len(set(self.destinations)) != len(self.destinations) or not self.destinations:
            raise ValueError("destinations must be distinct and not empty")
        if Destination.COUNTY_POOL in self.destinations and self.county_pool is None:
            raise ValueError("county_pool is required when it is a destination")
        prefixes = [r.region_prefix for r in self.bank_rules]
        if len(set(prefixes)) != len(prefixes):
            raise ValueError("one bank rule per region prefix")
        offices = [o.region_prefix for o in self.queue_offices]
        if len(set(offices)) != len(offices):
            raise ValueError("one queue office per region prefix")
        if not all(any(o.startswith(p) for p in self.region_prefixes) for o in offices):
            raise ValueError("a queue office's region lies within the policy's regions")
        return self


class PolicyCreate(PolicyIn):
    policy_key: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]{2,99}$", max_length=100, examples=["fj-2026-small-micro"]
    )


class PolicyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    policy_key: str
    version: int
    name: str
    region_prefixes: list[str]
    period_from: str
    period_to: str
    size_classes: list[str]
    excluded_usccs: list[str]
    refund_ratio: Decimal
    destinations: list[str]
    review_steps: int
    mode: PolicyMode
    county_pool_bank: str | None
    county_pool_account_name: str | None
    bank_rules: list[dict[str, str]]
    queue_offices: list[dict[str, str]] = Field(
        description="region_prefix, org_id, and the org_path membership gave when saved"
    )
    created_by: str
    created_at: datetime
    retired_at: datetime | None
