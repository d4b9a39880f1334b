from enum import StrEnum


class CallbackOutcome(StrEnum):
    APPLIED = "applied"
    CONTRADICTION = "contradiction"
    ORPHAN = "orphan"
    REPEATED = "repeated"

    def __str__(self) -> str:
        return str(self.value)
