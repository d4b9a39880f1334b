from enum import StrEnum


class LookupMissReason(StrEnum):
    MALFORMED = "malformed"
    NOT_FOUND = "not_found"

    def __str__(self) -> str:
        return str(self.value)
