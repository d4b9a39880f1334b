from enum import StrEnum


class MemberState(StrEnum):
    ACTIVE = "active"
    APPLIED = "applied"
    REJECTED = "rejected"
    SERVICE_RECIPIENT = "service_recipient"
    SUSPENDED = "suspended"
    TRANSFERRING = "transferring"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
