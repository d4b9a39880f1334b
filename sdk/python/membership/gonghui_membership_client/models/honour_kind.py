from enum import StrEnum


class HonourKind(StrEnum):
    CRAFTSMAN = "craftsman"
    MAY_DAY_LABOUR_MEDAL = "may_day_labour_medal"
    MODEL_WORKER = "model_worker"
    TECHNICAL_EXPERT = "technical_expert"
    WORKER_PIONEER = "worker_pioneer"

    def __str__(self) -> str:
        return str(self.value)
