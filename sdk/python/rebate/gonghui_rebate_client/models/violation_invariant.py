from enum import StrEnum


class ViolationInvariant(StrEnum):
    AUDIT_CHAIN = "audit_chain"
    PAYOUT_ONCE = "payout_once"
    PLACEMENT = "placement"
    REFUND_DUE = "refund_due"
    TRIAL_BALANCE = "trial_balance"

    def __str__(self) -> str:
        return str(self.value)
