"""The trail of a score sheet: every change stored with the sheet before and after it."""

from typing import Any

from competition.scoring.models import ScoreChange, ScoreSheet


def snapshot(sheet: ScoreSheet) -> dict[str, Any]:
    return {
        "marks": dict(sheet.marks),
        "total": None if sheet.total is None else format(sheet.total, "f"),
        "status": sheet.status.value,
    }


def change(
    sheet: ScoreSheet, before: dict[str, Any] | None, actor: str, reason: str | None
) -> ScoreChange:
    return ScoreChange(
        sheet_id=sheet.id, before=before, after=snapshot(sheet), changed_by=actor, reason=reason
    )
