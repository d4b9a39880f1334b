"""The SQL of the sub-tree tallies. An organisation's ancestors are the labels of its path
(each label is an org id in hex, `orgs.models.path_label`), so "this org and every ancestor"
is an unnest of the path, with no search of the tree."""

import uuid
from collections.abc import Sequence

from sqlalchemy import Row, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from membership.orgs.models import OrgMonthlyJoins
from membership.rollups.counts import COLUMNS, Counts, Delta, JoinsDelta
from membership.rollups.models import OrgSubtreeMonthlyJoins, OrgSubtreeTally

_ANCESTORS = "unnest(string_to_array(CAST(o.path AS text), '.')::uuid[])"
_SUMS = ", ".join(f"sum(d.{c})" for c in COLUMNS)

# The deltas of several orgs in one statement, netted per ancestor: the common ancestors of a
# transfer's two unions net to zero and are not touched (nor locked). Rows are written in id
# order, one lock order for every writer, so two such statements cannot deadlock each other.
_ADD = text(
    f"""
    INSERT INTO membership.org_subtree_tally AS t (org_id, {", ".join(COLUMNS)})
    SELECT ancestor_id, {_SUMS}
    FROM unnest(CAST(:org_ids AS uuid[]), {", ".join(f"CAST(:{c} AS integer[])" for c in COLUMNS)})
         AS d(org_id, {", ".join(COLUMNS)})
    JOIN membership.org o ON o.id = d.org_id
    CROSS JOIN LATERAL {_ANCESTORS} AS ancestor_id
    GROUP BY ancestor_id
    HAVING ({_SUMS}) <> ({", ".join("0" for _ in COLUMNS)})
    ORDER BY ancestor_id
    ON CONFLICT (org_id) DO UPDATE SET {", ".join(f"{c} = t.{c} + excluded.{c}" for c in COLUMNS)}
    """  # noqa: S608 (constants only)
)

_ADD_JOINS = text(
    f"""
    INSERT INTO membership.org_subtree_monthly_joins AS j (org_id, month, joins)
    SELECT ancestor_id, d.month, sum(d.joins)
    FROM unnest(CAST(:org_ids AS uuid[]), CAST(:months AS varchar[]), CAST(:joins AS integer[]))
         AS d(org_id, month, joins)
    JOIN membership.org o ON o.id = d.org_id
    CROSS JOIN LATERAL {_ANCESTORS} AS ancestor_id
    GROUP BY ancestor_id, d.month
    HAVING sum(d.joins) <> 0
    ORDER BY ancestor_id, d.month
    ON CONFLICT (org_id, month) DO UPDATE SET joins = j.joins + excluded.joins
    """  # noqa: S608 (constants only)
)

# The deepest new-form organisation among the org and its ancestors.
_ANCHOR = text(
    f"""
    SELECT a.id
    FROM membership.org o
    CROSS JOIN LATERAL {_ANCESTORS} WITH ORDINALITY AS up(id, depth)
    JOIN membership.org a ON a.id = up.id
    WHERE o.id = :org_id AND a.new_form
    ORDER BY up.depth DESC
    LIMIT 1
    """  # noqa: S608 (constants only)
)

# Enterprises counted somewhere under `path` whose union has no new-form organisation deeper
# than `depth` on its way up: their anchor, if any, lies above that depth.
_UNANCHORED = text(
    f"""
    SELECT count(*)
    FROM membership.enterprise e
    JOIN membership.org o ON o.id = coalesce(e.union_org_id, e.affiliated_org_id)
    WHERE o.path <@ CAST(:path AS ltree)
      AND NOT EXISTS (
          SELECT FROM {_ANCESTORS} WITH ORDINALITY AS up(id, depth)
          JOIN membership.org a ON a.id = up.id
          WHERE up.depth > :depth AND a.new_form
      )
    """  # noqa: S608 (constants only)
)


class RollupRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, deltas: Sequence[Delta]) -> None:
        """Add each delta to its org and every ancestor of it."""
        if not deltas:
            return
        params: dict[str, list[object]] = {"org_ids": [org_id for org_id, _ in deltas]}
        for position, column in enumerate(COLUMNS):
            params[column] = [counts.values()[position] for _, counts in deltas]
        await self.session.execute(_ADD, params)

    async def add_joins(self, deltas: Sequence[JoinsDelta]) -> None:
        if not deltas:
            return
        await self.session.execute(
            _ADD_JOINS,
            {
                "org_ids": [org_id for org_id, _, _ in deltas],
                "months": [month for _, month, _ in deltas],
                "joins": [joins for _, _, joins in deltas],
            },
        )

    async def add_own_joins(self, org_id: uuid.UUID, month: str, joins: int) -> None:
        """The org's own joins: where people joined stays on record when they move on."""
        statement = insert(OrgMonthlyJoins).values(org_id=org_id, month=month, joins=joins)
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[OrgMonthlyJoins.org_id, OrgMonthlyJoins.month],
                set_={"joins": OrgMonthlyJoins.joins + statement.excluded.joins},
            )
        )

    async def counts(self, org_id: uuid.UUID) -> Counts:
        row = (
            await self.session.execute(
                select(*(getattr(OrgSubtreeTally, c) for c in COLUMNS)).where(
                    OrgSubtreeTally.org_id == org_id
                )
            )
        ).first()
        return Counts(*row) if row else Counts()

    async def joins(
        self, org_id: uuid.UUID, first: str | None = None, last: str | None = None
    ) -> Sequence[Row[str, int]]:
        query = select(OrgSubtreeMonthlyJoins.month, OrgSubtreeMonthlyJoins.joins).where(
            OrgSubtreeMonthlyJoins.org_id == org_id, OrgSubtreeMonthlyJoins.joins != 0
        )
        if first is not None and last is not None:
            query = query.where(OrgSubtreeMonthlyJoins.month.between(first, last))
        return (await self.session.execute(query.order_by(OrgSubtreeMonthlyJoins.month))).all()

    async def anchor(self, org_id: uuid.UUID) -> uuid.UUID | None:
        """The deepest new-form organisation among `org_id` and its ancestors."""
        found: uuid.UUID | None = await self.session.scalar(_ANCHOR, {"org_id": org_id})
        return found

    async def unanchored_enterprises(self, path: str, depth: int) -> int:
        """Enterprises under `path` with no new-form union deeper than `depth` above them."""
        return int(await self.session.scalar(_UNANCHORED, {"path": path, "depth": depth}) or 0)
