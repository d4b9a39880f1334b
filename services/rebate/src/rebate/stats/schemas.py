import uuid
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

PERIOD_PATTERN = r"^(19|20)\d{2}-(0[1-9]|1[0-2])$"

# Fixed-point text on the wire ("143000000.00", never "1.43E+8"), as every amount of the API.
_AS_TEXT = PlainSerializer(lambda value: format(value, "f"), return_type=str, when_used="json")
Money = Annotated[Decimal, _AS_TEXT, Field(examples=["143000000.00"])]
Percent = Annotated[Decimal, _AS_TEXT, Field(examples=["34.91"])]


class Refunded(BaseModel):
    enterprises: int = Field(description="Distinct enterprises with a paid case in the range")
    amount: Money = Field(
        description="Money the bank confirmed paid (payouts in status paid) for those cases"
    )


class Pending(BaseModel):
    cases: int = Field(description="Cases awaiting review, approval, instruction or the bank")
    amount: Money = Field(description="What those cases will pay: refund less set-off")


class Rejected(BaseModel):
    cases: int


class PreviousYear(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    period_from: str = Field(alias="from", examples=["2025-01"])
    period_to: str = Field(alias="to", examples=["2025-08"])
    refunded: Refunded


class Growth(BaseModel):
    """Year on year, in percent with two decimals; null when the previous year has nothing."""

    enterprises: Percent | None = Field(examples=["58.38"])
    amount: Percent | None = Field(examples=["34.91"])


class RebateStats(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    org_id: uuid.UUID | None = Field(
        description="The sub-tree counted; null: everything the caller may see"
    )
    period_from: str = Field(alias="from", examples=["2026-01"])
    period_to: str = Field(alias="to", examples=["2026-08"])
    refunded: Refunded
    pending: Pending
    rejected: Rejected
    previous_year: PreviousYear
    growth: Growth
