"""Who may see and decide what, in one place. Cases, runs, queue entries and the
reconciliation follow one rule: admins see everything; a cadre with the review_rebates
permission sees what lies in their sub-tree (organisation paths, dot-separated ids from the
root); an enterprise sees its own cases."""

from sqlalchemy import ColumnElement, false, or_
from sqlalchemy.orm import InstrumentedAttribute

from servicekit.auth import Principal, Role

REVIEW_REBATES = "review_rebates"


def is_reviewer(principal: Principal) -> bool:
    return principal.is_admin or (
        principal.has_role(Role.CADRE) and REVIEW_REBATES in principal.permissions
    )


def reviewer_covers(principal: Principal, org_path: str | None) -> bool:
    """An admin, or a reviewer whose sub-tree holds `org_path` (None: admins only)."""
    if principal.is_admin:
        return True
    return org_path is not None and is_reviewer(principal) and principal.covers_path(org_path)


def sees_case(principal: Principal, uscc: str, org_path: str) -> bool:
    if principal.is_admin:
        return True
    if principal.has_role(Role.ENTERPRISE):
        return principal.enterprise_scope == uscc
    return reviewer_covers(principal, org_path)


def within_any(
    column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None], paths: tuple[str, ...]
) -> ColumnElement[bool]:
    """SQL: the path in `column` is one of `paths` or below one. Paths hold only hex digits and
    dots, so they are safe inside a LIKE pattern."""
    return or_(false(), *(or_(column == p, column.like(f"{p}.%")) for p in paths))
