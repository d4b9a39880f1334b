import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from rebate.cases.models import CaseStatus
from rebate.payouts.models import CallbackOutcome, PayoutStatus
from rebate.policies.models import Destination
from servicekit.schemas import ApiModel

PAID = "payout.paid"
FAILED = "payout.failed"


class BankCallbackData(ApiModel):
    idempotency_key: str = Field(min_length=1, max_length=100, examples=["payout:5f0c…"])
    bank_reference: str | None = Field(default=None, max_length=100)
    reason: str | None = Field(default=None, max_length=500, examples=["账户已销户"])


class BankCallback(ApiModel):
    """The body of a bank's `payout.paid` / `payout.failed` webhook."""

    type: Literal["payout.paid", "payout.failed"]
    timestamp: datetime
    data: BankCallbackData


class CallbackResult(BaseModel):
    """Every verified answer is kept and acknowledged; `outcome` says what it did."""

    idempotency_key: str
    outcome: CallbackOutcome = Field(
        description="applied; repeated (we had this answer); contradiction (the other answer "
        "after one was taken: kept and queued for a person); orphan (no payout of yours has "
        "this key: kept for a person)"
    )
    payout_status: PayoutStatus | None
    case_status: CaseStatus | None
    duplicate: bool = Field(description="True when this webhook-id was received before")


class PayoutRead(BaseModel):
    """A payout as anyone may see it: the account number only masked."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    attempt: int
    idempotency_key: str
    destination: Destination
    bank_name: str
    account_name: str
    account_no_masked: str
    amount: Decimal
    status: PayoutStatus
    bank_reference: str | None
    failure_reason: str | None
    created_at: datetime
    settled_at: datetime | None


class OutboxMessageRead(BaseModel):
    """A queued outbound delivery; payloads hold ids and amounts, never account numbers."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    topic: str
    message_key: str
    payload: dict[str, Any]
    status: Literal["pending", "delivered", "dead"]
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
