"""The set-based ranking statement against the rules stated plainly in Python with exact
fractions: aggregation (mean, trimmed mean), tie-breaks, shared ranks, advancement with
boundary ties, prizes, review flags — for random stages."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from competition.contests.models import (
    AdvancementKind,
    Aggregation,
    Competition,
    CompetitionKind,
    CompetitionLevel,
    CompetitionStatus,
    Event,
    EventFormat,
    EventGroup,
    GroupKind,
    Stage,
    StageKind,
    StageStatus,
)
from competition.contests.rules import Criterion, CriterionKind, Rubric
from competition.entries.models import Entry, EntryStatus
from competition.judging.models import Judge
from competition.ranking.models import Attendance, StageEntry, StageResult
from competition.ranking.ranker import Ranker, quota
from competition.ranking.sql import RankingSpec, TieBreak
from competition.scoring.marks import total
from competition.scoring.models import ScoreSheet, SheetStatus

RUBRIC = Rubric(
    criteria=[
        Criterion(
            code="skill",
            name="技能",
            kind=CriterionKind.JUDGED,
            max_mark=Decimal(10),
            weight=Decimal("1.5"),
        ),
        Criterion(
            code="time",
            name="用时",
            kind=CriterionKind.MEASURED,
            max_mark=Decimal(5),
            weight=Decimal(0),
            higher_is_better=False,
        ),
    ],
    tie_breaks=["time"],
)
NOW = datetime.now(UTC)
PRIZES = [("first", 1, 1), ("second", 2, 3)]

# Few distinct marks, so ties on score and on time are common.
marks = st.tuples(
    st.sampled_from([Decimal(v) for v in ("6", "7.5", "8", "9.25", "10")]),
    st.sampled_from([Decimal(v) for v in ("1", "2", "3")]),
)


@st.composite
def stages(draw: st.DrawFn) -> dict[str, Any]:
    judges = draw(st.integers(1, 6))
    groups = draw(st.integers(1, 2))
    entries = draw(
        st.lists(
            st.tuples(
                st.integers(0, groups - 1), st.lists(marks, min_size=judges, max_size=judges)
            ),
            min_size=1,
            max_size=10,
        )
    )
    rule = draw(
        st.one_of(
            st.tuples(st.just(AdvancementKind.TOP_N), st.integers(1, 6).map(Decimal)),
            st.tuples(
                st.just(AdvancementKind.TOP_PERCENT),
                st.sampled_from([Decimal(v) for v in ("10", "33.3", "50", "100")]),
            ),
            st.tuples(
                st.just(AdvancementKind.THRESHOLD),
                st.sampled_from([Decimal(v) for v in ("10", "12", "13.875")]),
            ),
            st.none(),
        )
    )
    return {
        "judges": judges,
        "groups": groups,
        "entries": entries,
        "aggregation": draw(st.sampled_from(Aggregation)),
        "trim_min": draw(st.integers(3, 5)),
        "threshold": draw(st.sampled_from([None, Decimal("2"), Decimal("4.5")])),
        "rule": rule,
    }


@dataclass
class Expected:
    group: int
    rank: int
    score: Decimal
    spread: Decimal
    flagged: bool
    advances: bool | None
    prize: str | None


def expected(stage: dict[str, Any]) -> list[Expected]:
    """The rules, plainly: exact fractions, rank = 1 + entries strictly ahead."""
    rows = []
    for group, sheets in stage["entries"]:
        totals = [total(RUBRIC, {"skill": s, "time": t}) for s, t in sheets]
        assert all(t is not None for t in totals)
        kept = [Fraction(t) for t in totals if t is not None]
        if stage["aggregation"] is Aggregation.TRIMMED_MEAN and len(kept) >= stage["trim_min"]:
            kept = sorted(kept)[1:-1]
        score = sum(kept, Fraction(0)) / len(kept)
        time = sum((Fraction(t) for _, t in sheets), Fraction(0)) / len(sheets)
        spread = max(t for t in totals if t) - min(t for t in totals if t)
        rows.append((group, score, time, spread))
    result = []
    for group, score, time, spread in rows:
        peers = [(s, t) for g, s, t, _ in rows if g == group]
        rank = 1 + sum(1 for s, t in peers if s > score or (s == score and t < time))
        tied = sum(1 for s, t in peers if s == score and t == time)
        advances: bool | None = False
        if stage["rule"] is not None:
            kind, value = stage["rule"]
            if kind is AdvancementKind.THRESHOLD:
                advances = score >= value
            else:
                places = quota(kind, value, len(peers)) or 0
                advances = True if rank + tied - 1 <= places else False if rank > places else None
        prize = None
        if stage["rule"] is None:
            prize = next((p for p, lo, hi in PRIZES if lo <= rank <= hi), None)
        threshold = stage["threshold"]
        result.append(
            Expected(
                group=group,
                rank=rank,
                score=_round(score),
                spread=spread,
                flagged=threshold is not None and spread > threshold,
                advances=advances,
                prize=prize,
            )
        )
    return result


def _round(value: Fraction) -> Decimal:
    """Half up to 4 places."""
    scaled = value * 10000
    floor = scaled.numerator // scaled.denominator
    if scaled - floor >= Fraction(1, 2):
        floor += 1
    return Decimal(floor) / Decimal(10000)


async def store(
    session: AsyncSession, stage: dict[str, Any]
) -> tuple[RankingSpec, list[uuid.UUID], list[uuid.UUID]]:
    competition = Competition(
        id=uuid.uuid4(),
        name="性质测试",
        kind=CompetitionKind.LABOUR,
        level=CompetitionLevel.CITY,
        year=2026,
        status=CompetitionStatus.RUNNING,
        notice_days=0,
        demo=False,
        created_by="test",
    )
    event = Event(
        id=uuid.uuid4(),
        competition_id=competition.id,
        name="项目",
        format=EventFormat.INDIVIDUAL,
        vocational=False,
        criteria=[c.model_dump(mode="json") for c in RUBRIC.criteria],
        tie_breaks=RUBRIC.tie_breaks,
        aggregation=stage["aggregation"],
        trim_min_judges=stage["trim_min"],
        judges_per_entry=stage["judges"],
        spread_threshold=stage["threshold"],
        eligible_employment_forms=[],
        eligible_orgs=[],
    )
    groups = [
        EventGroup(
            id=uuid.uuid4(),
            event_id=event.id,
            kind=GroupKind.EMPLOYEE,
            name=f"组{n}",
            prize_rules=[],
            honour_rules=[],
        )
        for n in range(stage["groups"])
    ]
    final = stage["rule"] is None
    stage_row = Stage(
        id=uuid.uuid4(),
        event_id=event.id,
        kind=StageKind.FINAL if final else StageKind.PRELIMINARY,
        seq=1,
        status=StageStatus.SCORING,
    )
    judges = [
        Judge(
            id=uuid.uuid4(),
            competition_id=competition.id,
            subject=f"j{n}",
            username=f"j{n}",
            name=f"评委{n}",
            org_id=uuid.uuid4(),
            org_name="市总",
        )
        for n in range(stage["judges"])
    ]
    session.add_all([competition, event, *groups, stage_row, *judges])
    entry_ids = []
    for n, (group, sheets) in enumerate(stage["entries"]):
        entry = Entry(
            id=uuid.uuid4(),
            competition_id=competition.id,
            event_id=event.id,
            group_id=groups[group].id,
            format=EventFormat.INDIVIDUAL,
            code=f"C{n:05d}",
            status=EntryStatus.APPROVED,
            display_name=f"选手{n}",
            registered_by="test",
        )
        entry_ids.append(entry.id)
        session.add(entry)
        session.add(
            StageEntry(
                stage_id=stage_row.id,
                entry_id=entry.id,
                group_id=groups[group].id,
                entry_code=entry.code,
                attendance=Attendance.COMPETING,
            )
        )
        for judge, (skill, time) in zip(judges, sheets, strict=True):
            session.add(
                ScoreSheet(
                    id=uuid.uuid4(),
                    stage_id=stage_row.id,
                    entry_id=entry.id,
                    judge_id=judge.id,
                    marks={"skill": str(skill), "time": str(time)},
                    total=total(RUBRIC, {"skill": skill, "time": time}),
                    status=SheetStatus.SUBMITTED,
                    updated_at=NOW,
                )
            )
    await session.flush()
    spec = RankingSpec(
        stage_id=stage_row.id,
        aggregation=stage["aggregation"],
        trim_min_judges=stage["trim_min"],
        spread_threshold=stage["threshold"],
        tie_breaks=[TieBreak("time", higher_is_better=False)],
        advancement=[] if final else [(g.id, *stage["rule"]) for g in groups],
        prizes=[(g.id, p, lo, hi) for g in groups for p, lo, hi in PRIZES] if final else [],
    )
    return spec, entry_ids, [g.id for g in groups]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stage=stages())
async def test_sql_ranking_follows_the_rules(session: AsyncSession, stage: dict[str, Any]) -> None:
    spec, entry_ids, group_ids = await store(session, stage)
    await Ranker(session).store(spec)
    rows = {
        r.entry_id: r
        for r in await session.scalars(
            select(StageResult).where(StageResult.stage_id == spec.stage_id)
        )
    }
    for entry_id, want in zip(entry_ids, expected(stage), strict=True):
        got = rows[entry_id]
        assert got.group_id == group_ids[want.group]
        assert (got.rank, got.score, got.spread, got.flagged) == (
            want.rank,
            want.score,
            want.spread,
            want.flagged,
        )
        assert (got.advances, got.prize) == (want.advances, want.prize)
