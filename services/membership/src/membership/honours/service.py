import uuid

from membership.access import Access, Permission
from membership.honours.errors import SourceRefReusedError
from membership.honours.models import Honour
from membership.honours.repository import HonourRepository
from membership.honours.schemas import HonourCreate
from membership.members.errors import MemberNotFoundError
from membership.members.models import Member
from membership.members.repository import MemberRepository
from servicekit.auth import Role


class HonourService:
    def __init__(self, repo: HonourRepository, members: MemberRepository, access: Access) -> None:
        self.repo = repo
        self.members = members
        self.access = access

    async def _recipient(self, honour_in: HonourCreate) -> Member:
        if honour_in.member_id is not None:
            member = await self.members.get(honour_in.member_id)
        else:
            member = await self.members.by_membership_no(honour_in.membership_no or "")
        found = await self.members.with_person(member.id) if member else None
        if found is None or not await self.access.covers(found[2].path):
            raise MemberNotFoundError()
        return found[0]

    async def grant(self, honour_in: HonourCreate) -> tuple[Honour, bool]:
        """Grant an honour; with a known source_ref the first grant is returned unchanged."""
        member = await self._recipient(honour_in)
        if not self.access.principal.has_role(Role.SERVICE):
            self.access.require(Permission.GRANT_HONOURS)
        if honour_in.source_ref:
            existing = await self.repo.by_source_ref(honour_in.source_ref)
            if existing is not None:
                return self._same_grant(existing, member, honour_in), False
        honour = Honour(
            id=uuid.uuid4(),
            person_id=member.person_id,
            kind=honour_in.kind,
            level=honour_in.level,
            title=honour_in.title,
            team_name=honour_in.team_name,
            awarded_on=honour_in.awarded_on,
            granted_by=self.access.actor,
            granting_org_id=honour_in.granting_org_id,
            source_ref=honour_in.source_ref,
        )
        stored = await self.repo.add(honour)
        return self._same_grant(stored, member, honour_in), stored.id == honour.id

    @staticmethod
    def _same_grant(existing: Honour, member: Member, honour_in: HonourCreate) -> Honour:
        if existing.person_id != member.person_id or existing.kind != honour_in.kind:
            raise SourceRefReusedError(
                f"{honour_in.source_ref!r} already granted another honour or to another person"
            )
        return existing

    async def for_member(self, member_id: uuid.UUID) -> list[Honour]:
        found = await self.members.with_person(member_id)
        own = found is not None and str(found[1].id) == str(
            self.access.principal.claims.get("person_id")
        )
        if found is None or not (own or await self.access.covers(found[2].path)):
            raise MemberNotFoundError()
        return await self.repo.for_person(found[1].id)
