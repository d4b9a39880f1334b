from enum import StrEnum


class MemberRegisterState(StrEnum):
    ACTIVE = "active"
    SERVICE_RECIPIENT = "service_recipient"

    def __str__(self) -> str:
        return str(self.value)
