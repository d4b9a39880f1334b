import uuid
from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    UrlConstraints,
    model_validator,
)

from rebate.partners.models import PartnerKind
from servicekit.schemas import ApiModel, NotNull

WEBHOOK_URL_MAX = 500  # the column's length


def _fits_the_column(url: HttpUrl) -> HttpUrl:
    # The limit above applies to the text as sent; what is stored is the URL normalised
    # (a path's "/" added, characters percent-encoded), which fuzzing made 501 long: a 500.
    if len(str(url)) > WEBHOOK_URL_MAX:
        raise ValueError(f"the URL is longer than {WEBHOOK_URL_MAX} characters once normalised")
    return url


WebhookUrl = Annotated[
    HttpUrl, UrlConstraints(max_length=WEBHOOK_URL_MAX), AfterValidator(_fits_the_column)
]


RegionPrefix = Annotated[str, Field(pattern=r"^\d{2,6}$", examples=["35"])]
RegionPrefixes = Annotated[
    list[RegionPrefix],
    Field(
        max_length=100,
        description="A tax partner's regions: the beginnings of the region codes of the "
        "records it may send (`35`: all of Fujian; `350102`: one county). A record of "
        "another region is refused. Banks have none: policies choose banks.",
    ),
]


def regions_problem(kind: PartnerKind, prefixes: list[str]) -> str | None:
    """Why these regions do not suit a partner of this kind, if they do not."""
    if kind is PartnerKind.TAX and not prefixes:
        return "a tax partner is registered for at least one region (region_prefixes)"
    if kind is PartnerKind.BANK and prefixes:
        return "a bank has no regions: a policy's bank rules choose the bank by region"
    if len(set(prefixes)) != len(prefixes):
        return "each region prefix once"
    return None


class PartnerCreate(ApiModel):
    name: str = Field(min_length=1, max_length=200, examples=["福建省税务局"])
    kind: PartnerKind
    webhook_url: WebhookUrl | None = Field(
        default=None, description="Where signed payout instructions or notices are delivered"
    )
    region_prefixes: RegionPrefixes = []

    @model_validator(mode="after")
    def _regions_suit_the_kind(self) -> "PartnerCreate":
        if (problem := regions_problem(self.kind, self.region_prefixes)) is not None:
            raise ValueError(problem)
        return self


class PartnerUpdate(ApiModel):
    name: Annotated[str | None, NotNull()] = Field(default=None, min_length=1, max_length=200)
    webhook_url: WebhookUrl | None = Field(default=None, description="`null` removes it")
    is_active: Annotated[bool | None, NotNull()] = None
    region_prefixes: Annotated[RegionPrefixes | None, NotNull()] = None


class PartnerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: PartnerKind
    webhook_url: str | None
    is_active: bool
    region_prefixes: list[str]
    created_at: datetime


class PartnerCreated(BaseModel):
    id: uuid.UUID
    name: str
    kind: PartnerKind
    secret: str = Field(description="Standard Webhooks secret (whsec_...); shown once")


class SecretRotated(BaseModel):
    secret: str = Field(description="The new secret; shown once")
    previous_valid_until: datetime = Field(description="Until then the old secrets still verify")
