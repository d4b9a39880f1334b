from enum import StrEnum


class PartnerKind(StrEnum):
    BANK = "bank"
    TAX = "tax"

    def __str__(self) -> str:
        return str(self.value)
