from enum import StrEnum


class Destination(StrEnum):
    APPLICANT_ACCOUNT = "applicant_account"
    COUNTY_POOL = "county_pool"
    PAYER_ACCOUNT = "payer_account"
    UNION_ACCOUNT = "union_account"

    def __str__(self) -> str:
        return str(self.value)
