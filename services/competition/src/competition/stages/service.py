"""A stage from start to close: participants fixed, no-shows, ranking, the decisions and
reviews ranking asks for, publication under embargo until then, the public notice period."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from competition.contests.errors import InvalidRulesError, StageNotFoundError, WrongStateError
from competition.contests.lookup import Contests
from competition.contests.models import Competition, CompetitionStatus, Stage, StageStatus
from competition.contests.notice import NoticeRule
from competition.entries.models import Entry
from competition.ranking.models import Attendance, StageResult, TieDecision
from competition.ranking.ranker import Ranker
from competition.stages.errors import (
    DecisionNeededError,
    DecisionNotFoundError,
    EntryWithdrawnError,
    NoticePeriodError,
    ScoringIncompleteError,
    StageEntryNotFoundError,
)
from competition.stages.repository import StageRepository
from competition.stages.schemas import (
    RankingSummary,
    ResultRead,
    StageEntryRead,
    StageProgress,
    TieDecisionIn,
    TieDecisionRead,
    TiedEntry,
)


def require_stage(stage: Stage, *allowed: StageStatus) -> None:
    if stage.status not in allowed:
        raise WrongStateError(f"Not possible while the stage is {stage.status.value}")


class StageService:
    def __init__(
        self, repo: StageRepository, ranker: Ranker, contests: Contests, notice: NoticeRule
    ) -> None:
        self.repo = repo
        self.ranker = ranker
        self.contests = contests
        self.access = contests.access
        self.notice = notice

    async def start(self, stage_id: uuid.UUID) -> Stage:
        stage, event, contest = await self.contests.stage(stage_id, run=True)
        if contest.competition.status is not CompetitionStatus.RUNNING:
            raise WrongStateError("Close registration before a stage starts")
        require_stage(stage, StageStatus.PLANNED)
        if stage.seq == 1:
            await self.repo.enter_approved(stage.id, event.id)
        else:
            previous = await self.contests.repo.stage_by_seq(event.id, stage.seq - 1)
            if previous is None or previous.status is not StageStatus.CLOSED:
                raise WrongStateError("The previous stage must be closed first")
            await self.repo.enter_advancing(stage.id, previous.id)
        stage.status = StageStatus.SCORING
        stage.started_at = datetime.now(UTC)
        await self.repo.session.flush()
        return stage

    async def entries(self, stage_id: uuid.UUID) -> list[StageEntryRead]:
        stage, _, _ = await self.contests.stage(stage_id, run=True)
        return [
            StageEntryRead(entry_id=e, entry_code=c, attendance=a)
            for e, c, a in await self.repo.stage_entries(stage.id)
        ]

    async def attendance(
        self, stage_id: uuid.UUID, entry_id: uuid.UUID, attendance: Attendance
    ) -> StageEntryRead:
        stage, _, _ = await self.contests.stage(stage_id, run=True)
        require_stage(stage, StageStatus.SCORING)
        stage_entry = await self.repo.stage_entry(stage.id, entry_id)
        if stage_entry is None:
            raise StageEntryNotFoundError()
        # Withdrawal goes through the entry (POST /v1/entries/{id}/withdraw) and is final.
        if Attendance.WITHDRAWN in (attendance, stage_entry.attendance):
            raise EntryWithdrawnError(
                "Withdraw the entry itself; a withdrawn entry does not come back"
                if attendance is Attendance.WITHDRAWN
                else "This entry was withdrawn; it does not come back"
            )
        stage_entry.attendance = attendance
        await self.repo.session.flush()
        entry = (await self.repo.entries([entry_id]))[entry_id]
        return StageEntryRead(entry_id=entry_id, entry_code=entry.code, attendance=attendance)

    async def progress(self, stage_id: uuid.UUID) -> StageProgress:
        stage, event, _ = await self.contests.stage(stage_id, run=True)
        competing, no_shows = await self.repo.attendance_counts(stage.id)
        done = await self.ranker.completeness(stage.id, event.judges_per_entry)
        return StageProgress(
            stage_id=stage.id,
            status=stage.status,
            competing=competing,
            no_shows=no_shows,
            missing_sheets=done.missing_sheets,
            short_entries=done.short_entries,
        )

    async def rank(self, stage_id: uuid.UUID) -> RankingSummary:
        stage, event, _ = await self.contests.stage(stage_id, run=True)
        require_stage(stage, StageStatus.SCORING, StageStatus.RANKED)
        done = await self.ranker.completeness(stage.id, event.judges_per_entry)
        if done.missing_sheets or done.short_entries:
            raise ScoringIncompleteError(
                f"{done.missing_sheets} sheets are not submitted and {done.short_entries} "
                "entries lack judges",
                missing_sheets=done.missing_sheets,
                short_entries=done.short_entries,
            )
        spec = await self.ranker.spec(stage, event)
        await self.ranker.store(spec)
        open_ties = await self.ranker.settle_ties(spec)
        stage.status = StageStatus.RANKED
        stage.ranked_at = datetime.now(UTC)
        await self.repo.session.flush()
        return await self.summary(stage, open_ties)

    async def summary(self, stage: Stage, open_ties: int | None = None) -> RankingSummary:
        counts = await self.ranker.counts(stage.id)
        if open_ties is None:
            open_ties = sum(
                1 for d in await self.repo.decisions(stage.id) if d.advancing_entry_ids is None
            )
        return RankingSummary(stage_id=stage.id, status=stage.status, open_ties=open_ties, **counts)

    async def reopen(self, stage_id: uuid.UUID) -> Stage:
        """Back to scoring before publication; the computed results are discarded."""
        stage, _, _ = await self.contests.stage(stage_id, run=True)
        require_stage(stage, StageStatus.RANKED)
        await self.ranker.discard(stage.id)
        stage.status = StageStatus.SCORING
        stage.ranked_at = None
        await self.repo.session.flush()
        return stage

    async def results(
        self,
        stage_id: uuid.UUID,
        group_id: uuid.UUID | None,
        flagged: bool | None,
        after: tuple[int, str] | None,
        limit: int,
    ) -> list[ResultRead]:
        stage, _, contest = await self.contests.stage(stage_id, run=True)
        blind = stage.event_id in await self.contests.blind(contest.id)
        return [
            result_read(result, entry, blind)
            for result, entry in await self.repo.results(stage.id, group_id, flagged, after, limit)
        ]

    async def decisions(self, stage_id: uuid.UUID) -> list[TieDecisionRead]:
        stage, _, contest = await self.contests.stage(stage_id, run=True)
        blind = stage.event_id in await self.contests.blind(contest.id)
        return await self._decision_reads(await self.repo.decisions(stage.id), blind)

    async def decide(self, decision_id: uuid.UUID, decision_in: TieDecisionIn) -> TieDecisionRead:
        decision = await self.repo.decision(decision_id)
        if decision is None:
            raise DecisionNotFoundError()
        try:
            stage, _, contest = await self.contests.stage(decision.stage_id, run=True)
        except StageNotFoundError:  # out of the caller's sight: the decision does not exist
            raise DecisionNotFoundError() from None
        require_stage(stage, StageStatus.RANKED)
        advancing = list(dict.fromkeys(decision_in.advancing_entry_ids))
        if not set(advancing) <= set(decision.tied_entry_ids):
            raise InvalidRulesError("Only the tied entries can be chosen")
        if len(advancing) > decision.places:
            raise InvalidRulesError(
                f"{decision.places} places are left at this rank: choose at most that many"
            )
        decision.advancing_entry_ids = advancing
        decision.decided_by = self.access.actor
        decision.decided_at = datetime.now(UTC)
        decision.reason = decision_in.reason
        await self.ranker.apply_decision(decision)
        await self.repo.session.flush()
        blind = stage.event_id in await self.contests.blind(contest.id)
        return (await self._decision_reads([decision], blind))[0]

    async def _decision_reads(
        self, decisions: Sequence[TieDecision], blind: bool
    ) -> list[TieDecisionRead]:
        entries = await self.repo.entries([e for d in decisions for e in d.tied_entry_ids])
        return [
            TieDecisionRead(
                id=d.id,
                stage_id=d.stage_id,
                group_id=d.group_id,
                rank=d.rank,
                places=d.places,
                tied=[
                    TiedEntry(
                        entry_id=e,
                        entry_code=entries[e].code,
                        display_name=None if blind else entries[e].display_name,
                    )
                    for e in d.tied_entry_ids
                ],
                advancing_entry_ids=d.advancing_entry_ids,
                decided_by=d.decided_by,
                decided_at=d.decided_at,
                reason=d.reason,
            )
            for d in decisions
        ]

    async def clear_review(self, stage_id: uuid.UUID, entry_id: uuid.UUID, note: str) -> ResultRead:
        stage, _, contest = await self.contests.stage(stage_id, run=True)
        require_stage(stage, StageStatus.RANKED)
        result = await self.repo.result(stage.id, entry_id)
        if result is None:
            raise StageEntryNotFoundError()
        await self.repo.clear(stage.id, entry_id, result, note, self.access.actor)
        result.flagged = False
        await self.repo.session.flush()
        entry = (await self.repo.entries([entry_id]))[entry_id]
        return result_read(result, entry, stage.event_id in await self.contests.blind(contest.id))

    async def publish(self, stage_id: uuid.UUID) -> Stage:
        stage, _, contest = await self.contests.stage(stage_id, run=True)
        require_stage(stage, StageStatus.RANKED)
        await self.check_publishable(stage)
        self.publish_now(stage, contest.competition)
        await self.repo.session.flush()
        return stage

    def publish_now(self, stage: Stage, competition: Competition) -> None:
        """Results go on notice from now for the full period, a republication after a
        rescore included: the corrected results are announced afresh."""
        now = datetime.now(UTC)
        stage.status = StageStatus.PUBLISHED
        stage.published_at = now
        stage.notice_ends_at = now + timedelta(days=self.notice.days(competition))

    async def check_publishable(self, stage: Stage) -> None:
        summary = await self.summary(stage)
        if summary.open_ties:
            raise DecisionNeededError("Decide the ties across the advancement boundary first")
        if summary.flagged:
            raise DecisionNeededError(f"Review the {summary.flagged} flagged entries first")

    async def close(self, stage_id: uuid.UUID) -> Stage:
        stage, _, _ = await self.contests.stage(stage_id, run=True)
        require_stage(stage, StageStatus.PUBLISHED)
        if stage.notice_ends_at is not None and datetime.now(UTC) < stage.notice_ends_at:
            raise NoticePeriodError(f"The notice period ends at {stage.notice_ends_at.isoformat()}")
        if await self.repo.open_objections(stage.id):
            raise DecisionNeededError("Decide the open objections first")
        stage.status = StageStatus.CLOSED
        stage.closed_at = datetime.now(UTC)
        await self.repo.session.flush()
        return stage


def result_read(result: StageResult, entry: Entry, blind: bool) -> ResultRead:
    """`blind`: the caller judges the competition; the code alone stands for the entry."""
    return ResultRead(
        entry_id=result.entry_id,
        entry_code=result.entry_code,
        group_id=result.group_id,
        display_name=None if blind else entry.display_name,
        org_name=None if blind else entry.org_name,
        school=None if blind else entry.school,
        rank=result.rank,
        score=result.score,
        spread=result.spread,
        judges=result.judges,
        flagged=result.flagged,
        advances=result.advances,
        prize=result.prize,
    )
