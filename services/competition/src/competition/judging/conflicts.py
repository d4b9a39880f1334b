"""Conflicts of interest: a judge from the entry's own organisation sub-tree may not score
it (a hospital's own doctor does not judge its team); declared conflicts come on top."""

from competition.access import path_within


def from_own_subtree(judge_org_path: str, entry_org_path: str | None) -> bool:
    return entry_org_path is not None and path_within(judge_org_path, entry_org_path)
