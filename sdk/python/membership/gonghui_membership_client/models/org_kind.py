from enum import StrEnum


class OrgKind(StrEnum):
    FEDERATION = "federation"
    GRASSROOTS = "grassroots"
    GROUP = "group"
    INDUSTRY_FEDERATION = "industry_federation"
    INDUSTRY_UNION = "industry_union"

    def __str__(self) -> str:
        return str(self.value)
