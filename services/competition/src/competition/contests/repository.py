import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, delete, false, literal, or_, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.types import String

from competition.access import ancestors_or_self
from competition.contests.models import (
    AdvancementRule,
    Competition,
    CompetitionKind,
    CompetitionOrg,
    CompetitionStatus,
    Event,
    EventGroup,
    Stage,
    StageStatus,
)
from competition.judging.models import Judge

# Stages whose judges must not yet know who is behind the codes: before publication, and
# while a rescore marks an entry again.
UNPUBLISHED = (StageStatus.PLANNED, StageStatus.SCORING, StageStatus.RANKED, StageStatus.RESCORING)


def paths_param(paths: Sequence[str]) -> ColumnElement[list[str]]:
    return literal(list(paths), type_=ARRAY(String()))


def org_path_in(
    column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None],
    exact: Sequence[str],
    below: Sequence[str],
) -> ColumnElement[bool]:
    """`column` equals one of `exact`, or lies strictly below one of `below`."""
    conditions: list[ColumnElement[bool]] = []
    if exact:
        conditions.append(column == paths_param(exact).any_())
    if below:
        conditions.append(column.like(paths_param([p + ".%" for p in below]).any_()))
    return or_(*conditions) if conditions else false()


class ContestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *records: object) -> None:
        self.session.add_all(records)
        await self.session.flush()

    async def get(self, competition_id: uuid.UUID) -> Competition | None:
        return await self.session.get(Competition, competition_id)

    async def orgs(self, competition_id: uuid.UUID) -> list[CompetitionOrg]:
        query = (
            select(CompetitionOrg)
            .where(CompetitionOrg.competition_id == competition_id)
            .order_by(CompetitionOrg.role, CompetitionOrg.org_name)
        )
        return list(await self.session.scalars(query))

    async def orgs_of(self, competition_ids: Sequence[uuid.UUID]) -> list[CompetitionOrg]:
        if not competition_ids:
            return []
        query = (
            select(CompetitionOrg)
            .where(CompetitionOrg.competition_id.in_(competition_ids))
            .order_by(CompetitionOrg.role, CompetitionOrg.org_name)
        )
        return list(await self.session.scalars(query))

    async def page(
        self,
        *,
        everything: bool,
        runs_in: Sequence[str],
        near: Sequence[str],
        all_announced: bool,
        year: int | None,
        kind: CompetitionKind | None,
        status: CompetitionStatus | None,
        after: tuple[int, str, uuid.UUID] | None,
        limit: int,
    ) -> list[Competition]:
        """Newest year first. Drafts only for those who run them (an organisation of theirs
        lies in `runs_in`'s sub-trees); announced ones also for cadres `near` a host (at,
        above or below it) and, with `all_announced`, for members."""
        query = select(Competition)
        if not everything:
            announced = Competition.status != CompetitionStatus.DRAFT
            conditions: list[ColumnElement[bool]] = []
            if runs_in:
                runs = org_path_in(CompetitionOrg.org_path, runs_in, runs_in)
                conditions.append(
                    Competition.id.in_(select(CompetitionOrg.competition_id).where(runs))
                )
            if all_announced:
                conditions.append(announced)
            elif near:
                above = sorted({a for path in near for a in ancestors_or_self(path)})
                close = org_path_in(CompetitionOrg.org_path, above, near)
                conditions.append(
                    and_(
                        announced,
                        Competition.id.in_(select(CompetitionOrg.competition_id).where(close)),
                    )
                )
            query = query.where(or_(*conditions) if conditions else false())
        if year is not None:
            query = query.where(Competition.year == year)
        if kind is not None:
            query = query.where(Competition.kind == kind)
        if status is not None:
            query = query.where(Competition.status == status)
        if after is not None:
            query = query.where(
                tuple_(-Competition.year, Competition.name, Competition.id)
                > tuple_(-after[0], after[1], after[2])
            )
        query = query.order_by(Competition.year.desc(), Competition.name, Competition.id)
        return list(await self.session.scalars(query.limit(limit)))

    async def published_any(self, competition_id: uuid.UUID) -> bool:
        """Some stage of the competition has published results (on notice now, or before)."""
        query = (
            select(Stage.id)
            .join(Event, Event.id == Stage.event_id)
            .where(Event.competition_id == competition_id, Stage.published_at.is_not(None))
            .limit(1)
        )
        return await self.session.scalar(query) is not None

    async def events_blind_to(self, competition_id: uuid.UUID, subject: str) -> set[uuid.UUID]:
        """Events of the competition with a stage whose results are not (or no longer) on
        notice, when `subject` judges the competition; else none."""
        judges = select(Judge.id).where(
            Judge.competition_id == competition_id, Judge.subject == subject
        )
        query = (
            select(Stage.event_id)
            .join(Event, Event.id == Stage.event_id)
            .where(
                Event.competition_id == competition_id,
                Stage.status.in_(UNPUBLISHED),
                judges.exists(),
            )
            .distinct()
        )
        return set(await self.session.scalars(query))

    async def event(self, event_id: uuid.UUID) -> Event | None:
        return await self.session.get(Event, event_id)

    async def event_named(self, competition_id: uuid.UUID, name: str) -> Event | None:
        return await self.session.scalar(
            select(Event).where(Event.competition_id == competition_id, Event.name == name)
        )

    async def events(self, competition_id: uuid.UUID) -> list[Event]:
        query = select(Event).where(Event.competition_id == competition_id).order_by(Event.name)
        return list(await self.session.scalars(query))

    async def groups(self, event_ids: Sequence[uuid.UUID]) -> list[EventGroup]:
        query = (
            select(EventGroup)
            .where(EventGroup.event_id.in_(event_ids))
            .order_by(EventGroup.kind, EventGroup.name)
        )
        return list(await self.session.scalars(query))

    async def group(self, group_id: uuid.UUID) -> EventGroup | None:
        return await self.session.get(EventGroup, group_id)

    async def stages(self, event_ids: Sequence[uuid.UUID]) -> list[Stage]:
        query = select(Stage).where(Stage.event_id.in_(event_ids)).order_by(Stage.seq)
        return list(await self.session.scalars(query))

    async def stage(self, stage_id: uuid.UUID) -> Stage | None:
        return await self.session.get(Stage, stage_id)

    async def stage_by_seq(self, event_id: uuid.UUID, seq: int) -> Stage | None:
        return await self.session.scalar(
            select(Stage).where(Stage.event_id == event_id, Stage.seq == seq)
        )

    async def advancement(self, stage_ids: Sequence[uuid.UUID]) -> list[AdvancementRule]:
        query = select(AdvancementRule).where(AdvancementRule.stage_id.in_(stage_ids))
        return list(await self.session.scalars(query))

    async def replace_advancement(self, stage_id: uuid.UUID, rules: list[AdvancementRule]) -> None:
        await self.session.execute(
            delete(AdvancementRule).where(AdvancementRule.stage_id == stage_id)
        )
        await self.add(*rules)
