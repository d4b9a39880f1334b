"""The webhooks of the rebate service as part of its published contract (OpenAPI 3.1
`webhooks`): what tax and bank partners send us, and what we send them. Every delivery, either
way, is signed per Standard Webhooks: `webhook-id`, `webhook-timestamp` (Unix seconds, five
minutes of tolerance) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body>`
with the partner's `whsec_` secret; several during a rotation)."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, FastAPI, Header
from pydantic import BaseModel, Field, WithJsonSchema

from rebate.fees.schemas import FeeRecordIn, FeeVoidIn
from rebate.payouts.schemas import BankCallback

SIGNED = (
    "Signed per Standard Webhooks with the partner's secret; a repeated webhook-id is "
    "answered with the first answer and changes nothing."
)


class FeeRecords(BaseModel):
    records: list[FeeRecordIn] = Field(max_length=10_000)


class FeeVoids(BaseModel):
    records: list[FeeVoidIn] = Field(max_length=10_000)


class FeeRecordedEvent(BaseModel):
    """New union-fee payments (a record id is taken once per partner)."""

    type: Literal["fee.recorded"]
    timestamp: datetime
    data: FeeRecords


class FeeCorrectedEvent(BaseModel):
    """New versions of records sent before (an amount, credit code or period changed; 0.00
    takes the payment back)."""

    type: Literal["fee.corrected"]
    timestamp: datetime
    data: FeeRecords


class FeeVoidedEvent(BaseModel):
    """Payments taken back in full."""

    type: Literal["fee.voided"]
    timestamp: datetime
    data: FeeVoids


# Amounts we send are strings with two decimal places (`str(Decimal)` of a fen-rounded
# amount), never JSON numbers: a receiver parsing them as floats would lose fen.
Yuan = Annotated[
    Decimal,
    WithJsonSchema({"type": "string", "pattern": r"^\d+\.\d{2}$", "examples": ["1234.50"]}),
]


class PayeeAccount(BaseModel):
    bank: str
    account_name: str
    account_no: str = Field(description="In full: only this delivery carries it")


class PayoutInstruction(BaseModel):
    idempotency_key: str = Field(description="The bank pays a key at most once")
    payout_id: str
    amount: Yuan = Field(description="Decimal string with two places")
    currency: Literal["CNY"]
    account: PayeeAccount
    remittance: str = Field(examples=["工会经费返还 91350102MA0000001L 2026-03"])


class PayoutInstructedEvent(BaseModel):
    """Sent to the bank the policy names; answer with payout.paid or payout.failed."""

    type: Literal["payout.instructed"]
    timestamp: datetime
    data: PayoutInstruction


class RebatePaidNotice(BaseModel):
    uscc: str
    period: str
    record_ids: list[str] = Field(description="The partner's records this refund covers")
    amount: Yuan = Field(description="Paid to the enterprise")
    set_off: Yuan = Field(description="Kept back against an earlier overpayment")
    paid_at: datetime
    bank_reference: str | None


class RebatePaidEvent(BaseModel):
    """Sent to each tax partner whose records a paid case refunds."""

    type: Literal["rebate.paid"]
    timestamp: datetime
    data: RebatePaidNotice


WebhookId = Annotated[str, Header(alias="webhook-id")]
WebhookTimestamp = Annotated[str, Header(alias="webhook-timestamp")]
WebhookSignature = Annotated[str, Header(alias="webhook-signature")]


def document_webhooks(app: FastAPI) -> None:
    hooks = APIRouter()

    @hooks.post(
        "fee.recorded",
        summary="税务合作方缴费记录 · Tax partner → rebate: fee records",
        description=SIGNED,
    )
    def fee_recorded(
        body: FeeRecordedEvent, i: WebhookId, t: WebhookTimestamp, s: WebhookSignature
    ) -> None: ...

    @hooks.post(
        "fee.corrected",
        summary="税务合作方更正记录 · Tax partner → rebate: corrections",
        description=SIGNED,
    )
    def fee_corrected(
        body: FeeCorrectedEvent, i: WebhookId, t: WebhookTimestamp, s: WebhookSignature
    ) -> None: ...

    @hooks.post(
        "fee.voided", summary="税务合作方作废记录 · Tax partner → rebate: voids", description=SIGNED
    )
    def fee_voided(
        body: FeeVoidedEvent, i: WebhookId, t: WebhookTimestamp, s: WebhookSignature
    ) -> None: ...

    @hooks.post(
        "payout.paid / payout.failed",
        summary="银行回执 · Bank → rebate: the answer to an instruction",
        description=SIGNED + " Every verified answer is kept and acknowledged.",
    )
    def bank_answer(
        body: BankCallback, i: WebhookId, t: WebhookTimestamp, s: WebhookSignature
    ) -> None: ...

    @hooks.post(
        "payout.instructed",
        summary="付款指令 · Rebate → bank: pay this amount to this account",
        description="Signed with the bank's secret; retried on a backoff until answered 2xx.",
    )
    def payout_instructed(
        body: PayoutInstructedEvent, i: WebhookId, t: WebhookTimestamp, s: WebhookSignature
    ) -> None: ...

    @hooks.post(
        "rebate.paid",
        summary="返还到账通知 · Rebate → tax partner: a refund of its records was paid",
        description="Signed with the tax partner's secret; retried on a backoff.",
    )
    def rebate_paid(
        body: RebatePaidEvent, i: WebhookId, t: WebhookTimestamp, s: WebhookSignature
    ) -> None: ...

    app.webhooks.include_router(hooks)
