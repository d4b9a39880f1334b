from enum import StrEnum


class AccountCreateRolesItem(StrEnum):
    ADMIN = "admin"
    CADRE = "cadre"
    ENTERPRISE = "enterprise"
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)
