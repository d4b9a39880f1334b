from enum import StrEnum


class JoinApplicationState(StrEnum):
    APPROVED = "approved"
    DISMISSED = "dismissed"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
