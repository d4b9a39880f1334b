import uuid

from membership.access import Access, Permission
from membership.honours.errors import InvalidGrantingOrgError, SourceRefReusedError
from membership.honours.models import Honour, may_grant
from membership.honours.repository import HonourRepository
from membership.honours.schemas import HonourCreate
from membership.members.errors import MemberNotFoundError
from membership.members.models import Member
from membership.members.repository import MemberRepository
from membership.metrics import count_honour
from membership.orgs.errors import OrgNotFoundError
from membership.orgs.models import Org, OrgStatus


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
        # Cadres and service clients alike hold the permission by name.
        self.access.require(Permission.GRANT_HONOURS)
        member = await self._recipient(honour_in)
        await self._granting_org(honour_in)
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
        if stored.id == honour.id:
            count_honour(self.repo.session, stored)
        return self._same_grant(stored, member, honour_in), stored.id == honour.id

    async def _granting_org(self, honour_in: HonourCreate) -> Org:
        """An open organisation in the caller's sub-tree at the honour's level or above.
        One answer for one that does not exist and one outside the sub-tree."""
        try:
            org = await self.access.visible_org(honour_in.granting_org_id)
        except OrgNotFoundError:
            raise InvalidGrantingOrgError(
                "granting_org_id names no organisation in your sub-tree"
            ) from None
        if org.status is OrgStatus.CLOSED:
            raise InvalidGrantingOrgError(f"{org.name} is closed and grants nothing")
        if not may_grant(org.level, honour_in.level):
            raise InvalidGrantingOrgError(
                f"A {org.level.value} organisation cannot grant a {honour_in.level.value} honour"
            )
        return org

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
