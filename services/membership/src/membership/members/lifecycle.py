"""Every change of a membership goes through here: state rules, the dated affiliation, the
append-only event, and the sub-tree tallies that statistics read."""

import secrets
import uuid
from datetime import UTC, datetime

from membership.members.errors import InvalidTransitionError
from membership.members.models import (
    COUNTED_STATES,
    Affiliation,
    JoinChannel,
    Member,
    MemberEvent,
    MemberState,
)
from membership.members.repository import MemberRepository
from membership.metrics import count_membership_change
from membership.orgs.errors import OrgClosedError
from membership.orgs.models import Org, OrgStatus
from membership.people.models import Person
from membership.rollups.counts import Counts, Delta
from membership.rollups.repository import RollupRepository
from membership.rollups.service import Rollups

S = MemberState
ALLOWED: dict[MemberState, frozenset[MemberState]] = {
    S.SERVICE_RECIPIENT: frozenset({S.APPLIED, S.ACTIVE, S.WITHDRAWN}),
    S.APPLIED: frozenset({S.ACTIVE, S.REJECTED, S.WITHDRAWN}),
    S.ACTIVE: frozenset({S.TRANSFERRING, S.SUSPENDED, S.WITHDRAWN}),
    S.TRANSFERRING: frozenset({S.ACTIVE}),
    S.SUSPENDED: frozenset({S.ACTIVE, S.WITHDRAWN}),
    S.WITHDRAWN: frozenset({S.SERVICE_RECIPIENT, S.APPLIED, S.ACTIVE}),
    S.REJECTED: frozenset({S.SERVICE_RECIPIENT, S.APPLIED, S.ACTIVE}),
}


def luhn_complete(digits: str) -> str:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return digits + str((10 - total % 10) % 10)


def new_card_no() -> str:
    # 16 digits with a Luhn check digit, so a mistyped card number is caught at the counter.
    return luhn_complete(f"8{secrets.randbelow(10**14):014d}")


class Lifecycle:
    def __init__(self, repo: MemberRepository) -> None:
        self.repo = repo
        self.rollups = Rollups(RollupRepository(repo.session))

    async def enrol(
        self,
        person: Person,
        org_id: uuid.UUID,
        state: MemberState,
        channel: JoinChannel,
        actor: str,
        reason: str | None = None,
    ) -> Member:
        """A first membership record for a person who has none."""
        member = Member(
            id=uuid.uuid4(),
            person_id=person.id,
            membership_no=await self.repo.next_membership_no(),
            state=state,
            org_id=org_id,
            channel=channel,
        )
        await self.repo.add(member)
        await self._book(member, person, None, None, kind="enrolled", actor=actor, reason=reason)
        return member

    async def move(
        self,
        member: Member,
        person: Person,
        to_state: MemberState,
        *,
        kind: str,
        actor: str,
        reason: str | None = None,
        org_id: uuid.UUID | None = None,
        channel: JoinChannel | None = None,
    ) -> Member:
        if to_state not in ALLOWED[member.state]:
            raise InvalidTransitionError(
                f"A membership that is {member.state.value} cannot become {to_state.value}"
            )
        if to_state in COUNTED_STATES:
            await self._check_open(org_id or member.org_id)
        from_state, from_org = member.state, member.org_id
        member.state = to_state
        member.org_id = org_id or member.org_id
        if channel is not None:
            member.channel = channel
        await self._book(
            member, person, from_state, from_org, kind=kind, actor=actor, reason=reason
        )
        return member

    async def _check_open(self, org_id: uuid.UUID) -> None:
        """Nobody ends up a member of a closed organisation, by whatever path (an approval
        of an application left pending at closure, a transfer decided after it)."""
        org = await self.repo.session.get(Org, org_id)
        if org is None or org.status is OrgStatus.CLOSED:
            name = org.name if org else "The organisation"
            raise OrgClosedError(f"{name} is closed and takes no members")

    async def _book(
        self,
        member: Member,
        person: Person,
        from_state: MemberState | None,
        from_org: uuid.UUID | None,
        *,
        kind: str,
        actor: str,
        reason: str | None,
    ) -> None:
        now = datetime.now(UTC)
        new_form = 1 if person.employment_form.is_new_form else 0
        counted_before = from_state in COUNTED_STATES
        counted_after = member.state in COUNTED_STATES
        org_changed = from_org is not None and from_org != member.org_id
        one = Counts(members=1, new_form_members=new_form)
        counted: list[Delta] = []

        if counted_before and from_org is not None and (not counted_after or org_changed):
            counted.append((from_org, -one))
            await self.repo.close_affiliation(member.id, now, kind)
        if counted_after and (not counted_before or org_changed):
            counted.append((member.org_id, one))
            await self.repo.add(
                Affiliation(
                    id=uuid.uuid4(), member_id=member.id, org_id=member.org_id, started_at=now
                )
            )
        # A transfer in one statement: the ancestors both unions share net to nothing.
        await self.rollups.members_changed(counted)
        if member.state is MemberState.ACTIVE and member.joined_on is None:
            member.joined_on = now.date()
            member.card_no = new_card_no()
            await self.rollups.joined(member.org_id, now.strftime("%Y-%m"), 1)
        count_membership_change(self.repo.session, member, from_state, kind)
        await self.repo.add(
            MemberEvent(
                member_id=member.id,
                at=now,
                kind=kind,
                from_state=from_state.value if from_state else None,
                to_state=member.state.value,
                org_id=member.org_id,
                actor=actor,
                reason=reason,
            )
        )
