from enum import StrEnum


class OrgRole(StrEnum):
    HOST = "host"
    ORGANISER = "organiser"

    def __str__(self) -> str:
        return str(self.value)
