from sqlalchemy import Row, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from membership.enterprises.models import Enterprise
from membership.orgs.models import Org, OrgMonthlyJoins, OrgStatus, OrgTally
from membership.orgs.repository import ltree, within


class StatsRepository:
    """Sub-tree sums over per-organisation tallies: cost grows with organisations, not people."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def totals(self, path: str) -> Row[int, int, int, int]:
        active = Org.status == OrgStatus.ACTIVE
        query = (
            select(
                func.count().filter(active),
                func.count().filter(and_(active, Org.new_form)),
                func.coalesce(func.sum(OrgTally.members), 0),
                func.coalesce(func.sum(OrgTally.new_form_members), 0),
            )
            .select_from(Org)
            .outerjoin(OrgTally, OrgTally.org_id == Org.id)
            .where(within(path))
        )
        return (await self.session.execute(query)).one()

    async def new_form_enterprises(self, path: str) -> int:
        union = aliased(Org)
        new_form_union = aliased(Org)
        query = (
            select(func.count(func.distinct(Enterprise.id)))
            .join(
                union,
                union.id == func.coalesce(Enterprise.union_org_id, Enterprise.affiliated_org_id),
            )
            .join(
                new_form_union,
                and_(
                    new_form_union.new_form,
                    new_form_union.path.op("<@")(ltree(path)),
                    union.path.op("<@")(new_form_union.path),
                ),
            )
        )
        return int(await self.session.scalar(query) or 0)

    async def joins_by_month(self, path: str, first: str, last: str) -> list[Row[str, int]]:
        query = (
            select(OrgMonthlyJoins.month, func.sum(OrgMonthlyJoins.joins))
            .join(Org, Org.id == OrgMonthlyJoins.org_id)
            .where(within(path), OrgMonthlyJoins.month.between(first, last))
            .group_by(OrgMonthlyJoins.month)
            .order_by(OrgMonthlyJoins.month)
        )
        return list((await self.session.execute(query)).all())
