"""Participation (人次) per organisation sub-tree and year, across every competition: what a
county's cadres report of their workers' contests, whoever hosted them."""

import uuid

from competition.access import Access, path_within
from competition.clients.membership import MembershipClient
from competition.contests.errors import OrgNotFoundError
from competition.stats.repository import StatsRepository
from competition.stats.schemas import ParticipationStats, ParticipationYear
from servicekit.errors import ForbiddenError


def outermost(paths: tuple[str, ...]) -> list[str]:
    """Scope paths without those inside another, so nothing is counted twice."""
    return sorted(p for p in set(paths) if not any(q != p and path_within(p, q) for q in paths))


class StatsService:
    def __init__(self, repo: StatsRepository, access: Access, membership: MembershipClient) -> None:
        self.repo = repo
        self.access = access
        self.membership = membership

    async def participation(
        self, org_id: uuid.UUID | None, year_from: int, year_to: int
    ) -> ParticipationStats:
        org_name = None
        paths: list[str] | None
        if org_id is not None:
            org = await self.membership.org(org_id)
            if org is None or not self.access.covers(org.path):
                raise OrgNotFoundError("No such organisation in your sub-tree")
            paths, org_name = [org.path], org.name
        elif self.access.unrestricted:
            paths = None
        elif self.access.is_cadre:
            paths = outermost(self.access.scope_paths)
        else:
            raise ForbiddenError("Statistics are for cadres of a sub-tree")
        if paths == []:
            rows = []
        else:
            rows = await self.repo.participation(paths, year_from, year_to)
        years: dict[int, ParticipationYear] = {}
        for year, kind, competitions, entries, participations in rows:
            line = years.setdefault(
                year,
                ParticipationYear(
                    year=year,
                    competitions=0,
                    entries=0,
                    participations=0,
                    labour=0,
                    vocational_skills=0,
                ),
            )
            line.competitions += competitions
            line.entries += entries
            line.participations += participations
            if kind == "labour":
                line.labour += participations
            else:
                line.vocational_skills += participations
        return ParticipationStats(
            org_id=org_id,
            org_name=org_name,
            year_from=year_from,
            year_to=year_to,
            years=[years[y] for y in sorted(years)],
            participations=sum(y.participations for y in years.values()),
        )
