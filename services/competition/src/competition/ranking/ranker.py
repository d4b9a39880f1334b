"""Runs the ranking statement of ranking/sql.py for a stage and keeps its consequences: the
stored results, and a decision to take for each tie across an advancement boundary."""

import math
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from competition.contests.errors import WrongStateError
from competition.contests.models import (
    AdvancementKind,
    AdvancementRule,
    Event,
    EventGroup,
    Stage,
    StageKind,
)
from competition.contests.service import prizes_of, rubric_of
from competition.ranking.models import StageResult, TieDecision
from competition.ranking.sql import (
    MAX_SHEETS,
    RankingSpec,
    TieBreak,
    changes_query,
    store_query,
)


@dataclass(frozen=True)
class Change:
    entry_id: uuid.UUID
    entry_code: str
    group_id: uuid.UUID
    old_rank: int | None
    new_rank: int | None
    old_score: Decimal | None
    new_score: Decimal | None
    old_advances: bool | None
    new_advances: bool | None
    old_prize: str | None
    new_prize: str | None


@dataclass(frozen=True)
class Completeness:
    missing_sheets: int  # assignments of competing entries without a submitted sheet
    short_entries: int  # competing entries with fewer judges than the event asks for


def quota(kind: AdvancementKind, value: Decimal, ranked: int) -> int | None:
    """Places of a top-N or top-percent rule; None for a score threshold."""
    if kind is AdvancementKind.TOP_N:
        return int(value)
    if kind is AdvancementKind.TOP_PERCENT:
        return math.ceil(ranked * value / 100)
    return None


class Ranker:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def spec(self, stage: Stage, event: Event) -> RankingSpec:
        rubric = rubric_of(event)
        rules = list(
            await self.session.scalars(
                select(AdvancementRule).where(AdvancementRule.stage_id == stage.id)
            )
        )
        prizes: list[tuple[uuid.UUID, str, int, int]] = []
        if stage.kind is StageKind.FINAL:
            groups = await self.session.scalars(
                select(EventGroup).where(EventGroup.event_id == event.id)
            )
            prizes = [
                (g.id, p.prize.value, p.min_rank, p.max_rank) for g in groups for p in prizes_of(g)
            ]
        return RankingSpec(
            stage_id=stage.id,
            aggregation=event.aggregation,
            trim_min_judges=event.trim_min_judges,
            spread_threshold=event.spread_threshold,
            tie_breaks=[
                TieBreak(code, rubric.criterion(code).higher_is_better)
                for code in rubric.tie_breaks
            ],
            advancement=[(r.group_id, r.kind, r.value) for r in rules],
            prizes=prizes,
        )

    async def completeness(self, stage_id: uuid.UUID, per_entry: int) -> Completeness:
        """Counts per entry, not a join per sheet: a sheet exists only for an assigned judge
        (voiding one removes the assignment too), so missing = assigned − submitted."""
        row = (
            await self.session.execute(
                text(
                    """
WITH competing AS (
    SELECT entry_id FROM competition.stage_entry
    WHERE stage_id = :stage_id AND attendance = 'competing'
),
assigned AS (
    SELECT entry_id, count(*) AS n FROM competition.assignment
    WHERE stage_id = :stage_id GROUP BY entry_id
),
submitted AS (
    SELECT entry_id, count(*) AS n FROM competition.score_sheet
    WHERE stage_id = :stage_id AND status = 'submitted' GROUP BY entry_id
)
SELECT coalesce(sum(greatest(coalesce(a.n, 0) - coalesce(s.n, 0), 0)), 0),
       count(*) FILTER (WHERE coalesce(a.n, 0) < :per_entry),
       coalesce(max(a.n), 0)
FROM competing c
LEFT JOIN assigned a ON a.entry_id = c.entry_id
LEFT JOIN submitted s ON s.entry_id = c.entry_id
"""
                ),
                {"stage_id": stage_id, "per_entry": per_entry},
            )
        ).one()
        if int(row[2]) > MAX_SHEETS:
            # The ranking keys are exact up to MAX_SHEETS sheets an entry (ranking/sql.py).
            raise WrongStateError(f"An entry has more than {MAX_SHEETS} judges")
        return Completeness(missing_sheets=int(row[0]), short_entries=int(row[1]))

    async def store(self, spec: RankingSpec) -> None:
        await self.discard(spec.stage_id)
        await self.tune()
        sql, params = store_query(spec)
        await self.session.execute(text(sql), params)

    async def discard(self, stage_id: uuid.UUID) -> None:
        await self.session.execute(delete(StageResult).where(StageResult.stage_id == stage_id))

    async def tune(self) -> None:
        # Hashing and sorting 100,000 entries' aggregates stays in memory with this much; a
        # parallel plan would build the per-entry aggregate once in every worker.
        await self.session.execute(text("SET LOCAL work_mem = '64MB'"))
        await self.session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))

    async def changes(self, spec: RankingSpec) -> list[Change]:
        await self.tune()
        sql, params = changes_query(spec)
        rows = (await self.session.execute(text(sql), params)).mappings().all()
        return [Change(**row) for row in rows]

    async def boundary_ties(
        self, spec: RankingSpec
    ) -> list[tuple[uuid.UUID, int, int, list[uuid.UUID]]]:
        """(group, rank, places left, tied entries) for every tie across a boundary."""
        rows = (
            await self.session.execute(
                select(
                    StageResult.group_id,
                    func.min(StageResult.rank),
                    func.array_agg(StageResult.entry_id),
                )
                .where(StageResult.stage_id == spec.stage_id, StageResult.advances.is_(None))
                .group_by(StageResult.group_id)
            )
        ).all()
        if not rows:
            return []
        count_rows = await self.session.execute(
            select(StageResult.group_id, func.count())
            .where(StageResult.stage_id == spec.stage_id)
            .group_by(StageResult.group_id)
        )
        counts = {group_id: int(count) for group_id, count in count_rows.all()}
        rules = {group: (kind, value) for group, kind, value in spec.advancement}
        ties = []
        for group_id, rank, entry_ids in rows:
            kind, value = rules[group_id]
            places = (quota(kind, value, counts[group_id]) or 0) - rank + 1
            ties.append((group_id, rank, places, sorted(entry_ids)))
        return ties

    async def settle_ties(self, spec: RankingSpec) -> int:
        """Re-applies earlier decisions on ties that are still the same; opens a decision for
        every other one. Returns the number of ties left to decide."""
        earlier = {
            d.group_id: d
            for d in await self.session.scalars(
                select(TieDecision).where(TieDecision.stage_id == spec.stage_id)
            )
        }
        await self.session.execute(delete(TieDecision).where(TieDecision.stage_id == spec.stage_id))
        open_ties = 0
        for group_id, rank, places, tied in await self.boundary_ties(spec):
            decision = TieDecision(
                id=uuid.uuid4(),
                stage_id=spec.stage_id,
                group_id=group_id,
                rank=rank,
                places=places,
                tied_entry_ids=tied,
            )
            before = earlier.get(group_id)
            if (
                before is not None
                and before.advancing_entry_ids is not None
                and sorted(before.tied_entry_ids) == tied
                and before.places == places
            ):
                decision.id = before.id
                decision.advancing_entry_ids = before.advancing_entry_ids
                decision.decided_by = before.decided_by
                decision.decided_at = before.decided_at
                decision.reason = before.reason
                await self.apply_decision(decision)
            else:
                open_ties += 1
            self.session.add(decision)
        await self.session.flush()
        return open_ties

    async def apply_decision(self, decision: TieDecision) -> None:
        advancing = list(decision.advancing_entry_ids or [])
        await self.session.execute(
            update(StageResult)
            .where(
                StageResult.stage_id == decision.stage_id,
                StageResult.entry_id.in_(decision.tied_entry_ids),
            )
            .values(advances=StageResult.entry_id.in_(advancing) if advancing else False)
        )

    async def counts(self, stage_id: uuid.UUID) -> dict[str, int]:
        row = (
            await self.session.execute(
                select(
                    func.count(),
                    func.count().filter(StageResult.flagged),
                    func.count().filter(StageResult.advances.is_(True)),
                    func.count().filter(StageResult.prize.is_not(None)),
                ).where(StageResult.stage_id == stage_id)
            )
        ).one()
        return {"ranked": row[0], "flagged": row[1], "advancing": row[2], "prized": row[3]}
