from enum import StrEnum


class ServiceClientCreateRolesItem(StrEnum):
    PARTNER = "partner"
    SERVICE = "service"

    def __str__(self) -> str:
        return str(self.value)
