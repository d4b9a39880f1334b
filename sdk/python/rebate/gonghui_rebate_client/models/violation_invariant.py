from enum import StrEnum


class ViolationInvariant(StrEnum):
    AUDIT_CHAIN = "audit_chain"
    GRANTED_AS_APPROVED = "granted_as_approved"
    PAID_AS_GRANTED = "paid_as_granted"
    PAYOUT_AS_INSTRUCTED = "payout_as_instructed"
    PAYOUT_ONCE = "payout_once"
    PLACEMENT = "placement"
    RECEIVABLE_EXPLAINED = "receivable_explained"
    REFUND_DUE = "refund_due"
    TRIAL_BALANCE = "trial_balance"

    def __str__(self) -> str:
        return str(self.value)
