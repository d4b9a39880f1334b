from enum import StrEnum


class Prize(StrEnum):
    EXCELLENCE = "excellence"
    FIRST = "first"
    SECOND = "second"
    SPECIAL = "special"
    THIRD = "third"

    def __str__(self) -> str:
        return str(self.value)
