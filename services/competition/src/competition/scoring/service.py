"""Score sheets: a judge marks the entries assigned to them, seen by blind code only; every
change is kept with the sheet before and after it, who changed it and when."""

import uuid
from datetime import UTC, datetime

from competition.access import Permission
from competition.contests.errors import StageNotFoundError
from competition.contests.lookup import Contests
from competition.contests.models import Competition, Event, Stage, StageStatus
from competition.contests.service import rubric_of
from competition.entries.errors import EntryNotFoundError
from competition.entries.models import Entry
from competition.entries.repository import EntryRepository
from competition.judging.models import Judge
from competition.scoring import audit, marks
from competition.scoring.errors import ReasonRequiredError, SheetLockedError, SheetNotFoundError
from competition.scoring.models import ScoreChange, ScoreSheet, SheetStatus
from competition.scoring.repository import ScoreRepository
from competition.scoring.schemas import (
    JudgeEntryRead,
    JudgeStageDetail,
    JudgeStageRead,
    SheetAuditRead,
    SheetIn,
)
from servicekit.concurrency import check_if_match


class ScoringService:
    def __init__(self, repo: ScoreRepository, entries: EntryRepository, contests: Contests) -> None:
        self.repo = repo
        self.entries = entries
        self.contests = contests
        self.access = contests.access

    # The judge's side

    async def my_stages(self) -> list[JudgeStageRead]:
        self.access.require(Permission.JUDGE)
        stages = []
        for judge, stage, event, competition in await self.repo.seats_of(self.access.actor):
            assigned, submitted = await self.repo.counts(stage.id, judge.id)
            stages.append(_judge_stage(stage, event, competition, assigned, submitted))
        return stages

    async def _seat(self, stage_id: uuid.UUID) -> tuple[Judge, Stage, Event, Competition]:
        self.access.require(Permission.JUDGE)
        rows = await self.repo.seats_of(self.access.actor, stage_id)
        if not rows:
            raise StageNotFoundError("You are not on this stage's panel")
        judge, stage, event, competition = rows[0]
        return judge, stage, event, competition

    async def stage(self, stage_id: uuid.UUID) -> JudgeStageDetail:
        judge, stage, event, competition = await self._seat(stage_id)
        rows = await self.repo.assigned(stage.id, judge.id)
        entries = [
            JudgeEntryRead(
                entry_code=code,
                sheet_status=status,
                total=total,
            )
            for code, status, total in rows
        ]
        submitted = sum(1 for e in entries if e.sheet_status is SheetStatus.SUBMITTED)
        summary = _judge_stage(stage, event, competition, len(entries), submitted)
        return JudgeStageDetail(**summary.model_dump(), rubric=rubric_of(event), entries=entries)

    async def _assigned(self, stage_id: uuid.UUID, code: str) -> tuple[Judge, Stage, Event, Entry]:
        judge, stage, event, competition = await self._seat(stage_id)
        entry = await self.entries.by_code(competition.id, code.upper())
        if entry is None or not await self.repo.is_assigned(stage.id, entry.id, judge.id):
            raise EntryNotFoundError("No entry with this code is assigned to you")
        return judge, stage, event, entry

    async def read_sheet(self, stage_id: uuid.UUID, code: str) -> tuple[ScoreSheet, Entry]:
        judge, stage, _, entry = await self._assigned(stage_id, code)
        sheet = await self.repo.sheet(stage.id, entry.id, judge.id)
        if sheet is None:
            raise SheetNotFoundError("Nothing marked yet")
        return sheet, entry

    async def write_sheet(
        self, stage_id: uuid.UUID, code: str, sheet_in: SheetIn, if_match: str | None
    ) -> tuple[ScoreSheet, Entry]:
        judge, stage, event, entry = await self._assigned(stage_id, code)
        await self._require_open(stage, entry)
        sheet = await self.repo.sheet(stage.id, entry.id, judge.id)
        if sheet is not None and sheet.status is SheetStatus.VOID:
            raise SheetLockedError("This sheet was voided for a conflict of interest")
        amending = sheet is not None and sheet.status is SheetStatus.SUBMITTED
        if amending and not sheet_in.reason:
            raise ReasonRequiredError("Say why a submitted sheet changes")
        rubric = rubric_of(event)
        checked = marks.checked(rubric, dict(sheet_in.marks), sheet_in.submit or amending)
        total = marks.total(rubric, checked)
        stored = {code: format(value, "f") for code, value in checked.items()}
        submit = sheet_in.submit or amending
        now = datetime.now(UTC)
        if sheet is None:
            sheet = ScoreSheet(
                id=uuid.uuid4(),
                stage_id=stage.id,
                entry_id=entry.id,
                judge_id=judge.id,
                marks=stored,
                total=total,
                status=SheetStatus.SUBMITTED if submit else SheetStatus.DRAFT,
                submitted_at=now if submit else None,
                updated_at=now,
                version=1,
            )
            await self.repo.add(sheet)
            await self.repo.add(audit.change(sheet, None, self.access.actor, sheet_in.reason))
            return sheet, entry
        check_if_match(if_match, sheet.version)
        before = audit.snapshot(sheet)
        sheet.marks = stored
        sheet.total = total
        sheet.updated_at = now
        if submit and sheet.status is SheetStatus.DRAFT:
            sheet.status = SheetStatus.SUBMITTED
            sheet.submitted_at = now
        await self.repo.add(audit.change(sheet, before, self.access.actor, sheet_in.reason))
        return sheet, entry

    async def _require_open(self, stage: Stage, entry: Entry) -> None:
        if stage.status is StageStatus.SCORING:
            return
        if stage.status is StageStatus.RESCORING and await self.repo.upheld_objection(
            stage.id, entry.id
        ):
            return
        if stage.status is StageStatus.RANKED:
            raise SheetLockedError("The stage is ranked; the organisers can reopen it")
        raise SheetLockedError(f"Scores are locked while the stage is {stage.status.value}")

    # The organisers' side

    async def sheets_of(self, stage_id: uuid.UUID, entry_id: uuid.UUID) -> list[SheetAuditRead]:
        stage, _, _ = await self.contests.stage(stage_id, run=True)
        return [
            SheetAuditRead(
                id=sheet.id,
                judge_id=sheet.judge_id,
                judge_name=judge_name,
                marks=sheet.marks,
                total=sheet.total,
                status=sheet.status,
                submitted_at=sheet.submitted_at,
                updated_at=sheet.updated_at,
            )
            for sheet, judge_name in await self.repo.sheets_of(stage.id, entry_id)
        ]

    async def history(self, sheet_id: uuid.UUID) -> list[ScoreChange]:
        sheet = await self.repo.get(sheet_id)
        if sheet is None:
            raise SheetNotFoundError()
        try:
            await self.contests.stage(sheet.stage_id, run=True)
        except StageNotFoundError:
            raise SheetNotFoundError() from None
        return await self.repo.history(sheet.id)


def _judge_stage(
    stage: Stage, event: Event, competition: Competition, assigned: int, submitted: int
) -> JudgeStageRead:
    return JudgeStageRead(
        stage_id=stage.id,
        competition_id=competition.id,
        competition_name=competition.name,
        event_name=event.name,
        kind=stage.kind,
        status=stage.status,
        assigned=assigned,
        submitted=submitted,
    )
