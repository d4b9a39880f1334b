from enum import StrEnum


class CompetitionKind(StrEnum):
    LABOUR = "labour"
    VOCATIONAL_SKILLS = "vocational_skills"

    def __str__(self) -> str:
        return str(self.value)
