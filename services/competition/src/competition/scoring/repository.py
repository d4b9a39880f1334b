import uuid
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from competition.appeals.models import Objection, ObjectionStatus
from competition.contests.models import Competition, Event, Stage
from competition.entries.models import Entry
from competition.judging.models import Assignment, Judge, PanelSeat
from competition.scoring.models import ScoreChange, ScoreSheet, SheetStatus


class ScoreRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *records: object) -> None:
        self.session.add_all(records)
        await self.session.flush()

    async def seats_of(
        self, subject: str, stage_id: uuid.UUID | None = None
    ) -> list[tuple[Judge, Stage, Event, Competition]]:
        """The stages whose panel seats the account `subject`."""
        query = (
            select(Judge, Stage, Event, Competition)
            .join(PanelSeat, PanelSeat.judge_id == Judge.id)
            .join(Stage, Stage.id == PanelSeat.stage_id)
            .join(Event, Event.id == Stage.event_id)
            .join(Competition, Competition.id == Judge.competition_id)
            .where(Judge.subject == subject)
            .order_by(Competition.year.desc(), Competition.name, Event.name, Stage.seq)
        )
        if stage_id is not None:
            query = query.where(Stage.id == stage_id)
        return [(j, s, e, c) for j, s, e, c in (await self.session.execute(query)).all()]

    async def assigned(
        self, stage_id: uuid.UUID, judge_id: uuid.UUID
    ) -> list[tuple[str, SheetStatus | None, Decimal | None]]:
        """(code, sheet status, total) of the entries the judge scores in the stage."""
        query = (
            select(Entry.code, ScoreSheet.status, ScoreSheet.total)
            .select_from(Assignment)
            .join(Entry, Entry.id == Assignment.entry_id)
            .outerjoin(
                ScoreSheet,
                and_(
                    ScoreSheet.stage_id == Assignment.stage_id,
                    ScoreSheet.entry_id == Assignment.entry_id,
                    ScoreSheet.judge_id == Assignment.judge_id,
                ),
            )
            .where(Assignment.stage_id == stage_id, Assignment.judge_id == judge_id)
            .order_by(Entry.code)
        )
        return [(c, s, t) for c, s, t in (await self.session.execute(query)).all()]

    async def counts(self, stage_id: uuid.UUID, judge_id: uuid.UUID) -> tuple[int, int]:
        rows = await self.assigned(stage_id, judge_id)
        return len(rows), sum(1 for _, status, _ in rows if status is SheetStatus.SUBMITTED)

    async def is_assigned(
        self, stage_id: uuid.UUID, entry_id: uuid.UUID, judge_id: uuid.UUID
    ) -> bool:
        return await self.session.get(Assignment, (stage_id, entry_id, judge_id)) is not None

    async def sheet(
        self, stage_id: uuid.UUID, entry_id: uuid.UUID, judge_id: uuid.UUID
    ) -> ScoreSheet | None:
        return await self.session.scalar(
            select(ScoreSheet).where(
                ScoreSheet.stage_id == stage_id,
                ScoreSheet.entry_id == entry_id,
                ScoreSheet.judge_id == judge_id,
            )
        )

    async def get(self, sheet_id: uuid.UUID) -> ScoreSheet | None:
        return await self.session.get(ScoreSheet, sheet_id)

    async def sheets_of(
        self, stage_id: uuid.UUID, entry_id: uuid.UUID
    ) -> list[tuple[ScoreSheet, str]]:
        query = (
            select(ScoreSheet, Judge.name)
            .join(Judge, Judge.id == ScoreSheet.judge_id)
            .where(ScoreSheet.stage_id == stage_id, ScoreSheet.entry_id == entry_id)
            .order_by(Judge.name)
        )
        return [(sheet, name) for sheet, name in (await self.session.execute(query)).all()]

    async def history(self, sheet_id: uuid.UUID) -> list[ScoreChange]:
        query = select(ScoreChange).where(ScoreChange.sheet_id == sheet_id).order_by(ScoreChange.id)
        return list(await self.session.scalars(query))

    async def upheld_objection(self, stage_id: uuid.UUID, entry_id: uuid.UUID) -> bool:
        query = select(func.count()).where(
            Objection.stage_id == stage_id,
            Objection.entry_id == entry_id,
            Objection.status == ObjectionStatus.UPHELD,
        )
        return bool(await self.session.scalar(query))
