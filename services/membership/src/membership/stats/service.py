import uuid

from membership.access import Access
from membership.stats.repository import StatsRepository
from membership.stats.schemas import MonthlyJoins, OrgStats


class StatsService:
    def __init__(self, repo: StatsRepository, access: Access) -> None:
        self.repo = repo
        self.access = access

    async def for_subtree(self, org_id: uuid.UUID, first_month: str, last_month: str) -> OrgStats:
        org = await self.access.visible_org(org_id)
        totals = await self.repo.totals(org.id)
        joins = await self.repo.joins_by_month(org.id, first_month, last_month)
        return OrgStats(
            org_id=org.id,
            org_name=org.name,
            organisations=totals.organisations,
            members=totals.members,
            new_form_members=totals.new_form_members,
            new_form_unions=totals.new_form_unions,
            new_form_enterprises=totals.new_form_enterprises,
            joins_by_month=[MonthlyJoins(month=m, joins=j) for m, j in joins],
        )
