from enum import StrEnum


class Attendance(StrEnum):
    COMPETING = "competing"
    NO_SHOW = "no_show"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
