from enum import StrEnum


class ReviewStep(StrEnum):
    APPROVAL = "approval"
    REVIEW = "review"

    def __str__(self) -> str:
        return str(self.value)
