import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, delete, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from competition.contests.models import Stage, StageStatus
from competition.contests.repository import org_path_in
from competition.entries.models import LIVE_STATES, Entry, EntryStatus, Participant
from competition.ranking.models import Attendance, StageEntry, StageResult


class EntryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *records: object) -> None:
        self.session.add_all(records)
        await self.session.flush()

    async def get(self, entry_id: uuid.UUID) -> Entry | None:
        return await self.session.get(Entry, entry_id)

    async def by_code(self, competition_id: uuid.UUID, code: str) -> Entry | None:
        return await self.session.scalar(
            select(Entry).where(Entry.competition_id == competition_id, Entry.code == code)
        )

    async def participants(self, entry_ids: Sequence[uuid.UUID]) -> list[Participant]:
        if not entry_ids:
            return []
        query = (
            select(Participant)
            .where(Participant.entry_id.in_(entry_ids))
            .order_by(Participant.entry_id, Participant.seq)
        )
        return list(await self.session.scalars(query))

    async def live_numbers(self, event_id: uuid.UUID, numbers: Sequence[str]) -> set[str]:
        """The numbers that already hold a live entry in the event."""
        query = select(Participant.membership_no).where(
            Participant.event_id == event_id,
            Participant.membership_no.in_(numbers),
            Participant.state.in_(LIVE_STATES),
        )
        return {n for n in await self.session.scalars(query) if n}

    async def codes_taken(self, competition_id: uuid.UUID, codes: Sequence[str]) -> set[str]:
        query = select(Entry.code).where(
            Entry.competition_id == competition_id, Entry.code.in_(codes)
        )
        return set(await self.session.scalars(query))

    async def set_status(self, entry: Entry, status: EntryStatus) -> None:
        entry.status = status
        await self.session.execute(
            update(Participant).where(Participant.entry_id == entry.id).values(state=status)
        )
        await self.session.flush()

    async def many(self, competition_id: uuid.UUID, entry_ids: Sequence[uuid.UUID]) -> list[Entry]:
        query = select(Entry).where(Entry.competition_id == competition_id, Entry.id.in_(entry_ids))
        return list(await self.session.scalars(query))

    async def set_many(self, entries: Sequence[Entry], status: EntryStatus) -> None:
        for entry in entries:
            entry.status = status
        ids = [e.id for e in entries]
        if ids:
            await self.session.execute(
                update(Participant).where(Participant.entry_id.in_(ids)).values(state=status)
            )
        await self.session.flush()

    async def leave_stages(self, entry_id: uuid.UUID) -> None:
        """A withdrawn entry stops competing in the stages still being scored or ranked; a
        stage already ranked goes back to scoring, its results computed with the entry gone.
        Published results stand."""
        stages = await self.session.scalars(
            select(Stage)
            .join(StageEntry, StageEntry.stage_id == Stage.id)
            .where(
                StageEntry.entry_id == entry_id,
                StageEntry.attendance == Attendance.COMPETING,
                Stage.status.in_((StageStatus.SCORING, StageStatus.RANKED)),
            )
        )
        for stage in stages:
            if stage.status is StageStatus.RANKED:
                stage.status, stage.ranked_at = StageStatus.SCORING, None
                await self.session.execute(
                    delete(StageResult).where(StageResult.stage_id == stage.id)
                )
            await self.session.execute(
                update(StageEntry)
                .where(StageEntry.stage_id == stage.id, StageEntry.entry_id == entry_id)
                .values(attendance=Attendance.WITHDRAWN)
            )
        await self.session.flush()

    async def page(
        self,
        competition_id: uuid.UUID,
        *,
        within: Sequence[str] | None,
        event_id: uuid.UUID | None,
        group_id: uuid.UUID | None,
        status: EntryStatus | None,
        after: tuple[str, uuid.UUID] | None,
        limit: int,
    ) -> list[Entry]:
        """By code; `within`: only entries of those sub-trees (None: all)."""
        conditions: list[ColumnElement[bool]] = [Entry.competition_id == competition_id]
        if within is not None:
            conditions.append(org_path_in(Entry.org_path, within, within))
        if event_id is not None:
            conditions.append(Entry.event_id == event_id)
        if group_id is not None:
            conditions.append(Entry.group_id == group_id)
        if status is not None:
            conditions.append(Entry.status == status)
        if after is not None:
            conditions.append(tuple_(Entry.code, Entry.id) > tuple_(after[0], after[1]))
        query = select(Entry).where(*conditions).order_by(Entry.code, Entry.id).limit(limit)
        return list(await self.session.scalars(query))

    async def of_person(self, person_id: uuid.UUID) -> list[Entry]:
        entry_ids = select(Participant.entry_id).where(Participant.person_id == person_id)
        query = select(Entry).where(Entry.id.in_(entry_ids)).order_by(Entry.created_at.desc())
        return list(await self.session.scalars(query))
