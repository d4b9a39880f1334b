from enum import StrEnum


class AccountCreatePermissionsItem(StrEnum):
    GRANT_HONOURS = "grant_honours"
    JUDGE = "judge"
    MANAGE_ENTERPRISES = "manage_enterprises"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_ORGS = "manage_orgs"
    REVIEW_JOINS = "review_joins"
    REVIEW_REBATES = "review_rebates"
    RUN_COMPETITIONS = "run_competitions"

    def __str__(self) -> str:
        return str(self.value)
