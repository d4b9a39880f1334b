import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, UrlConstraints

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


class PartnerCreate(ApiModel):
    name: str = Field(min_length=1, max_length=200, examples=["福建省税务局"])
    kind: PartnerKind
    webhook_url: WebhookUrl | None = Field(
        default=None, description="Where signed payout instructions or notices are delivered"
    )


class PartnerUpdate(ApiModel):
    name: Annotated[str | None, NotNull()] = Field(default=None, min_length=1, max_length=200)
    webhook_url: WebhookUrl | None = Field(default=None, description="`null` removes it")
    is_active: Annotated[bool | None, NotNull()] = None


class PartnerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: PartnerKind
    webhook_url: str | None
    is_active: bool
    created_at: datetime


class PartnerCreated(BaseModel):
    id: uuid.UUID
    name: str
    kind: PartnerKind
    secret: str = Field(description="Standard Webhooks secret (whsec_...); shown once")


class SecretRotated(BaseModel):
    secret: str = Field(description="The new secret; shown once")
    previous_valid_until: datetime = Field(description="Until then the old secrets still verify")
