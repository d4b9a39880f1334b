from enum import StrEnum


class ServiceKind(StrEnum):
    GIFT = "gift"
    HEALTH_CHECK = "health_check"
    LEGAL_AID = "legal_aid"
    OTHER = "other"
    TRAINING = "training"

    def __str__(self) -> str:
        return str(self.value)
