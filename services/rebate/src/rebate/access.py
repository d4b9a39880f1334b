"""Who may see and decide what, in one place. Cases, runs, queue entries, statistics and the
reconciliation follow one rule: admins see everything; a cadre with the review_rebates
permission sees what lies in their sub-tree (organisation paths, dot-separated ids from the
root); an enterprise sees its own cases and ledger, and decides nothing."""

from sqlalchemy import ColumnElement, false, or_
from sqlalchemy.orm import InstrumentedAttribute

from servicekit.auth import Principal, Role
from servicekit.errors import ForbiddenError

REVIEW_REBATES = "review_rebates"

PathColumn = InstrumentedAttribute[str] | InstrumentedAttribute[str | None]


def is_reviewer(principal: Principal) -> bool:
    return principal.is_admin or (
        principal.has_role(Role.CADRE) and REVIEW_REBATES in principal.permissions
    )


def reviewer_covers(principal: Principal, org_path: str | None) -> bool:
    """An admin, or a reviewer whose sub-tree holds `org_path` (None: admins only)."""
    if principal.is_admin:
        return True
    return org_path is not None and is_reviewer(principal) and principal.covers_path(org_path)


def sees_run(principal: Principal, paths_touched: list[str]) -> bool:
    """A run: admins, and reviewers of a sub-tree it made cases or queue entries in."""
    return principal.is_admin or any(reviewer_covers(principal, p) for p in paths_touched)


def acts_for_enterprise(principal: Principal) -> bool:
    """An enterprise's account (an admin is never held to one enterprise)."""
    return principal.has_role(Role.ENTERPRISE) and not principal.is_admin


def may_decide_cases(principal: Principal) -> bool:
    """Review, approve or reopen cases at all; each case's sub-tree is checked on the case, and
    an enterprise decides none, not even its own."""
    return principal.is_admin or REVIEW_REBATES in principal.permissions


def sees_enterprise_ledger(principal: Principal, uscc: str) -> bool:
    return principal.is_admin or (
        principal.has_role(Role.ENTERPRISE) and principal.enterprise_scope == uscc
    )


def sees_case(principal: Principal, uscc: str, org_path: str) -> bool:
    if principal.is_admin:
        return True
    if principal.has_role(Role.ENTERPRISE):
        return principal.enterprise_scope == uscc
    return reviewer_covers(principal, org_path)


def within_any(column: PathColumn, paths: tuple[str, ...]) -> ColumnElement[bool]:
    """SQL: the path in `column` is one of `paths` or below one. Paths hold only hex digits and
    dots, so they are safe inside a LIKE pattern."""
    return or_(false(), *(or_(column == p, column.like(f"{p}.%")) for p in paths))


def in_sub_trees(principal: Principal, org_path: PathColumn) -> ColumnElement[bool] | None:
    """SQL: the rows whose `org_path` lies in the caller's sub-trees; None for admins (all)."""
    return None if principal.is_admin else within_any(org_path, principal.org_scope_paths)


def sub_tree_paths(principal: Principal) -> tuple[str, ...] | None:
    """The caller's sub-trees, for queries that filter on them; None for admins (all)."""
    return None if principal.is_admin else principal.org_scope_paths


def cases_in_sight(
    principal: Principal, uscc: InstrumentedAttribute[str], org_path: PathColumn
) -> ColumnElement[bool] | None:
    """SQL: what the caller may list of cases (or of what hangs on them): an enterprise its own
    credit code, a reviewer their sub-trees, an admin everything (None). Anyone else is
    refused."""
    if acts_for_enterprise(principal):
        return uscc == (principal.enterprise_scope or "")
    if not (principal.is_admin or is_reviewer(principal)):
        raise ForbiddenError("This needs the review_rebates permission")
    return in_sub_trees(principal, org_path)
