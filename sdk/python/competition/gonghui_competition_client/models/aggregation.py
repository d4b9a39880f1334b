from enum import StrEnum


class Aggregation(StrEnum):
    MEAN = "mean"
    TRIMMED_MEAN = "trimmed_mean"

    def __str__(self) -> str:
        return str(self.value)
