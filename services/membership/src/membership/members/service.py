import enum
import uuid
from datetime import datetime

from membership.access import Access, Permission
from membership.members.errors import (
    InvalidTransitionError,
    MemberNotFoundError,
    TransferRequiredError,
)
from membership.members.lifecycle import Lifecycle
from membership.members.models import COUNTED_STATES, JoinChannel, Member, MemberState
from membership.members.repository import MemberRepository
from membership.members.schemas import (
    MemberAffiliationRead,
    MemberBatchResult,
    MemberEventRead,
    MemberHistory,
    MemberRead,
    MemberSummary,
)
from membership.orgs.errors import OrgClosedError
from membership.orgs.models import Org, OrgStatus
from membership.people.errors import InvalidPersonDataError
from membership.people.models import Person
from membership.people.schemas import PersonIn, PersonRead
from membership.people.service import PersonService


class JoinOutcome(enum.StrEnum):
    CREATED = "created"
    UNCHANGED = "unchanged"


def member_read(member: Member, person: Person, org: Org) -> MemberRead:
    return MemberRead(
        id=member.id,
        membership_no=member.membership_no,
        card_no=member.card_no,
        state=member.state,
        org_id=member.org_id,
        org_name=org.name,
        channel=member.channel,
        joined_on=member.joined_on,
        person=PersonRead.model_validate(person),
    )


class Joining:
    """Bringing a person into an organisation, whatever the channel. Idempotent: the same
    person joining the same organisation again changes nothing."""

    def __init__(self, repo: MemberRepository, people: PersonService) -> None:
        self.repo = repo
        self.people = people
        self.lifecycle = Lifecycle(repo)

    async def join(
        self, person_in: PersonIn, org: Org, state: MemberState, channel: JoinChannel, actor: str
    ) -> tuple[Member, Person, JoinOutcome]:
        if org.status is OrgStatus.CLOSED:
            raise OrgClosedError(f"{org.name} is closed and takes no new members")
        person, _ = await self.people.find_or_create(person_in)
        member = await self.repo.by_person(person.id)
        if member is None:
            member = await self.lifecycle.enrol(person, org.id, state, channel, actor)
            return member, person, JoinOutcome.CREATED
        return member, person, await self.admit(member, person, org, state, channel, actor)

    async def admit(
        self,
        member: Member,
        person: Person,
        org: Org,
        state: MemberState,
        channel: JoinChannel,
        actor: str,
    ) -> JoinOutcome:
        """Bring an existing membership into `org`, unless a union holds it (a member, or an
        application): that union is not named, nor the state, whoever asks."""
        same_org = member.org_id == org.id
        if member.state in COUNTED_STATES or member.state is MemberState.APPLIED:
            if same_org:
                return JoinOutcome.UNCHANGED
            raise TransferRequiredError()
        if member.state is state and same_org:
            return JoinOutcome.UNCHANGED
        # A service recipient (先服务后入会) joins for the first time; others come back.
        kind = "joined" if member.state is MemberState.SERVICE_RECIPIENT else "rejoined"
        await self.lifecycle.move(
            member, person, state, kind=kind, actor=actor, org_id=org.id, channel=channel
        )
        return JoinOutcome.CREATED


class MemberService:
    def __init__(self, repo: MemberRepository, people: PersonService, access: Access) -> None:
        self.repo = repo
        self.people = people
        self.access = access
        self.joining = Joining(repo, people)
        self.lifecycle = self.joining.lifecycle

    async def _visible(self, member_id: uuid.UUID) -> tuple[Member, Person, Org]:
        found = await self.repo.with_person(member_id)
        if found is None:
            raise MemberNotFoundError()
        member, person, org = found
        if not await self._may_see(member.person_id, org.path):
            raise MemberNotFoundError()
        return member, person, org

    async def _may_see(self, person_id: uuid.UUID, org_path: str) -> bool:
        """The member themself, or a caller whose sub-tree holds the member's org."""
        own = str(person_id) == str(self.access.principal.claims.get("person_id"))
        return own or await self.access.covers(org_path)

    async def _for_action(
        self, member_id: uuid.UUID, permission: Permission
    ) -> tuple[Member, Person, Org]:
        found = await self.repo.with_person(member_id)
        if found is None or not await self.access.covers(found[2].path):
            raise MemberNotFoundError()
        self.access.require(permission)
        return found

    async def own_member_id(self) -> uuid.UUID:
        """The caller's own membership (member accounts carry their person id)."""
        raw = self.access.principal.claims.get("person_id")
        member = await self.repo.by_person(uuid.UUID(str(raw))) if raw else None
        if member is None:
            raise MemberNotFoundError("This account has no membership record")
        return member.id

    async def read(self, member_id: uuid.UUID) -> MemberRead:
        return member_read(*await self._visible(member_id))

    async def register(
        self, person_in: PersonIn, org_id: uuid.UUID, state: MemberState
    ) -> tuple[MemberRead, JoinOutcome]:
        org = await self.access.org_for(org_id, Permission.MANAGE_MEMBERS)
        try:
            member, person, outcome = await self.joining.join(
                person_in, org, state, JoinChannel.SERVICE_POINT, self.access.actor
            )
        except InvalidPersonDataError as exc:
            raise exc.under("person") from None
        if member.state is MemberState.APPLIED:
            # A cadre registering in person is the approval.
            await self.lifecycle.move(
                member, person, MemberState.ACTIVE, kind="approved", actor=self.access.actor
            )
        return member_read(member, person, org), outcome

    async def decide(self, member_id: uuid.UUID, approve: bool, reason: str | None) -> MemberRead:
        member, person, org = await self._for_action(member_id, Permission.REVIEW_JOINS)
        if member.state is not MemberState.APPLIED:
            raise InvalidTransitionError("Only a pending application can be approved or rejected")
        await self.lifecycle.move(
            member,
            person,
            MemberState.ACTIVE if approve else MemberState.REJECTED,
            kind="approved" if approve else "rejected",
            actor=self.access.actor,
            reason=reason,
        )
        return member_read(member, person, org)

    async def change_state(
        self, member_id: uuid.UUID, to_state: MemberState, kind: str, reason: str
    ) -> MemberRead:
        member, person, org = await self._for_action(member_id, Permission.MANAGE_MEMBERS)
        await self.lifecycle.move(
            member, person, to_state, kind=kind, actor=self.access.actor, reason=reason
        )
        return member_read(member, person, org)

    async def list_in_subtree(
        self,
        org_id: uuid.UUID,
        states: list[MemberState] | None,
        after: tuple[str, uuid.UUID] | None,
        limit: int,
    ) -> list[MemberRead]:
        org = await self.access.visible_org(org_id)
        rows = await self.repo.in_subtree(org.path, states, after, limit)
        return [member_read(m, p, o) for m, p, o in rows]

    async def history(self, member_id: uuid.UUID) -> MemberHistory:
        """The whole history for those who see the member now; for a union the member has
        left (a transfer), the history up to the day they left it."""
        found = await self.repo.with_person(member_id)
        if found is None:
            raise MemberNotFoundError()
        member, _, org = found
        until = None
        if not await self._may_see(member.person_id, org.path):
            until = await self._left_caller_at(member.id)
            if until is None:
                raise MemberNotFoundError()
        affiliations = [
            MemberAffiliationRead(
                org_id=a.org_id,
                org_name=name,
                started_at=a.started_at,
                ended_at=a.ended_at,
                end_reason=a.end_reason,
            )
            for a, name, _ in await self.repo.affiliations(member.id)
            if until is None or (a.ended_at is not None and a.ended_at <= until)
        ]
        events = [
            MemberEventRead.model_validate(e)
            for e in await self.repo.events(member.id)
            if until is None or e.at <= until
        ]
        return MemberHistory(affiliations=affiliations, events=events)

    async def _left_caller_at(self, member_id: uuid.UUID) -> datetime | None:
        """When the member last left an organisation of the caller's sub-tree, if ever."""
        ends = [
            a.ended_at
            for a, _, path in await self.repo.affiliations(member_id)
            if a.ended_at is not None and await self.access.covers(path)
        ]
        return max(ends, default=None)

    async def batch(self, membership_nos: list[str]) -> MemberBatchResult:
        """Members by number for other services; outside the caller's sub-tree is missing."""
        wanted = [n.strip().upper() for n in membership_nos]
        found = [
            MemberSummary(
                id=m.id,
                membership_no=m.membership_no,
                state=m.state,
                person_id=p.id,
                name=p.name,
                employment_form=p.employment_form.value,
                org_id=o.id,
                org_name=o.name,
                org_path=o.path,
            )
            for m, p, o in await self.repo.by_membership_nos(wanted)
            if await self.access.covers(o.path)
        ]
        known = {s.membership_no for s in found}
        return MemberBatchResult(found=found, missing=[n for n in wanted if n not in known])
