import uuid
from collections.abc import Sequence

from sqlalchemy import Row, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from membership.rollups.counts import COLUMNS, Counts
from membership.rollups.models import OrgSubtreeMonthlyJoins, OrgSubtreeTally

# Built once, with bound parameters: they run on every statistics request, and SQLAlchemy
# then computes their cache keys once instead of per request.
_TOTALS = select(*(getattr(OrgSubtreeTally, c) for c in COLUMNS)).where(
    OrgSubtreeTally.org_id == bindparam("org_id")
)
_JOINS = (
    select(OrgSubtreeMonthlyJoins.month, OrgSubtreeMonthlyJoins.joins)
    .where(
        OrgSubtreeMonthlyJoins.org_id == bindparam("org_id"),
        OrgSubtreeMonthlyJoins.month.between(bindparam("first"), bindparam("last")),
        OrgSubtreeMonthlyJoins.joins != 0,
    )
    .order_by(OrgSubtreeMonthlyJoins.month)
)


class StatsRepository:
    """Reads of the sub-tree tallies (`rollups`): the same cost at every level of the tree."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def totals(self, org_id: uuid.UUID) -> Counts:
        row = (await self.session.execute(_TOTALS, {"org_id": org_id})).first()
        return Counts(*row) if row else Counts()

    async def joins_by_month(
        self, org_id: uuid.UUID, first: str, last: str
    ) -> Sequence[Row[str, int]]:
        params = {"org_id": org_id, "first": first, "last": last}
        return (await self.session.execute(_JOINS, params)).all()
