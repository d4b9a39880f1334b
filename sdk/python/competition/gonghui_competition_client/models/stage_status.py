from enum import StrEnum


class StageStatus(StrEnum):
    CLOSED = "closed"
    PLANNED = "planned"
    PUBLISHED = "published"
    RANKED = "ranked"
    RESCORING = "rescoring"
    SCORING = "scoring"

    def __str__(self) -> str:
        return str(self.value)
