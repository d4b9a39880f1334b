import uuid
from typing import Literal

from pydantic import BaseModel, Field

Invariant = Literal["trial_balance", "placement", "refund_due", "payout_once", "audit_chain"]


class Violation(BaseModel):
    invariant: Invariant = Field(
        description="trial_balance: the ledger balances; placement: each current fee record in "
        "exactly one case or queue entry; refund_due: granted plus under review equals the "
        "refund due, never above collected; payout_once: no payout paid twice; audit_chain: "
        "the audit chain verifies"
    )
    uscc: str | None
    period: str | None
    case_id: uuid.UUID | None
    fee_record_id: uuid.UUID | None
    payout_id: uuid.UUID | None
    detail: str


class Reconciliation(BaseModel):
    period: str | None
    violations: list[Violation] = Field(description="empty is the normal state")
