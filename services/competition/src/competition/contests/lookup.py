"""Loading competitions and their parts for a caller: 404 out of sight, 403 without the
right to run them. Every other feature reaches a competition through here."""

import uuid
from dataclasses import dataclass

from competition.access import Access
from competition.contests.errors import (
    CompetitionNotFoundError,
    EventNotFoundError,
    GroupNotFoundError,
    StageNotFoundError,
)
from competition.contests.models import (
    Competition,
    CompetitionOrg,
    CompetitionStatus,
    Event,
    EventGroup,
    Stage,
)
from competition.contests.reads import CompetitionRow, ContestReads
from competition.contests.repository import ContestRepository
from servicekit.errors import ForbiddenError


@dataclass
class Contest:
    competition: Competition
    orgs: list[CompetitionOrg]

    @property
    def id(self) -> uuid.UUID:
        return self.competition.id

    @property
    def org_paths(self) -> list[str]:
        return [org.org_path for org in self.orgs]


def sees(access: Access, status: CompetitionStatus, org_paths: list[str]) -> bool:
    """Organisers see their competitions in every state; once announced, so do the cadres
    of the organisations around its hosts, and members (who may enter)."""
    if access.runs(org_paths):
        return True
    if status is CompetitionStatus.DRAFT:
        return False
    return access.overlaps(org_paths) or access.person_id is not None


class Contests:
    def __init__(self, repo: ContestRepository, access: Access) -> None:
        self.repo = repo
        self.access = access

    def runs(self, contest: Contest) -> bool:
        return self.access.runs(contest.org_paths)

    def sees(self, contest: Contest) -> bool:
        return sees(self.access, contest.competition.status, contest.org_paths)

    async def blind(self, competition_id: uuid.UUID) -> set[uuid.UUID]:
        """Events whose entrants' names the caller may not see: they judge this competition
        and a stage of the event has no published results. Organisers who judge are blind
        too; panels change until ranking, so any judge of the competition is."""
        return await self.repo.events_blind_to(competition_id, self.access.actor)

    async def load(self, competition_id: uuid.UUID) -> Contest | None:
        competition = await self.repo.get(competition_id)
        if competition is None:
            return None
        return Contest(competition, await self.repo.orgs(competition_id))

    async def visible(self, competition_id: uuid.UUID) -> Contest:
        contest = await self.load(competition_id)
        if contest is None or not self.sees(contest):
            raise CompetitionNotFoundError()
        return contest

    async def run(self, competition_id: uuid.UUID) -> Contest:
        """The competition, when the caller runs it."""
        contest = await self.visible(competition_id)
        self._require_run(contest)
        return contest

    def _require_run(self, contest: Contest) -> None:
        if not self.runs(contest):
            raise ForbiddenError("Only the organisers of this competition may do this")

    async def event(self, event_id: uuid.UUID, *, run: bool = False) -> tuple[Event, Contest]:
        event = await self.repo.event(event_id)
        contest = await self.load(event.competition_id) if event else None
        if event is None or contest is None or not self.sees(contest):
            raise EventNotFoundError()
        if run:
            self._require_run(contest)
        return event, contest

    async def group(
        self, group_id: uuid.UUID, *, run: bool = False
    ) -> tuple[EventGroup, Event, Contest]:
        group = await self.repo.group(group_id)
        if group is None:
            raise GroupNotFoundError()
        try:
            event, contest = await self.event(group.event_id, run=run)
        except EventNotFoundError:
            raise GroupNotFoundError() from None
        return group, event, contest

    async def stage(
        self, stage_id: uuid.UUID, *, run: bool = False
    ) -> tuple[Stage, Event, Contest]:
        stage = await self.repo.stage(stage_id)
        if stage is None:
            raise StageNotFoundError()
        try:
            event, contest = await self.event(stage.event_id, run=run)
        except EventNotFoundError:
            raise StageNotFoundError() from None
        return stage, event, contest


class ContestView:
    """One competition as its reader sees it, without a session: the same rule, the same 404."""

    def __init__(self, competitions: ContestReads, access: Access) -> None:
        self.competitions = competitions
        self.access = access

    async def read(self, competition_id: uuid.UUID) -> CompetitionRow:
        row = await self.competitions.competition(competition_id)
        if row is None or not sees(self.access, row.status, row.org_paths):
            raise CompetitionNotFoundError()
        return row
