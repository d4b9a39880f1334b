import uuid
from typing import Literal

from pydantic import BaseModel, Field

Invariant = Literal[
    "trial_balance",
    "placement",
    "refund_due",
    "payout_once",
    "payout_as_instructed",
    "granted_as_approved",
    "paid_as_granted",
    "receivable_explained",
    "audit_chain",
]


class Violation(BaseModel):
    invariant: Invariant = Field(
        description="trial_balance: the ledger balances; placement: each current fee record in "
        "at most one case or open queue entry, and in one (or dismissed by a person) once its "
        "enterprise has a live case or a finished run passed over it; refund_due: granted "
        "plus under review equals the refund due, never above collected; payout_once: no "
        "payout paid twice; "
        "payout_as_instructed: a payout's amount is the one its instruction put on the audit "
        "chain and its payment on the ledger; granted_as_approved: a granted case's refund and "
        "set-off are what its last approval booked, less reductions since; paid_as_granted: a "
        "paid case's payments and set-off equal what was granted plus what is owed back; "
        "receivable_explained: each overpayment owed back comes from a contradictory bank "
        "answer or a reduction, and no enterprise has more set off than it owed; audit_chain: "
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
    violations: list[Violation] = Field(
        description="empty is the normal state; a reviewer sees those placed in its sub-tree, "
        "admins every one"
    )
