from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


def subtree_condition(paths: Sequence[str], params: dict[str, Any]) -> str:
    """SQL for `p.org_path` in one of the sub-trees, as index ranges: in the "C" collation
    every path below `a.b` sorts from `a.b.` up to (excluding) `a.b/`."""
    conditions = []
    for n, path in enumerate(paths):
        params[f"p{n}"], params[f"lo{n}"], params[f"hi{n}"] = path, path + ".", path + "/"
        conditions.append(f"p.org_path = :p{n} OR (p.org_path >= :lo{n} AND p.org_path < :hi{n})")
    return " OR ".join(f"({c})" for c in conditions)


class StatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def participation(
        self, paths: Sequence[str] | None, year_from: int, year_to: int
    ) -> list[tuple[int, str, int, int, int]]:
        """(year, kind, competitions, entries, participations); `paths` None: everything."""
        params: dict[str, Any] = {"year_from": year_from, "year_to": year_to}
        where = "TRUE" if paths is None else subtree_condition(paths, params)
        # Grouped by competition first (a few hundred groups, hashed, no DISTINCT over a
        # million ids); an entry counts once through its first participant.
        sql = f"""
SELECT t.year, c.kind, count(*), sum(t.entries), sum(t.participations)
FROM (
    SELECT p.year, p.competition_id, count(*) FILTER (WHERE p.seq = 1) AS entries,
           count(*) AS participations
    FROM competition.participant p
    WHERE p.state = 'approved' AND p.year BETWEEN :year_from AND :year_to AND ({where})
    GROUP BY p.year, p.competition_id
) t
JOIN competition.competition c ON c.id = t.competition_id
GROUP BY t.year, c.kind
ORDER BY t.year, c.kind
"""  # noqa: S608  (generated placeholders only; every value is bound)
        rows = await self.session.execute(text(sql), params)
        return [(int(y), str(k), int(c), int(e), int(n)) for y, k, c, e, n in rows.all()]
