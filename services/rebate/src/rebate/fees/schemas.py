from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetPydanticSchema,
    StringConstraints,
)
from pydantic_core import core_schema

from servicekit.schemas import ApiModel

# Money arrives as a decimal string with two places ("2469.12"); a JSON number is refused,
# because a float cannot carry cents exactly. Checked and converted inside pydantic-core (a
# Python validator here was a third of the time of checking a 10,000-record delivery).
_MONEY = core_schema.custom_error_schema(
    core_schema.chain_schema(
        [
            core_schema.str_schema(pattern=r"^\d{1,15}\.\d{2}$", strict=True),
            core_schema.decimal_schema(),
        ]
    ),
    custom_error_type="money",
    custom_error_message='money is a string with two decimal places, such as "2469.12"',
)
MoneyString = Annotated[Decimal, GetPydanticSchema(lambda _type, _handler: _MONEY)]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
UsccString = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, pattern=rf"^[{USCC_ALPHABET}]{{18}}$"),
]
Period = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


def _digits(value: object) -> object:
    return value.replace(" ", "") if isinstance(value, str) else value


class PayerAccountIn(ApiModel):
    bank: str = Field(min_length=1, max_length=100)
    account_no: Annotated[str, BeforeValidator(_digits), StringConstraints(pattern=r"^\d{8,30}$")]
    account_name: str = Field(min_length=1, max_length=200)


class FeeRecordIn(ApiModel):
    record_id: str = Field(min_length=1, max_length=100)
    uscc: UsccString
    enterprise_name: str = Field(min_length=1, max_length=200)
    region_code: Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
    period: Period
    payroll_total: MoneyString
    fee_amount: MoneyString
    paid_at: AwareDatetime
    payer_account: PayerAccountIn
    tax_office: str = Field(min_length=1, max_length=200)


class FeeVoidIn(ApiModel):
    """A payment the partner takes back in full (`fee.voided`)."""

    record_id: str = Field(min_length=1, max_length=100)
    reason: str | None = Field(default=None, max_length=500)


class FeeDelivery(ApiModel):
    """The body of a tax partner's `fee.recorded` / `fee.corrected` / `fee.voided` webhook."""

    type: Literal["fee.recorded", "fee.corrected", "fee.voided"]
    timestamp: datetime
    data: dict[str, list[object]] = Field(description='{"records": [...]}')


class Rejection(BaseModel):
    record_id: str | None
    reason: str


class DeliveryResult(BaseModel):
    accepted: int
    duplicates: int
    rejected: list[Rejection]
    probable_duplicates: list[str] = Field(
        default_factory=list,
        description="record ids stored but held in the queue: the same payment as another record",
    )
    duplicate: bool = Field(
        default=False, description="true: this delivery was received before; its first answer"
    )


class FeeRecordRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    record_id: str
    version: int
    uscc: str
    enterprise_name: str
    region_code: str
    period: str
    payroll_total: Decimal
    fee_amount: Decimal
    paid_at: datetime
    payer_bank: str
    payer_account_name: str
    payer_account_no_masked: str
    tax_office: str
    received_at: datetime
    superseded_at: datetime | None
    voided_at: datetime | None
