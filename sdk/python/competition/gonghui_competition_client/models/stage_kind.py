from enum import StrEnum


class StageKind(StrEnum):
    FINAL = "final"
    PRELIMINARY = "preliminary"
    SEMIFINAL = "semifinal"

    def __str__(self) -> str:
        return str(self.value)
