from enum import StrEnum


class GrantStatus(StrEnum):
    QUEUED = "queued"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return str(self.value)
