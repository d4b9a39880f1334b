from enum import StrEnum


class CompetitionLevel(StrEnum):
    CITY = "city"
    COUNTY = "county"
    ENTERPRISE = "enterprise"
    NATIONAL = "national"
    PROVINCIAL = "provincial"

    def __str__(self) -> str:
        return str(self.value)
