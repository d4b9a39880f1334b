from enum import StrEnum


class AdvancementKind(StrEnum):
    THRESHOLD = "threshold"
    TOP_N = "top_n"
    TOP_PERCENT = "top_percent"

    def __str__(self) -> str:
        return str(self.value)
