"""Conflicts of interest: a judge may not score an entry when either one's organisation is
the other's or an ancestor of it (a hospital's own doctor does not judge its team, nor does
a union's delegate judge the federation above it that sent the team); declared conflicts
come on top."""

from competition.access import related


def org_conflict(judge_org_path: str | None, entry_org_path: str | None) -> bool:
    return (
        judge_org_path is not None
        and entry_org_path is not None
        and related(judge_org_path, entry_org_path)
    )
