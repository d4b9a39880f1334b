from enum import StrEnum


class ExceptionReason(StrEnum):
    BANK_CONTRADICTION = "bank_contradiction"
    EXCLUDED = "excluded"
    INELIGIBLE_SIZE = "ineligible_size"
    NEEDS_REVIEW = "needs_review"
    ORPHAN_CALLBACK = "orphan_callback"
    OUTSIDE_POLICY = "outside_policy"
    PROBABLE_DUPLICATE = "probable_duplicate"
    TOP_UP_DUE = "top_up_due"
    UNMATCHED = "unmatched"
    ZERO_REFUND = "zero_refund"

    def __str__(self) -> str:
        return str(self.value)
