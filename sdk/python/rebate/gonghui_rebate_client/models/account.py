from enum import StrEnum


class Account(StrEnum):
    FEES_COLLECTED = "fees_collected"
    FEES_HELD = "fees_held"
    RECEIVABLE = "receivable"
    REFUNDS = "refunds"
    REFUNDS_PAYABLE = "refunds_payable"

    def __str__(self) -> str:
        return str(self.value)
