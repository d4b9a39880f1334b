import uuid

from membership.access import Access
from membership.orgs.errors import OrgNotFoundError
from membership.stats.repository import StatsRepository
from membership.stats.schemas import MonthlyJoins, OrgStats


class StatsService:
    def __init__(self, repo: StatsRepository, access: Access) -> None:
        self.repo = repo
        self.access = access

    async def for_subtree(self, org_id: uuid.UUID, first_month: str, last_month: str) -> OrgStats:
        stats = await self.repo.visible_stats(
            org_id,
            self.access.unrestricted,
            self.access.scope_ids(),
            first_month,
            last_month,
        )
        if stats is None:
            raise OrgNotFoundError()
        totals = stats.totals
        return OrgStats(
            org_id=stats.org_id,
            org_name=stats.org_name,
            organisations=totals.organisations,
            members=totals.members,
            new_form_members=totals.new_form_members,
            new_form_unions=totals.new_form_unions,
            new_form_enterprises=totals.new_form_enterprises,
            services=totals.services,
            joins_by_month=[MonthlyJoins(month=m, joins=j) for m, j in stats.joins_by_month],
        )
