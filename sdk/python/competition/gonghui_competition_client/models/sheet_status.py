from enum import StrEnum


class SheetStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    VOID = "void"

    def __str__(self) -> str:
        return str(self.value)
