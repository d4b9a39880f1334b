"""Statistics of a sub-tree in one statement on a pooled connection, outside a transaction
(servicekit.reads): the organisation, whether the caller's scope covers it, its sub-tree
tally (`rollups`) and its joins per month. The same cost at every level of the tree; a
session would add BEGIN, COMMIT and a statement for the caller's scope."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from membership.rollups.counts import COLUMNS, Counts
from servicekit.reads import Reads

# The scope's paths are read here, not taken from the token: a move since the token was
# issued must count (membership's access rule, membership.access).
_STATS = f"""
SELECT o.id, o.name,
       $2::boolean OR EXISTS (
           SELECT 1 FROM membership.org s WHERE s.id = ANY($3::uuid[]) AND o.path <@ s.path
       ) AS visible,
       {", ".join(f"coalesce(t.{c}, 0) AS {c}" for c in COLUMNS)},
       ARRAY(
           SELECT ROW(j.month, j.joins)::text FROM membership.org_subtree_monthly_joins j
           WHERE j.org_id = o.id AND j.month BETWEEN $4 AND $5 AND j.joins <> 0
           ORDER BY j.month
       ) AS joins
FROM membership.org o
LEFT JOIN membership.org_subtree_tally t ON t.org_id = o.id
WHERE o.id = $1
"""  # noqa: S608  (only the column names of Counts; every value is bound)


@dataclass(frozen=True, slots=True)
class SubtreeStats:
    org_id: uuid.UUID
    org_name: str
    totals: Counts
    joins_by_month: list[tuple[str, int]]


class StatsRepository:
    def __init__(self, reads: Reads) -> None:
        self.reads = reads

    async def visible_stats(
        self,
        org_id: uuid.UUID,
        unrestricted: bool,
        scope_ids: Sequence[uuid.UUID],
        first: str,
        last: str,
    ) -> SubtreeStats | None:
        """None when the organisation does not exist or lies outside the caller's scope."""
        async with self.reads() as connection:
            row = await connection.fetchrow(
                _STATS, org_id, unrestricted, list(scope_ids), first, last
            )
        if row is None or not row["visible"]:
            return None
        joins = []
        for pair in row["joins"]:  # "(2026-03,12)"
            month, _, count = pair.strip("()").partition(",")
            joins.append((month, int(count)))
        return SubtreeStats(row["id"], row["name"], Counts(*(row[c] for c in COLUMNS)), joins)
