from enum import StrEnum


class ObjectionStatus(StrEnum):
    DISMISSED = "dismissed"
    LODGED = "lodged"
    RESOLVED = "resolved"
    UPHELD = "upheld"

    def __str__(self) -> str:
        return str(self.value)
