import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from membership.enterprises.models import Enterprise, SizeClass
from membership.orgs.schemas import REGION_CODE
from servicekit.schemas import ApiModel, NotNull

MAX_LOOKUP = 1000
# Generous on purpose: a wrong length is answered by the credit-code check with its reason.
_RawUscc = Annotated[str, StringConstraints(min_length=1, max_length=64)]
UsccField = Field(
    description="Unified Social Credit Code (GB 32100); case and surrounding spaces are ignored",
    examples=["91330102MA2H0X1A03"],
)


def _without_spaces(value: object) -> object:
    return value.replace(" ", "") if isinstance(value, str) else value


# The document states what is taken, spaces included: the pattern checked after they are
# removed does not reach it on its own (fuzzing sent letters the document allowed).
AccountNumber = Annotated[
    str,
    BeforeValidator(_without_spaces),
    StringConstraints(pattern=r"^\d{8,30}$"),
    Field(json_schema_extra={"pattern": r"^ *(\d *){8,30}$"}),
]


class UnionBankAccountIn(ApiModel):
    bank_name: str = Field(min_length=1, max_length=100, examples=["中国工商银行杭州上城支行"])
    account_name: str = Field(
        min_length=1, max_length=200, examples=["杭州某某科技有限公司工会委员会"]
    )
    account_no: AccountNumber = Field(
        description="8-30 digits; spaces are ignored. Stored encrypted, only ever shown masked",
        examples=["6222 0212 0300 1234"],
    )


class UnionBankAccountRead(BaseModel):
    bank_name: str
    account_name: str
    account_no_masked: str = Field(examples=["************1234"])


class EnterpriseCreate(ApiModel):
    uscc: _RawUscc = UsccField
    name: str = Field(min_length=1, max_length=200)
    region_code: str = Field(pattern=REGION_CODE, max_length=6, examples=["330102"])
    size_class: SizeClass
    affiliated_org_id: uuid.UUID = Field(description="The federation it is affiliated to")
    union_org_id: uuid.UUID | None = Field(
        default=None, description="Its own grassroots union, if it has one"
    )
    union_bank_account: UnionBankAccountIn | None = Field(
        default=None, description="The bank account of its own union, if it has one"
    )


class EnterpriseUpdate(ApiModel):
    """Fields left out stay as they are; `null` removes the union or its bank account."""

    name: Annotated[str | None, NotNull()] = Field(default=None, min_length=1, max_length=200)
    size_class: Annotated[SizeClass | None, NotNull()] = None
    region_code: Annotated[str | None, NotNull()] = Field(
        default=None, pattern=REGION_CODE, max_length=6
    )
    union_org_id: uuid.UUID | None = Field(
        default=None,
        description="Changing or removing the union also removes its bank account, "
        "unless a new one is given in the same request",
    )
    union_bank_account: UnionBankAccountIn | None = None


class AffiliationChange(ApiModel):
    org_id: uuid.UUID = Field(description="The federation the enterprise is now affiliated to")


class EnterpriseRead(BaseModel):
    id: uuid.UUID
    uscc: str
    needs_review: bool = Field(
        description="The GB 32100 check character does not match: kept, but a person should look"
    )
    name: str
    region_code: str
    size_class: SizeClass
    affiliated_org_id: uuid.UUID
    union_org_id: uuid.UUID | None
    union_bank_account: UnionBankAccountRead | None
    created_at: datetime

    @classmethod
    def of(cls, enterprise: Enterprise) -> "EnterpriseRead":
        return cls(
            id=enterprise.id,
            uscc=enterprise.uscc,
            needs_review=enterprise.needs_review,
            name=enterprise.name,
            region_code=enterprise.region_code,
            size_class=enterprise.size_class,
            affiliated_org_id=enterprise.affiliated_org_id,
            union_org_id=enterprise.union_org_id,
            union_bank_account=_account_of(enterprise),
            created_at=enterprise.created_at,
        )


def _account_of(enterprise: Enterprise) -> UnionBankAccountRead | None:
    if enterprise.union_account_no_masked is None:
        return None
    return UnionBankAccountRead(
        bank_name=enterprise.union_bank_name or "",
        account_name=enterprise.union_account_name or "",
        account_no_masked=enterprise.union_account_no_masked,
    )


class AffiliationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    org_id: uuid.UUID
    started_at: datetime
    ended_at: datetime | None = Field(description="null for the current affiliation")
    changed_by: str = Field(description="Subject of the account that made the change")


class EnterpriseLookup(ApiModel):
    usccs: list[_RawUscc] = Field(min_length=1, max_length=MAX_LOOKUP)


class EnterpriseLookupItem(BaseModel):
    id: uuid.UUID
    uscc: str
    name: str
    size_class: SizeClass
    region_code: str
    needs_review: bool
    affiliated_org_id: uuid.UUID
    affiliated_org_path: str = Field(
        description="Path of organisation ids from the root: sub-tree checks in other services"
    )
    union_org_id: uuid.UUID | None
    has_union_account: bool
    union_account_no_masked: str | None


class LookupMiss(BaseModel):
    uscc: str = Field(description="The code as it was sent")
    reason: Literal["not_found", "malformed"] = Field(
        description="`not_found` also covers enterprises outside your sub-tree"
    )


class EnterpriseLookupResult(BaseModel):
    found: list[EnterpriseLookupItem]
    missing: list[LookupMiss]


class UnionBankAccountFull(BaseModel):
    """The account in clear, for the rebate service to instruct a payout; nobody else."""

    bank_name: str
    account_name: str
    account_no: str


class UsccReview(BaseModel):
    """The code as printed on the business licence: the registered one (confirmed as it
    stands) or the right one (a correction, which must pass the check)."""

    model_config = ConfigDict(extra="forbid")

    uscc: _RawUscc = UsccField
    note: str | None = Field(default=None, max_length=500, examples=["已核对营业执照原件"])


class EnterpriseReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    reviewed_at: datetime
    reviewed_by: str
    uscc_before: str
    uscc_after: str
    note: str | None
