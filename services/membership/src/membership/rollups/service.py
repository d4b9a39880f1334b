"""Which change moves which sub-tree count, and by how much.

Every change is a delta at one organisation, applied to it and each ancestor in the same
transaction (`RollupRepository.add`), so statistics read one row at any level.

New-form enterprises: an enterprise is counted in the sub-tree of a new-form union that holds
its union (or, without one, its federation). Counted at its *anchor*, the deepest new-form
organisation on its union's way up, it is in a sub-tree's count exactly when the anchor is in
the sub-tree; so a change of anchor is a -1 at the old one and a +1 at the new one.
"""

import uuid

from membership.orgs.models import Org, OrgStatus
from membership.rollups.counts import Counts, Delta, JoinsDelta
from membership.rollups.repository import RollupRepository


def _org_counts(org: Org) -> Counts:
    if org.status is not OrgStatus.ACTIVE:
        return Counts()
    return Counts(organisations=1, new_form_unions=1 if org.new_form else 0)


def _enterprises(org_id: uuid.UUID | None, count: int) -> list[Delta]:
    return [] if org_id is None or count == 0 else [(org_id, Counts(new_form_enterprises=count))]


class Rollups:
    def __init__(self, repo: RollupRepository) -> None:
        self.repo = repo

    async def members_changed(self, deltas: list[Delta]) -> None:
        await self.repo.add(deltas)

    async def joined(self, org_id: uuid.UUID, month: str, joins: int) -> None:
        await self.repo.add_own_joins(org_id, month, joins)
        await self.repo.add_joins([(org_id, month, joins)])

    async def service_given(self, org_id: uuid.UUID) -> None:
        await self.repo.add([(org_id, Counts(services=1))])

    async def org_opened(self, org: Org) -> None:
        """A new organisation is a leaf: no members, enterprises or joins under it yet."""
        await self.repo.add([(org.id, _org_counts(org))])

    async def org_closed(self, org: Org) -> None:
        await self.repo.add([(org.id, -Counts(organisations=1, new_form_unions=int(org.new_form)))])

    async def new_form_changed(self, org: Org) -> None:
        """After `org.new_form` flipped: the enterprises below it with no new-form union
        nearer to them change anchor between `org` and the nearest new-form one above it."""
        sign = 1 if org.new_form else -1
        moving = sign * await self.repo.unanchored_enterprises(org.path, org.depth)
        above = await self.repo.anchor(org.parent_id) if org.parent_id else None
        unions = 1 if org.status is OrgStatus.ACTIVE else 0
        await self.repo.add(
            [
                (org.id, Counts(new_form_unions=sign * unions, new_form_enterprises=moving)),
                *_enterprises(above, -moving),
            ]
        )

    async def subtree_moving(
        self, org: Org, old_parent_id: uuid.UUID | None, new_parent: Org
    ) -> None:
        """Before the paths change: the sub-tree's counts leave the old ancestors and reach
        the new ones. Inside the sub-tree nothing changes; only its enterprises anchored above
        it (none of its own new-form unions over them) change anchor."""
        moved = await self.repo.counts(org.id)
        free = await self.repo.unanchored_enterprises(org.path, org.depth - 1)
        old_anchor = await self.repo.anchor(old_parent_id) if old_parent_id else None
        new_anchor = await self.repo.anchor(new_parent.id)
        deltas: list[Delta] = [(new_parent.id, moved)]
        joins: list[JoinsDelta] = []
        month_rows = await self.repo.joins(org.id)
        joins += [(new_parent.id, month, count) for month, count in month_rows]
        if old_parent_id is not None:
            deltas.append((old_parent_id, -moved))
            joins += [(old_parent_id, month, -count) for month, count in month_rows]
        if old_anchor != new_anchor:
            deltas += _enterprises(old_anchor, -free) + _enterprises(new_anchor, free)
        await self.repo.add(deltas)
        await self.repo.add_joins(joins)

    async def enterprise_moved(self, old_org_id: uuid.UUID | None, new_org_id: uuid.UUID) -> None:
        """The org an enterprise is counted under (its union, else its federation) changed;
        `old_org_id` is None for a new enterprise."""
        if old_org_id == new_org_id:
            return
        old_anchor = await self.repo.anchor(old_org_id) if old_org_id else None
        new_anchor = await self.repo.anchor(new_org_id)
        if old_anchor != new_anchor:
            await self.repo.add(_enterprises(old_anchor, -1) + _enterprises(new_anchor, 1))
