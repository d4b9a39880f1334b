import uuid
from datetime import UTC, datetime

from membership.access import Access, Permission, path_within
from membership.events.service import OrgEvents
from membership.orgs.errors import (
    InvalidHierarchyError,
    OrgClosedError,
    OrgNotEmptyError,
    OrgNotFoundError,
    RegionOutsideParentError,
)
from membership.orgs.models import LEVEL_RANK, Org, OrgKind, OrgLevel, OrgStatus, path_label
from membership.orgs.repository import OrgRepository
from membership.orgs.rules import check_kind_level, check_region, region_prefix, region_within
from membership.orgs.schemas import OrgCreate, OrgUpdate
from membership.rollups.repository import RollupRepository
from membership.rollups.service import Rollups
from servicekit.concurrency import check_if_match
from servicekit.errors import ForbiddenError

# Industry unions and federations stand beside the regional union of their level.
_SIDE_BY_SIDE = {OrgKind.INDUSTRY_UNION, OrgKind.INDUSTRY_FEDERATION}


def check_placement(kind: OrgKind, level: OrgLevel, parent: Org | None) -> None:
    if parent is None:
        return
    if parent.status is OrgStatus.CLOSED:
        raise OrgClosedError(f"{parent.name} is closed and takes no new organisations")
    child_rank, parent_rank = LEVEL_RANK[level], LEVEL_RANK[parent.level]
    if child_rank > parent_rank or (kind in _SIDE_BY_SIDE and child_rank == parent_rank):
        return
    raise InvalidHierarchyError(
        f"A {level.value} organisation cannot sit under a {parent.level.value} one"
    )


class OrgService:
    def __init__(self, repo: OrgRepository, access: Access, events: OrgEvents) -> None:
        self.repo = repo
        self.access = access
        self.events = events
        self.rollups = Rollups(RollupRepository(repo.session))

    async def create(self, org_in: OrgCreate) -> Org:
        parent = None
        if org_in.parent_id is None:
            if not self.access.principal.is_admin:
                raise ForbiddenError("Only an admin creates a root of the organisation tree")
        else:
            parent = await self.access.org_for(org_in.parent_id, Permission.MANAGE_ORGS)
        check_kind_level(org_in.kind, org_in.level)
        check_placement(org_in.kind, org_in.level, parent)
        check_region(org_in.region_code, parent)
        org_id = uuid.uuid4()
        label = path_label(org_id)
        org = Org(
            id=org_id,
            parent_id=parent.id if parent else None,
            path=f"{parent.path}.{label}" if parent else label,
            kind=org_in.kind,
            level=org_in.level,
            name=org_in.name,
            region_code=org_in.region_code,
            new_form=org_in.new_form,
            status=OrgStatus.ACTIVE,
        )
        await self.repo.add(org)
        await self.rollups.org_opened(org)
        return org

    async def read(self, org_id: uuid.UUID) -> Org:
        return await self.access.visible_org(org_id)

    async def update(self, org_id: uuid.UUID, org_in: OrgUpdate, if_match: str | None) -> Org:
        org = await self.access.org_for(org_id, Permission.MANAGE_ORGS)
        check_if_match(if_match, org.version)
        if org.status is OrgStatus.CLOSED:
            raise OrgClosedError()
        if org_in.region_code is not None and org_in.region_code != org.region_code:
            await self._check_new_region(org, org_in.region_code)
        was_new_form = org.new_form
        for field, value in org_in.model_dump(exclude_unset=True).items():
            if value is not None:
                setattr(org, field, value)
        await self.repo.session.flush()
        if org.new_form != was_new_form:
            await self.rollups.new_form_changed(org)
        return org

    async def move(
        self,
        org_id: uuid.UUID,
        new_parent_id: uuid.UUID,
        region_code: str | None,
        if_match: str | None,
    ) -> Org:
        org = await self.access.org_for(org_id, Permission.MANAGE_ORGS)
        check_if_match(if_match, org.version)
        new_parent = await self.access.visible_org(new_parent_id)
        if path_within(new_parent.path, org.path):
            raise InvalidHierarchyError("An organisation cannot move under itself")
        if org.status is OrgStatus.CLOSED:
            raise OrgClosedError()
        check_placement(org.kind, org.level, new_parent)
        new_region = self._region_after_move(org, region_code, new_parent)
        old_parent_id, old_path, old_region = org.parent_id, org.path, org.region_code
        # Parent first through the ORM (version check), then every path in one statement.
        org.parent_id = new_parent.id
        await self.repo.session.flush()
        await self.rollups.subtree_moving(org, old_parent_id, new_parent)
        if new_region != old_region:
            await self._renumber_subtree(org, old_region, new_region)
        await self.repo.move_subtree(org, new_parent)
        await self.events.moved(org, old_path)
        return org

    @staticmethod
    def _region_after_move(org: Org, region_code: str | None, new_parent: Org) -> str:
        """A union that moves to another region has moved there (an enterprise relocated, a
        district merged into its neighbour): its code must then say so, or rebate matching and
        statistics by region would place it where it no longer is. The mover names the new
        code, since a city parent does not tell which of its counties; the sub-tree is renumbered
        under it."""
        new_region = region_code or org.region_code
        if not region_within(new_region, new_parent.region_code):
            hint = "" if region_code else "; name the organisation's new region_code"
            raise RegionOutsideParentError(
                f"Region {new_region} does not lie within {new_parent.name}'s region "
                f"{new_parent.region_code}{hint}"
            )
        return new_region

    async def _renumber_subtree(self, org: Org, old_region: str, new_region: str) -> None:
        old_prefix, new_prefix = region_prefix(old_region), region_prefix(new_region)
        # Every code below lay within the old one when it was placed; one that does not
        # (older data) has no place in the new region to go to.
        for name, code in await self.repo.subtree_regions(org.path):
            if not code.startswith(old_prefix):
                raise RegionOutsideParentError(
                    f"{name} ({code}) does not lie within {old_region} and cannot be renumbered"
                )
        await self.repo.renumber_regions(org.path, old_prefix, new_prefix)

    async def _check_new_region(self, org: Org, region_code: str) -> None:
        parent = await self.repo.get(org.parent_id) if org.parent_id else None
        check_region(region_code, parent)
        # Its sub-organisations must still lie within it (and theirs within them, by the same
        # rule when they were placed).
        for child_name, child_region in await self.repo.children_regions(org.id):
            if not region_within(child_region, region_code):
                raise RegionOutsideParentError(
                    f"{child_name} ({child_region}) would no longer lie within {region_code}"
                )

    async def close(self, org_id: uuid.UUID, if_match: str | None) -> Org:
        org = await self.access.org_for(org_id, Permission.MANAGE_ORGS)
        check_if_match(if_match, org.version)
        if org.status is OrgStatus.CLOSED:
            return org
        if await self.repo.active_children_count(org.id):
            raise OrgNotEmptyError("Close or move its sub-organisations first")
        if await self.repo.counted_members(org.id):
            raise OrgNotEmptyError("Transfer its members first")
        if await self.repo.pending_arrivals(org.id):
            # Left pending, they could never be approved, and the applicants never join
            # anywhere else while their application stands.
            raise OrgNotEmptyError("Decide its pending applications and incoming transfers first")
        org.status = OrgStatus.CLOSED
        org.closed_at = datetime.now(UTC)
        await self.repo.session.flush()
        await self.rollups.org_closed(org)
        await self.events.closed(org)
        return org

    async def children(
        self, org_id: uuid.UUID, after: tuple[str, uuid.UUID] | None, limit: int
    ) -> list[Org]:
        await self.access.visible_org(org_id)
        return await self.repo.children(org_id, after, limit)

    async def subtree(self, org_id: uuid.UUID, after_path: str | None, limit: int) -> list[Org]:
        org = await self.access.visible_org(org_id)
        if after_path is not None and not path_within(after_path, org.path):
            raise OrgNotFoundError()
        return await self.repo.subtree(org.path, after_path, limit)
