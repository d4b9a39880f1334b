from enum import StrEnum


class CriterionKind(StrEnum):
    JUDGED = "judged"
    MEASURED = "measured"

    def __str__(self) -> str:
        return str(self.value)
