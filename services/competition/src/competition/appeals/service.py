"""Objections during the public notice period (公示), and the rescore an upheld one leads to:
judges amend the disputed entry's sheets, the organisers preview every rank, score,
advancement and prize it would change, then apply exactly what they saw."""

import hashlib
import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from competition.appeals.errors import (
    NoticeClosedError,
    ObjectionDecidedError,
    ObjectionNotFoundError,
    PreviewOutdatedError,
)
from competition.appeals.models import Objection, ObjectionStatus
from competition.appeals.schemas import (
    ObjectionCreate,
    RescoreChange,
    RescoreOutcome,
    RescorePreview,
)
from competition.contests.errors import StageNotFoundError
from competition.contests.lookup import Contest, Contests
from competition.contests.models import Stage, StageStatus
from competition.entries.errors import EntryNotFoundError
from competition.entries.models import Entry, Participant
from competition.ranking.models import StageResult
from competition.ranking.ranker import Change, Ranker
from competition.stages.errors import ScoringIncompleteError
from competition.stages.service import StageService, require_stage
from servicekit.errors import ForbiddenError


class AppealService:
    def __init__(self, session: AsyncSession, stages: StageService, contests: Contests) -> None:
        self.session = session
        self.stages = stages
        self.ranker: Ranker = stages.ranker
        self.contests = contests
        self.access = contests.access

    async def lodge(self, stage_id: uuid.UUID, objection_in: ObjectionCreate) -> Objection:
        stage, _, contest = await self.contests.stage(stage_id)
        now = datetime.now(UTC)
        if stage.status is not StageStatus.PUBLISHED or (
            stage.notice_ends_at is not None and now >= stage.notice_ends_at
        ):
            raise NoticeClosedError("Objections are lodged while the results are on notice")
        if self.contests.runs(contest):
            # Those who decide objections do not lodge them.
            raise ForbiddenError("The organisers decide objections; they do not lodge them")
        for_entry = await self._result_entry(stage, objection_in.for_entry_id)
        await self._result_entry(stage, objection_in.entry_id)
        if not await self._represents(for_entry):
            raise ForbiddenError("Object for your own entry or your delegation's")
        objection = Objection(
            id=uuid.uuid4(),
            stage_id=stage.id,
            entry_id=objection_in.entry_id,
            lodged_for_entry_id=for_entry.id,
            lodged_by=self.access.actor,
            reason=objection_in.reason,
            status=ObjectionStatus.LODGED,
        )
        self.session.add(objection)
        await self.session.flush()
        return objection

    async def _result_entry(self, stage: Stage, entry_id: uuid.UUID) -> Entry:
        result = await self.session.get(StageResult, (stage.id, entry_id))
        entry = await self.session.get(Entry, entry_id) if result else None
        if entry is None:
            raise EntryNotFoundError("No such entry in this stage's results")
        return entry

    async def _represents(self, entry: Entry) -> bool:
        """The entry's delegation (a cadre over its organisation), the entrant."""
        if self.access.is_cadre and self.access.covers(entry.org_path):
            return True
        person_id = self.access.person_id
        if person_id is None:
            return False
        query = select(func.count()).where(
            Participant.entry_id == entry.id, Participant.person_id == person_id
        )
        return bool(await self.session.scalar(query))

    async def objections(self, stage_id: uuid.UUID) -> list[Objection]:
        stage, _, contest = await self.contests.stage(stage_id)
        query = select(Objection).where(Objection.stage_id == stage.id)
        if not self.contests.runs(contest):
            query = query.where(Objection.lodged_by == self.access.actor)
        return list(await self.session.scalars(query.order_by(Objection.created_at)))

    async def objection(self, objection_id: uuid.UUID) -> tuple[Objection, Stage, Contest]:
        objection = await self.session.get(Objection, objection_id)
        if objection is None:
            raise ObjectionNotFoundError()
        try:
            stage, _, contest = await self.contests.stage(objection.stage_id)
        except StageNotFoundError:
            raise ObjectionNotFoundError() from None
        if not (self.contests.runs(contest) or objection.lodged_by == self.access.actor):
            raise ObjectionNotFoundError()
        return objection, stage, contest

    async def decide(self, objection_id: uuid.UUID, uphold: bool, note: str) -> Objection:
        objection, stage, contest = await self.objection(objection_id)
        if not self.contests.runs(contest):
            raise ForbiddenError("The organisers decide objections")
        if objection.status is not ObjectionStatus.LODGED:
            raise ObjectionDecidedError(f"The objection is {objection.status.value}")
        require_stage(stage, StageStatus.PUBLISHED, StageStatus.RESCORING)
        objection.status = ObjectionStatus.UPHELD if uphold else ObjectionStatus.DISMISSED
        objection.decided_by = self.access.actor
        objection.decided_at = datetime.now(UTC)
        objection.decision_note = note
        if uphold:
            # The published results stand while the disputed entry is marked again.
            stage.status = StageStatus.RESCORING
        await self.session.flush()
        return objection

    async def preview(self, stage_id: uuid.UUID) -> RescorePreview:
        stage, event, contest = await self.contests.stage(stage_id, run=True)
        require_stage(stage, StageStatus.RESCORING)
        changes = await self.ranker.changes(await self.ranker.spec(stage, event))
        blind = event.id in await self.contests.blind(contest.id)
        names = {} if blind else await self._names([c.entry_id for c in changes])
        return RescorePreview(
            stage_id=stage.id,
            changes=[
                RescoreChange(display_name=names.get(c.entry_id), **c.__dict__) for c in changes
            ],
            fingerprint=fingerprint(changes),
        )

    async def apply(self, stage_id: uuid.UUID, expected: str) -> RescoreOutcome:
        stage, event, contest = await self.contests.stage(stage_id, run=True)
        require_stage(stage, StageStatus.RESCORING)
        done = await self.ranker.completeness(stage.id, event.judges_per_entry)
        if done.missing_sheets or done.short_entries:
            raise ScoringIncompleteError(
                "Every sheet must be submitted again before the rescore applies",
                missing_sheets=done.missing_sheets,
                short_entries=done.short_entries,
            )
        spec = await self.ranker.spec(stage, event)
        changes = await self.ranker.changes(spec)
        if fingerprint(changes) != expected:
            raise PreviewOutdatedError("Preview the rescore again")
        await self.ranker.store(spec)
        open_ties = await self.ranker.settle_ties(spec)
        await self.session.execute(
            update(Objection)
            .where(Objection.stage_id == stage.id, Objection.status == ObjectionStatus.UPHELD)
            .values(status=ObjectionStatus.RESOLVED, resolved_at=datetime.now(UTC))
        )
        stage.status = StageStatus.RANKED
        stage.ranked_at = datetime.now(UTC)
        summary = await self.stages.summary(stage, open_ties)
        if not summary.open_ties and not summary.flagged:
            # Corrected results are announced afresh: a new full notice period.
            self.stages.publish_now(stage, contest.competition)
        await self.session.flush()
        summary.status = stage.status
        return RescoreOutcome(
            stage_id=stage.id, status=stage.status, changed=len(changes), summary=summary
        )

    async def _names(self, entry_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not entry_ids:
            return {}
        rows = await self.session.execute(
            select(Entry.id, Entry.display_name).where(Entry.id.in_(entry_ids))
        )
        return dict(rows.all())


def fingerprint(changes: list[Change]) -> str:
    lines = sorted("|".join(str(value) for value in change.__dict__.values()) for change in changes)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
