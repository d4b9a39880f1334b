"""Ranking a stage in one set-based statement.

Per entry: the submitted sheets' totals are summed (their highest and lowest dropped for a
trimmed mean when enough judges scored); per group, `rank()` orders by the aggregate and
then by each tie-break criterion's mean mark, so only entries equal on every key share a
rank. Advancement and prizes follow from the rank in the same statement.

Exactness: an aggregate is a fraction S/k. Dividing in NUMERIC rounds at a scale that depends
on the operands, so two equal fractions could compare unequal; the keys are integers instead.
Totals have at most 5 decimal places (marks 3, weights 2), so S·10^5 is an integer, and with
at most MAX_SHEETS sheets two different fractions differ by at least 1/MAX_SHEETS² in units of
10^-5. Hence key = floor(S · 10^5 · MAX_SHEETS² / k): equal fractions get equal keys, and
different ones keys at least 1 apart, in the fractions' order. Tie-break means of marks
(3 places) the same with 10^3. Sums and keys are BIGINT (score_sheet.total_units holds each
total in units of 10^-5), several times faster than NUMERIC: marks below 10^5, weights at
most 100 and 30 criteria keep a sheet below 3·10^8 and S · 10^5 · 2500 below 4·10^18.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from competition.contests.models import AdvancementKind, Aggregation

# Sheets per entry the keys stay exact for: judges_per_entry is at most 50.
MAX_SHEETS = 50
_SQUARE = MAX_SHEETS**2


@dataclass(frozen=True)
class TieBreak:
    code: str
    higher_is_better: bool


@dataclass(frozen=True)
class RankingSpec:
    stage_id: uuid.UUID
    aggregation: Aggregation
    trim_min_judges: int
    spread_threshold: Decimal | None
    tie_breaks: list[TieBreak] = field(default_factory=list)
    # (group, kind, value) per group that advances from this stage; none for the final.
    advancement: list[tuple[uuid.UUID, AdvancementKind, Decimal]] = field(default_factory=list)
    # (group, prize, min rank, max rank) for the final.
    prizes: list[tuple[uuid.UUID, str, int, int]] = field(default_factory=list)


def ranking_query(spec: RankingSpec) -> tuple[str, dict[str, Any]]:
    """SELECT of the stage's results: entry_id, group_id, entry_code, judges, score, spread,
    flagged, rank, advances (NULL: tied across the boundary), prize."""
    params: dict[str, Any] = {
        "stage_id": spec.stage_id,
        "trimmed": spec.aggregation is Aggregation.TRIMMED_MEAN,
        "trim_min": spec.trim_min_judges,
        "threshold": spec.spread_threshold,
        "rule_groups": [g for g, _, _ in spec.advancement],
        "rule_kinds": [k.value for _, k, _ in spec.advancement],
        "rule_values": [v for _, _, v in spec.advancement],
        "prize_groups": [g for g, _, _, _ in spec.prizes],
        "prize_names": [p for _, p, _, _ in spec.prizes],
        "prize_min": [lo for _, _, lo, _ in spec.prizes],
        "prize_max": [hi for _, _, _, hi in spec.prizes],
    }
    sums, means, orders = [], [], []
    for n, tie_break in enumerate(spec.tie_breaks):
        params[f"tb{n}"] = tie_break.code
        sums.append(f", sum((s.marks ->> :tb{n})::numeric) AS tb{n}_sum")
        means.append(f", CAST(a.tb{n}_sum * 1000 AS bigint) * {_SQUARE} / a.judges AS tb{n}")
        orders.append(f", tb{n} {'DESC' if tie_break.higher_is_better else 'ASC'}")
    trimmed = "(:trimmed AND a.judges >= :trim_min)"
    quota = (
        "CASE q.kind WHEN 'top_n' THEN q.value"
        " WHEN 'top_percent' THEN ceil(r.ranked_count * q.value / 100) END"
    )
    sql = f"""
WITH competing AS (
    SELECT se.entry_id, se.group_id, se.entry_code AS code
    FROM competition.stage_entry se
    WHERE se.stage_id = :stage_id AND se.attendance = 'competing'
),
agg AS (
    SELECT s.entry_id, count(*) AS judges, CAST(sum(s.total_units) AS bigint) AS total_sum,
           max(s.total_units) AS hi, min(s.total_units) AS lo{"".join(sums)}
    FROM competition.score_sheet s
    WHERE s.stage_id = :stage_id AND s.status = 'submitted'
    GROUP BY s.entry_id
),
scored AS (
    SELECT c.entry_id, c.group_id, c.code, a.judges, a.hi - a.lo AS spread_units,
           CASE WHEN {trimmed} THEN a.total_sum - a.hi - a.lo ELSE a.total_sum END AS kept_sum,
           CASE WHEN {trimmed} THEN a.judges - 2 ELSE a.judges END AS kept{"".join(means)}
    FROM competing c JOIN agg a ON a.entry_id = c.entry_id
),
keyed AS (
    SELECT scored.*, kept_sum * {_SQUARE} / kept AS score_key
    FROM scored
),
ranked AS (
    SELECT keyed.*,
           rank() OVER w AS rank,
           -- With ORDER BY the frame ends at the last peer: the tie group's last place.
           count(*) OVER w AS last_place,
           count(*) OVER (PARTITION BY group_id) AS ranked_count
    FROM keyed
    WINDOW w AS (PARTITION BY group_id ORDER BY score_key DESC{"".join(orders)})
)
SELECT r.entry_id, r.group_id, r.code AS entry_code, r.judges,
       -- Half up to 4 places: floor(S/k · 10^4 + 1/2) with S in units of 10^-5.
       CAST(CAST((2 * r.kept_sum + 10 * r.kept) / (20 * r.kept) AS numeric) / 10000
            AS numeric(20, 4)) AS score,
       CAST(CAST(r.spread_units AS numeric) / 100000 AS numeric(20, 5)) AS spread,
       coalesce(r.spread_units > CAST(:threshold AS numeric) * 100000 AND c.entry_id IS NULL,
                false) AS flagged,
       CAST(r.rank AS integer) AS rank,
       CASE
           WHEN q.kind IS NULL THEN false
           WHEN q.kind = 'threshold' THEN r.score_key >= q.value * 100000 * {_SQUARE}
           WHEN r.last_place <= {quota} THEN true
           WHEN r.rank > {quota} THEN false
       END AS advances,
       p.prize
FROM ranked r
LEFT JOIN unnest(CAST(:rule_groups AS uuid[]), CAST(:rule_kinds AS text[]),
                 CAST(:rule_values AS numeric[])) AS q(group_id, kind, value)
       ON q.group_id = r.group_id
LEFT JOIN unnest(CAST(:prize_groups AS uuid[]), CAST(:prize_names AS text[]),
                 CAST(:prize_min AS int[]), CAST(:prize_max AS int[]))
          AS p(group_id, prize, min_rank, max_rank)
       ON p.group_id = r.group_id AND r.rank BETWEEN p.min_rank AND p.max_rank
LEFT JOIN competition.review_clearance c
       ON c.stage_id = :stage_id AND c.entry_id = r.entry_id
      AND c.spread * 100000 = r.spread_units
"""  # noqa: S608  (only generated identifiers; every value is a bound parameter)
    return sql, params


RESULT_COLUMNS = (
    "entry_id, group_id, entry_code, judges, score, spread, flagged, rank, advances, prize"
)


def store_query(spec: RankingSpec) -> tuple[str, dict[str, Any]]:
    select, params = ranking_query(spec)
    sql = f"""
INSERT INTO competition.stage_result (stage_id, {RESULT_COLUMNS})
SELECT :stage_id, {RESULT_COLUMNS} FROM ({select}) AS n
"""  # noqa: S608
    return sql, params


def changes_query(spec: RankingSpec) -> tuple[str, dict[str, Any]]:
    """What ranking again would change against the stored results, entry by entry."""
    select, params = ranking_query(spec)
    sql = f"""
WITH n AS ({select}),
     o AS (SELECT * FROM competition.stage_result WHERE stage_id = :stage_id)
SELECT coalesce(n.entry_id, o.entry_id) AS entry_id,
       coalesce(n.entry_code, o.entry_code) AS entry_code,
       coalesce(n.group_id, o.group_id) AS group_id,
       o.rank AS old_rank, n.rank AS new_rank,
       o.score AS old_score, n.score AS new_score,
       o.advances AS old_advances, n.advances AS new_advances,
       o.prize AS old_prize, n.prize AS new_prize
FROM n FULL JOIN o ON o.entry_id = n.entry_id
WHERE o.rank IS DISTINCT FROM n.rank
   OR o.score IS DISTINCT FROM n.score
   OR o.advances IS DISTINCT FROM n.advances
   OR o.prize IS DISTINCT FROM n.prize
ORDER BY coalesce(n.rank, o.rank), coalesce(n.entry_code, o.entry_code)
"""  # noqa: S608
    return sql, params
