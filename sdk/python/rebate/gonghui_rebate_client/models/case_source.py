from enum import StrEnum


class CaseSource(StrEnum):
    APPLICATION = "application"
    AUTOMATIC = "automatic"
    SUPPLEMENTARY = "supplementary"

    def __str__(self) -> str:
        return str(self.value)
