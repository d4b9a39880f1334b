import uuid
from datetime import datetime
from decimal import Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rebate.cases.models import CaseSource, CaseStatus, ReviewDecision, ReviewStep
from rebate.fees.schemas import MoneyString
from servicekit.schemas import ApiModel


class CaseRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    uscc: str
    enterprise_name: str
    period: str
    org_id: uuid.UUID | None
    policy_id: uuid.UUID
    run_id: uuid.UUID | None
    source: CaseSource
    status: CaseStatus
    collected: Decimal
    refund: Decimal
    set_off: Decimal
    status_reason: str | None
    created_at: datetime
    updated_at: datetime


class DecisionIn(ApiModel):
    decision: ReviewDecision
    reason: str | None = Field(default=None, max_length=500)


class ReviewIn(DecisionIn):
    refund: MoneyString | None = Field(
        default=None,
        description="The refund you looked at; required to approve. A case whose amount changed "
        "since (a correction, a late record) is refused with 409 amount-changed: nobody "
        "approves an amount they did not see",
    )

    @model_validator(mode="after")
    def _approval_names_its_amount(self) -> Self:
        if self.decision is ReviewDecision.APPROVE and self.refund is None:
            raise ValueError("an approval names the refund it approves")
        return self


class ReopenIn(ApiModel):
    reason: str = Field(min_length=1, max_length=500, examples=["企业补充了工会成立证明"])


class BulkReviewIn(DecisionIn):
    case_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)
    refunds: dict[uuid.UUID, MoneyString] = Field(
        default_factory=dict,
        max_length=500,
        description="To approve: the refund you looked at, per case id; a case missing here or "
        "whose amount changed since is refused, the others decided",
    )


class ReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    step: ReviewStep
    decision: ReviewDecision
    reason: str | None
    actor: str
    decided_at: datetime


class FeeLine(BaseModel):
    record_id: str
    version: int
    fee_amount: Decimal
    paid_at: datetime
    payer_account_no_masked: str


class CaseDetail(CaseRead):
    fees: list[FeeLine]
    reviews: list[ReviewRead]


class BulkReviewResult(BaseModel):
    decided: list[uuid.UUID]
    refused: list[dict[str, str]] = Field(description="case_id and the reason it was not decided")


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    actor: str
    at: datetime
    detail: dict[str, object]
    hash: str
