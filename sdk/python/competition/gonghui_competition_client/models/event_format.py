from enum import StrEnum


class EventFormat(StrEnum):
    INDIVIDUAL = "individual"
    TEAM = "team"

    def __str__(self) -> str:
        return str(self.value)
