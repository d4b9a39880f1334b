from enum import StrEnum


class CompetitionStatus(StrEnum):
    DRAFT = "draft"
    FINALISED = "finalised"
    REGISTRATION = "registration"
    RUNNING = "running"

    def __str__(self) -> str:
        return str(self.value)
