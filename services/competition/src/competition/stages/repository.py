import uuid
from collections.abc import Sequence

from sqlalchemy import func, select, text, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from competition.appeals.models import Objection, ObjectionStatus
from competition.entries.models import Entry
from competition.ranking.models import (
    Attendance,
    ReviewClearance,
    StageEntry,
    StageResult,
    TieDecision,
)


class StageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enter_approved(self, stage_id: uuid.UUID, event_id: uuid.UUID) -> None:
        """The first stage: every approved entry of the event competes."""
        await self.session.execute(
            text(
                "INSERT INTO competition.stage_entry"
                " (stage_id, entry_id, group_id, entry_code, attendance)"
                " SELECT :stage_id, e.id, e.group_id, e.code, 'competing' FROM competition.entry e"
                " WHERE e.event_id = :event_id AND e.status = 'approved'"
            ),
            {"stage_id": stage_id, "event_id": event_id},
        )

    async def enter_advancing(self, stage_id: uuid.UUID, previous_id: uuid.UUID) -> None:
        """A later stage: the entries that advanced from the previous one and still stand."""
        await self.session.execute(
            text(
                "INSERT INTO competition.stage_entry"
                " (stage_id, entry_id, group_id, entry_code, attendance)"
                " SELECT :stage_id, r.entry_id, r.group_id, r.entry_code, 'competing'"
                " FROM competition.stage_result r"
                " JOIN competition.entry e ON e.id = r.entry_id"
                " WHERE r.stage_id = :previous_id AND r.advances AND e.status = 'approved'"
            ),
            {"stage_id": stage_id, "previous_id": previous_id},
        )

    async def stage_entry(self, stage_id: uuid.UUID, entry_id: uuid.UUID) -> StageEntry | None:
        return await self.session.get(StageEntry, (stage_id, entry_id))

    async def stage_entries(self, stage_id: uuid.UUID) -> list[tuple[uuid.UUID, str, Attendance]]:
        query = (
            select(StageEntry.entry_id, StageEntry.entry_code, StageEntry.attendance)
            .where(StageEntry.stage_id == stage_id)
            .order_by(StageEntry.entry_code)
        )
        return [(e, c, a) for e, c, a in (await self.session.execute(query)).all()]

    async def attendance_counts(self, stage_id: uuid.UUID) -> tuple[int, int]:
        row = (
            await self.session.execute(
                select(
                    func.count().filter(StageEntry.attendance == Attendance.COMPETING),
                    func.count().filter(StageEntry.attendance == Attendance.NO_SHOW),
                ).where(StageEntry.stage_id == stage_id)
            )
        ).one()
        return int(row[0]), int(row[1])

    async def results(
        self,
        stage_id: uuid.UUID,
        group_id: uuid.UUID | None,
        flagged: bool | None,
        after: tuple[int, str] | None,
        limit: int,
    ) -> list[tuple[StageResult, Entry]]:
        query = (
            select(StageResult, Entry)
            .join(Entry, Entry.id == StageResult.entry_id)
            .where(StageResult.stage_id == stage_id)
        )
        if group_id is not None:
            query = query.where(StageResult.group_id == group_id)
        if flagged is not None:
            query = query.where(StageResult.flagged.is_(flagged))
        if after is not None:
            query = query.where(tuple_(StageResult.rank, StageResult.entry_code) > tuple_(*after))
        query = query.order_by(StageResult.rank, StageResult.entry_code).limit(limit)
        return [(r, e) for r, e in (await self.session.execute(query)).all()]

    async def result(self, stage_id: uuid.UUID, entry_id: uuid.UUID) -> StageResult | None:
        return await self.session.get(StageResult, (stage_id, entry_id))

    async def decisions(self, stage_id: uuid.UUID) -> list[TieDecision]:
        query = (
            select(TieDecision)
            .where(TieDecision.stage_id == stage_id)
            .order_by(TieDecision.created_at)
        )
        return list(await self.session.scalars(query))

    async def decision(self, decision_id: uuid.UUID) -> TieDecision | None:
        return await self.session.get(TieDecision, decision_id)

    async def entries(self, entry_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Entry]:
        if not entry_ids:
            return {}
        rows = await self.session.scalars(select(Entry).where(Entry.id.in_(entry_ids)))
        return {e.id: e for e in rows}

    async def clear(
        self, stage_id: uuid.UUID, entry_id: uuid.UUID, result: StageResult, note: str, actor: str
    ) -> None:
        statement = insert(ReviewClearance).values(
            stage_id=stage_id, entry_id=entry_id, spread=result.spread, note=note, cleared_by=actor
        )
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[ReviewClearance.stage_id, ReviewClearance.entry_id],
                set_={
                    "spread": statement.excluded.spread,
                    "note": statement.excluded.note,
                    "cleared_by": statement.excluded.cleared_by,
                    "cleared_at": func.now(),
                },
            )
        )

    async def open_objections(self, stage_id: uuid.UUID) -> int:
        query = select(func.count()).where(
            Objection.stage_id == stage_id,
            Objection.status.in_((ObjectionStatus.LODGED, ObjectionStatus.UPHELD)),
        )
        return int(await self.session.scalar(query) or 0)
