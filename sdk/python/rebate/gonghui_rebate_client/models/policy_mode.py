from enum import StrEnum


class PolicyMode(StrEnum):
    APPLICATION = "application"
    AUTOMATIC = "automatic"

    def __str__(self) -> str:
        return str(self.value)
