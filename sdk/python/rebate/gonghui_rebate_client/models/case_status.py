from enum import StrEnum


class CaseStatus(StrEnum):
    APPROVED = "approved"
    INSTRUCTED = "instructed"
    PAID = "paid"
    PENDING_APPROVAL = "pending_approval"
    PENDING_REVIEW = "pending_review"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
