from enum import StrEnum


class GroupKind(StrEnum):
    EMPLOYEE = "employee"
    STUDENT = "student"

    def __str__(self) -> str:
        return str(self.value)
