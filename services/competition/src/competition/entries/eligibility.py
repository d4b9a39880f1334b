"""Who may enter an event: an active member, of an admitted employment form, from an
admitted sub-tree; the student group takes non-members with their school instead."""

from competition.access import path_within
from competition.clients.membership import MemberSummary
from competition.contests.models import Event

ACTIVE = "active"


def refusal(member: MemberSummary, event: Event) -> str | None:
    """Why `member` may not enter `event`, or None."""
    if member.state != ACTIVE:
        return f"{member.membership_no} is not an active member ({member.state})"
    forms = event.eligible_employment_forms
    if forms and member.employment_form not in forms:
        return f"{member.membership_no}: employment form {member.employment_form} is not admitted"
    if not org_admitted(member.org_path, event):
        return f"{member.membership_no}: {member.org_name} is outside the admitted organisations"
    return None


def org_admitted(path: str, event: Event) -> bool:
    orgs = event.eligible_orgs
    return not orgs or any(path_within(path, str(org["path"])) for org in orgs)
