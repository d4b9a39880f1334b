from enum import StrEnum


class PayoutStatus(StrEnum):
    FAILED = "failed"
    INSTRUCTED = "instructed"
    PAID = "paid"

    def __str__(self) -> str:
        return str(self.value)
