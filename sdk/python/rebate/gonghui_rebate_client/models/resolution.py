from enum import StrEnum


class Resolution(StrEnum):
    DISMISSED = "dismissed"
    REMATCHED = "rematched"
    RERUN = "rerun"
    VOIDED = "voided"

    def __str__(self) -> str:
        return str(self.value)
