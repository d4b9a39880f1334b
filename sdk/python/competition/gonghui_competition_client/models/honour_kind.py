from enum import StrEnum


class HonourKind(StrEnum):
    MAY_DAY_LABOUR_MEDAL = "may_day_labour_medal"
    TECHNICAL_EXPERT = "technical_expert"
    WORKER_PIONEER = "worker_pioneer"

    def __str__(self) -> str:
        return str(self.value)
