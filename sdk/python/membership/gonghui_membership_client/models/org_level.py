from enum import StrEnum


class OrgLevel(StrEnum):
    CITY = "city"
    COUNTY = "county"
    GRASSROOTS = "grassroots"
    GROUP = "group"
    NATIONAL = "national"
    PROVINCIAL = "provincial"
    STREET = "street"

    def __str__(self) -> str:
        return str(self.value)
