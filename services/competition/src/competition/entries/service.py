import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from competition.access import Permission, path_within
from competition.clients.membership import MembershipClient, MemberSummary
from competition.contests.errors import OrgNotFoundError
from competition.contests.lookup import Contest, Contests
from competition.contests.models import (
    CompetitionStatus,
    Event,
    EventFormat,
    EventGroup,
    GroupKind,
    StageStatus,
)
from competition.entries.codes import new_codes
from competition.entries.eligibility import org_admitted, refusal
from competition.entries.errors import (
    NOT_ELIGIBLE,
    AlreadyEnteredError,
    EntryNotFoundError,
    EntryStateError,
    MemberNotFoundError,
    NotEligibleError,
    RegistrationClosedError,
)
from competition.entries.models import Entry, EntryStatus, Participant
from competition.entries.repository import EntryRepository
from competition.entries.schemas import (
    EntryRead,
    MemberBatchCreate,
    MemberEntryCreate,
    ParticipantRead,
    Refusal,
    StudentEntryCreate,
    TeamEntryCreate,
)
from servicekit.errors import ForbiddenError


class EntryService:
    def __init__(
        self, repo: EntryRepository, contests: Contests, membership: MembershipClient
    ) -> None:
        self.repo = repo
        self.contests = contests
        self.access = contests.access
        self.membership = membership

    # Registration

    async def register_member(self, event_id: uuid.UUID, entry_in: MemberEntryCreate) -> Entry:
        event, contest, group = await self._registering(event_id, entry_in.group_id)
        _require_format(event, EventFormat.INDIVIDUAL)
        _require_group(group, GroupKind.EMPLOYEE)
        number = entry_in.membership_no.strip().upper()
        member = (await self.membership.members([number])).get(number)
        reason: str | None = NOT_ELIGIBLE
        if member is not None and self._enters_for(member):
            reason = self._refusal(member, event)
        if reason == NOT_ELIGIBLE or member is None:
            # Unknown, or out of the caller's reach: alike.
            raise MemberNotFoundError(NOT_ELIGIBLE)
        if reason is not None:
            raise NotEligibleError(reason)
        if await self.repo.live_numbers(event.id, [number]):
            raise AlreadyEnteredError(f"{number} already holds an entry in this event")
        (entry,) = await self._create(contest, event, group, [_single(member)])
        return entry

    async def register_members(
        self, event_id: uuid.UUID, batch: MemberBatchCreate
    ) -> tuple[list[Entry], list[Refusal]]:
        event, contest, group = await self._registering(event_id, batch.group_id)
        _require_format(event, EventFormat.INDIVIDUAL)
        _require_group(group, GroupKind.EMPLOYEE)
        if not (self.contests.runs(contest) or self.access.has(Permission.RUN_COMPETITIONS)):
            raise ForbiddenError("Organisers and delegations enter members in bulk")
        numbers = list(dict.fromkeys(n.strip().upper() for n in batch.membership_nos))
        found = await self.membership.members(numbers)
        entered = await self.repo.live_numbers(event.id, numbers)
        refused, admitted = [], []
        for number in numbers:
            member = found.get(number)
            if member is None or not self._enters_for(member):
                reason: str | None = NOT_ELIGIBLE
            elif number in entered:
                reason = "Already entered in this event"
            else:
                reason = self._refusal(member, event)
            if reason is None and member is not None:
                admitted.append(member)
            else:
                refused.append(Refusal(membership_no=number, reason=reason or ""))
        entries = await self._create(contest, event, group, [_single(m) for m in admitted])
        return entries, refused

    async def register_student(self, event_id: uuid.UUID, entry_in: StudentEntryCreate) -> Entry:
        event, contest, group = await self._registering(event_id, entry_in.group_id)
        if not self.contests.runs(contest):
            raise ForbiddenError("The organisers enter students")
        _require_format(event, EventFormat.INDIVIDUAL)
        _require_group(group, GroupKind.STUDENT)
        participant = Participant(
            name=entry_in.name, school=entry_in.school, membership_no=None, seq=1
        )
        (entry,) = await self._create(
            contest, event, group, [[participant]], school=entry_in.school
        )
        return entry

    async def register_team(self, event_id: uuid.UUID, entry_in: TeamEntryCreate) -> Entry:
        event, contest, group = await self._registering(event_id, entry_in.group_id)
        _require_format(event, EventFormat.TEAM)
        _require_group(group, GroupKind.EMPLOYEE)
        delegation = await self.membership.org(entry_in.org_id)
        # Organisers too send teams of their own sub-tree only: any other union's name and
        # its members' would come back to them.
        if delegation is None or not (
            self.access.has(Permission.RUN_COMPETITIONS) and self.access.covers(delegation.path)
        ):
            raise OrgNotFoundError("No such organisation in your sub-tree")
        if len(entry_in.membership_nos) != event.team_size:
            raise NotEligibleError(f"A team of this event has {event.team_size} members")
        if not org_admitted(delegation.path, event):
            raise NotEligibleError(f"{delegation.name} is outside the admitted organisations")
        numbers = [n.strip().upper() for n in entry_in.membership_nos]
        found = await self.membership.members(numbers)
        members = []
        for number in numbers:
            member = found.get(number)
            if member is None or not path_within(member.org_path, delegation.path):
                raise NotEligibleError(f"{number} is not a member within {delegation.name}")
            if reason := self._refusal(member, event):
                raise NotEligibleError(reason)
            members.append(member)
        if taken := await self.repo.live_numbers(event.id, numbers):
            raise AlreadyEnteredError(f"Already entered in this event: {', '.join(sorted(taken))}")
        team = [_participant(m, seq) for seq, m in enumerate(members, start=1)]
        (entry,) = await self._create(
            contest,
            event,
            group,
            [team],
            display_name=entry_in.team_name,
            org=(delegation.id, delegation.name, delegation.path),
        )
        return entry

    async def _registering(
        self, event_id: uuid.UUID, group_id: uuid.UUID
    ) -> tuple[Event, Contest, EventGroup]:
        event, contest = await self.contests.event(event_id)
        if contest.competition.status is not CompetitionStatus.REGISTRATION:
            raise RegistrationClosedError()
        group = await self.contests.repo.group(group_id)
        if group is None or group.event_id != event.id:
            raise NotEligibleError("No such group in this event")
        return event, contest, group

    def _refusal(self, member: MemberSummary, event: Event) -> str | None:
        """Why the member may not enter. The reason (a state, a union) is told to those over
        the member's union and to the member; an organiser entering someone from outside
        their sub-tree learns only that it did not work, as for an unknown number."""
        reason = refusal(member, event)
        if reason is None or self.access.covers(member.org_path):
            return reason
        if self.access.person_id is not None and self.access.person_id == member.person_id:
            return reason
        return NOT_ELIGIBLE

    def _enters_for(self, member: MemberSummary) -> bool:
        """Delegations (organisers among them) enter their sub-tree's members, members
        themselves. An organiser entering anyone by number would learn the name and union
        of any member in the country: those outside their sub-tree are entered by their own
        union or by themselves."""
        access = self.access
        return (access.has(Permission.RUN_COMPETITIONS) and access.covers(member.org_path)) or (
            access.person_id is not None and access.person_id == member.person_id
        )

    async def _create(
        self,
        contest: Contest,
        event: Event,
        group: EventGroup,
        teams: Sequence[list[Participant]],
        *,
        display_name: str | None = None,
        org: tuple[uuid.UUID, str, str] | None = None,
        school: str | None = None,
    ) -> list[Entry]:
        codes = new_codes(len(teams))
        taken = await self.repo.codes_taken(contest.id, codes)
        if taken:
            codes = [c for c in codes if c not in taken]
            codes += new_codes(len(teams) - len(codes), taken | set(codes))
        entries, participants = [], []
        for code, people in zip(codes, teams, strict=True):
            first = people[0]
            org_id, org_name, org_path = org or (first.org_id, first.org_name, first.org_path)
            entry = Entry(
                id=uuid.uuid4(),
                competition_id=contest.id,
                event_id=event.id,
                group_id=group.id,
                format=event.format,
                code=code,
                status=EntryStatus.PENDING,
                display_name=display_name or first.name,
                org_id=org_id,
                org_name=org_name,
                org_path=org_path,
                school=school,
                registered_by=self.access.actor,
                version=1,
            )
            entries.append(entry)
            for person in people:
                person.id = uuid.uuid4()
                person.entry_id = entry.id
                person.competition_id = contest.id
                person.event_id = event.id
                person.year = contest.competition.year
                person.state = EntryStatus.PENDING
                participants.append(person)
        await self.repo.add(*entries)
        await self.repo.add(*participants)
        return entries

    # Decisions

    async def approve(self, entry_id: uuid.UUID, reason: str | None) -> Entry:
        entry, contest = await self._entry(entry_id)
        self._require_run(contest)
        await self._require_not_started(entry)
        return await self._decide(entry, EntryStatus.APPROVED, reason, EntryStatus.PENDING)

    async def approve_many(
        self, competition_id: uuid.UUID, entry_ids: list[uuid.UUID], reason: str | None
    ) -> tuple[int, list[uuid.UUID]]:
        """Approve pending entries of a competition at once (43 delegations' teams ...)."""
        contest = await self.contests.run(competition_id)
        wanted = list(dict.fromkeys(entry_ids))
        entries = await self.repo.many(contest.id, wanted)
        started = set()
        for event_id in {e.event_id for e in entries}:
            first = await self.contests.repo.stage_by_seq(event_id, 1)
            if first is not None and first.status is not StageStatus.PLANNED:
                started.add(event_id)
        approved = []
        for entry in entries:
            if entry.status is EntryStatus.PENDING and entry.event_id not in started:
                entry.decided_by = self.access.actor
                entry.decided_at = datetime.now(UTC)
                entry.decision_reason = reason
                approved.append(entry)
        await self.repo.set_many(approved, EntryStatus.APPROVED)
        done = {e.id for e in approved}
        return len(done), [i for i in wanted if i not in done]

    async def reject(self, entry_id: uuid.UUID, reason: str) -> Entry:
        entry, contest = await self._entry(entry_id)
        self._require_run(contest)
        return await self._decide(entry, EntryStatus.REJECTED, reason, EntryStatus.PENDING)

    async def withdraw(self, entry_id: uuid.UUID, reason: str) -> Entry:
        entry, contest = await self._entry(entry_id)
        access = self.access
        own = access.person_id is not None and access.person_id in await self._people(entry)
        delegation = access.has(Permission.RUN_COMPETITIONS) and access.covers(entry.org_path)
        if not (own or delegation or self.contests.runs(contest)):
            raise ForbiddenError("The entrant, their delegation or the organisers withdraw")
        if contest.competition.status is CompetitionStatus.FINALISED:
            raise EntryStateError("The competition is finalised")
        withdrawn = await self._decide(
            entry, EntryStatus.WITHDRAWN, reason, EntryStatus.PENDING, EntryStatus.APPROVED
        )
        await self.repo.leave_stages(entry.id)
        return withdrawn

    async def _decide(
        self, entry: Entry, status: EntryStatus, reason: str | None, *allowed: EntryStatus
    ) -> Entry:
        if entry.status not in allowed:
            raise EntryStateError(f"The entry is {entry.status.value}")
        entry.decided_by = self.access.actor
        entry.decided_at = datetime.now(UTC)
        entry.decision_reason = reason
        await self.repo.set_status(entry, status)
        return entry

    async def _require_not_started(self, entry: Entry) -> None:
        first = await self.contests.repo.stage_by_seq(entry.event_id, 1)
        if first is not None and first.status is not StageStatus.PLANNED:
            raise EntryStateError("The event's first stage has started")

    def _require_run(self, contest: Contest) -> None:
        if not self.contests.runs(contest):
            raise ForbiddenError("Only the organisers of this competition may do this")

    # Reading

    async def _people(self, entry: Entry) -> set[uuid.UUID]:
        return {p.person_id for p in await self.repo.participants([entry.id]) if p.person_id}

    async def _entry(self, entry_id: uuid.UUID) -> tuple[Entry, Contest]:
        entry = await self.repo.get(entry_id)
        contest = await self.contests.load(entry.competition_id) if entry else None
        if entry is None or contest is None or not await self._sees(entry, contest):
            raise EntryNotFoundError()
        return entry, contest

    async def _sees(self, entry: Entry, contest: Contest) -> bool:
        access = self.access
        if self.contests.runs(contest) or (access.is_cadre and access.covers(entry.org_path)):
            return True
        return access.person_id is not None and access.person_id in await self._people(entry)

    async def read(self, entry_id: uuid.UUID) -> Entry:
        entry, _ = await self._entry(entry_id)
        return entry

    async def page(
        self,
        competition_id: uuid.UUID,
        event_id: uuid.UUID | None,
        group_id: uuid.UUID | None,
        status: EntryStatus | None,
        after: tuple[str, uuid.UUID] | None,
        limit: int,
    ) -> list[Entry]:
        contest = await self.contests.visible(competition_id)
        if self.contests.runs(contest):
            within = None
        elif self.access.is_cadre:
            within = self.access.scope_paths
        else:
            raise ForbiddenError("Organisers and delegations list entries; see /v1/me/entries")
        return await self.repo.page(
            contest.id,
            within=within,
            event_id=event_id,
            group_id=group_id,
            status=status,
            after=after,
            limit=limit,
        )

    async def mine(self) -> list[Entry]:
        person_id = self.access.person_id
        if person_id is None:
            raise ForbiddenError("This lists a member's own entries")
        return await self.repo.of_person(person_id)

    async def reads(self, entries: list[Entry]) -> list[EntryRead]:
        """Entries as the caller may see them: by code alone where they judge (blind)."""
        blind: set[uuid.UUID] = set()
        for competition_id in {e.competition_id for e in entries}:
            blind |= await self.contests.blind(competition_id)
        people = await self.repo.participants([e.id for e in entries if e.event_id not in blind])
        return [
            blind_entry_read(e)
            if e.event_id in blind
            else entry_read(e, [p for p in people if p.entry_id == e.id])
            for e in entries
        ]


def _require_format(event: Event, expected: EventFormat) -> None:
    if event.format is not expected:
        raise NotEligibleError(f"This event takes {event.format.value} entries")


def _require_group(group: EventGroup, expected: GroupKind) -> None:
    if group.kind is not expected:
        if group.kind is GroupKind.STUDENT:
            raise NotEligibleError("The student group takes students with their school")
        raise NotEligibleError(f"The {group.name} takes {group.kind.value} entries only")


def _participant(member: MemberSummary, seq: int) -> Participant:
    return Participant(
        seq=seq,
        membership_no=member.membership_no,
        person_id=member.person_id,
        name=member.name,
        employment_form=member.employment_form,
        org_id=member.org_id,
        org_name=member.org_name,
        org_path=member.org_path,
    )


def _single(member: MemberSummary) -> list[Participant]:
    return [_participant(member, 1)]


def blind_entry_read(entry: Entry) -> EntryRead:
    return entry_read(entry, []).model_copy(
        update={
            "display_name": None,
            "org_id": None,
            "org_name": None,
            "school": None,
            "registered_by": None,
            "names_withheld": True,
        }
    )


def entry_read(entry: Entry, people: list[Participant]) -> EntryRead:
    return EntryRead(
        id=entry.id,
        competition_id=entry.competition_id,
        event_id=entry.event_id,
        group_id=entry.group_id,
        format=entry.format,
        code=entry.code,
        status=entry.status,
        display_name=entry.display_name,
        org_id=entry.org_id,
        org_name=entry.org_name,
        school=entry.school,
        participants=[ParticipantRead.model_validate(p) for p in people],
        registered_by=entry.registered_by,
        decided_by=entry.decided_by,
        decided_at=entry.decided_at,
        decision_reason=entry.decision_reason,
        created_at=entry.created_at,
    )
