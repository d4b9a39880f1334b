import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from competition.contests.models import Stage
from competition.entries.models import Entry
from competition.judging.models import Assignment, Conflict, Judge, JudgeOrg, PanelSeat
from competition.ranking.models import Attendance, StageEntry
from competition.scoring.models import ScoreSheet, SheetStatus
from servicekit.bulk import insert_unnest


class JudgeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *records: object) -> None:
        self.session.add_all(records)
        await self.session.flush()

    async def get(self, judge_id: uuid.UUID) -> Judge | None:
        return await self.session.get(Judge, judge_id)

    async def by_subject(self, competition_id: uuid.UUID, subject: str) -> Judge | None:
        return await self.session.scalar(
            select(Judge).where(Judge.competition_id == competition_id, Judge.subject == subject)
        )

    async def of_competition(
        self, competition_id: uuid.UUID, username: str | None = None
    ) -> list[Judge]:
        query = select(Judge).where(Judge.competition_id == competition_id)
        if username is not None:
            query = query.where(Judge.username == username.strip())
        return list(await self.session.scalars(query.order_by(Judge.name)))

    async def many(self, judge_ids: Sequence[uuid.UUID]) -> list[Judge]:
        return list(await self.session.scalars(select(Judge).where(Judge.id.in_(judge_ids))))

    async def panel(self, stage_id: uuid.UUID) -> list[Judge]:
        query = (
            select(Judge)
            .join(PanelSeat, PanelSeat.judge_id == Judge.id)
            .where(PanelSeat.stage_id == stage_id)
            .order_by(Judge.name, Judge.id)
        )
        return list(await self.session.scalars(query))

    async def seat(self, stage_id: uuid.UUID, judge_ids: Sequence[uuid.UUID]) -> None:
        await self.session.execute(
            insert(PanelSeat)
            .values([{"stage_id": stage_id, "judge_id": j} for j in judge_ids])
            .on_conflict_do_nothing()
        )

    async def unseat(self, stage_id: uuid.UUID, judge_id: uuid.UUID) -> None:
        await self.session.execute(
            delete(Assignment).where(
                Assignment.stage_id == stage_id, Assignment.judge_id == judge_id
            )
        )
        await self.session.execute(
            delete(PanelSeat).where(PanelSeat.stage_id == stage_id, PanelSeat.judge_id == judge_id)
        )

    async def sheets_by(self, stage_id: uuid.UUID, judge_id: uuid.UUID) -> int:
        query = select(func.count()).where(
            ScoreSheet.stage_id == stage_id,
            ScoreSheet.judge_id == judge_id,
            ScoreSheet.status != SheetStatus.VOID,
        )
        return int(await self.session.scalar(query) or 0)

    async def conflict(self, judge_id: uuid.UUID, entry_id: uuid.UUID) -> Conflict | None:
        return await self.session.scalar(
            select(Conflict).where(Conflict.judge_id == judge_id, Conflict.entry_id == entry_id)
        )

    async def conflicts_of(self, judge_id: uuid.UUID) -> list[Conflict]:
        query = select(Conflict).where(Conflict.judge_id == judge_id).order_by(Conflict.declared_at)
        return list(await self.session.scalars(query))

    async def org_paths(self, judge_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
        """The current paths of every organisation each judge acts for."""
        query = select(JudgeOrg.judge_id, JudgeOrg.org_path).where(JudgeOrg.judge_id.in_(judge_ids))
        paths: dict[uuid.UUID, list[str]] = {judge_id: [] for judge_id in judge_ids}
        for judge_id, path in (await self.session.execute(query)).all():
            paths[judge_id].append(path)
        return paths

    async def declared_pairs(
        self, judge_ids: Sequence[uuid.UUID]
    ) -> set[tuple[uuid.UUID, uuid.UUID]]:
        """(judge, entry) pairs of declared conflicts."""
        query = select(Conflict.judge_id, Conflict.entry_id).where(Conflict.judge_id.in_(judge_ids))
        return {(j, e) for j, e in (await self.session.execute(query)).all()}

    async def competing(self, stage_id: uuid.UUID) -> list[tuple[uuid.UUID, str, str | None]]:
        """(entry id, code, org path) of the entries competing in the stage."""
        query = (
            select(Entry.id, Entry.code, Entry.org_path)
            .join(StageEntry, StageEntry.entry_id == Entry.id)
            .where(
                StageEntry.stage_id == stage_id,
                StageEntry.attendance == Attendance.COMPETING,
            )
            .order_by(Entry.code)
        )
        return [(e, c, p) for e, c, p in (await self.session.execute(query)).all()]

    async def assigned(self, stage_id: uuid.UUID) -> dict[uuid.UUID, set[uuid.UUID]]:
        query = select(Assignment.entry_id, Assignment.judge_id).where(
            Assignment.stage_id == stage_id
        )
        assigned: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        for entry_id, judge_id in (await self.session.execute(query)).all():
            assigned[entry_id].add(judge_id)
        return assigned

    async def assign(
        self, stage_id: uuid.UUID, pairs: Sequence[tuple[uuid.UUID, uuid.UUID]]
    ) -> None:
        if not pairs:
            return
        await insert_unnest(
            self.session,
            "competition.assignment",
            {
                "stage_id": ("uuid", [stage_id] * len(pairs)),
                "entry_id": ("uuid", [e for e, _ in pairs]),
                "judge_id": ("uuid", [j for _, j in pairs]),
            },
        )

    async def assignment_page(
        self,
        stage_id: uuid.UUID,
        judge_id: uuid.UUID | None,
        after: tuple[str, uuid.UUID] | None,
        limit: int,
    ) -> list[tuple[uuid.UUID, str, uuid.UUID, str]]:
        query = (
            select(Entry.id, Entry.code, Judge.id, Judge.name)
            .select_from(Assignment)
            .join(Entry, Entry.id == Assignment.entry_id)
            .join(Judge, Judge.id == Assignment.judge_id)
            .where(Assignment.stage_id == stage_id)
        )
        if judge_id is not None:
            query = query.where(Assignment.judge_id == judge_id)
        if after is not None:
            query = query.where(tuple_(Entry.code, Judge.id) > tuple_(after[0], after[1]))
        query = query.order_by(Entry.code, Judge.id).limit(limit)
        return [(e, c, j, n) for e, c, j, n in (await self.session.execute(query)).all()]

    async def stages_of_pair(self, judge_id: uuid.UUID, entry_id: uuid.UUID) -> list[Stage]:
        """Stages in which the judge is assigned the entry or holds a sheet for it."""
        assigned = select(Assignment.stage_id).where(
            Assignment.judge_id == judge_id, Assignment.entry_id == entry_id
        )
        sheets = select(ScoreSheet.stage_id).where(
            ScoreSheet.judge_id == judge_id,
            ScoreSheet.entry_id == entry_id,
            ScoreSheet.status != SheetStatus.VOID,
        )
        query = select(Stage).where(Stage.id.in_(assigned.union(sheets)))
        return list(await self.session.scalars(query))

    async def unassign(self, judge_id: uuid.UUID, entry_id: uuid.UUID) -> None:
        await self.session.execute(
            delete(Assignment).where(
                Assignment.judge_id == judge_id, Assignment.entry_id == entry_id
            )
        )

    async def live_sheets(self, judge_id: uuid.UUID, entry_id: uuid.UUID) -> list[ScoreSheet]:
        query = select(ScoreSheet).where(
            ScoreSheet.judge_id == judge_id,
            ScoreSheet.entry_id == entry_id,
            ScoreSheet.status != SheetStatus.VOID,
        )
        return list(await self.session.scalars(query))
