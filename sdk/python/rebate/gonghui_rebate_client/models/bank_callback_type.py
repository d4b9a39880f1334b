from enum import StrEnum


class BankCallbackType(StrEnum):
    PAYOUT_FAILED = "payout.failed"
    PAYOUT_PAID = "payout.paid"

    def __str__(self) -> str:
        return str(self.value)
