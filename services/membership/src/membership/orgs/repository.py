import uuid
from collections.abc import Sequence

from sqlalchemy import func, literal, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from membership.db import Ltree
from membership.members.models import (
    COUNTED_STATES,
    Member,
    MemberState,
    Transfer,
    TransferState,
)
from membership.orgs.models import Org, OrgStatus


def ltree(value: str) -> BindParameter[str]:
    return literal(value, type_=Ltree)


def within(path: str) -> ColumnElement[bool]:
    """SQL condition: Org is `path` or below it (uses the GiST index)."""
    return Org.path.op("<@")(ltree(path))


class OrgRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, org_id: uuid.UUID) -> Org | None:
        return await self.session.get(Org, org_id)

    async def get_many(self, org_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Org]:
        if not org_ids:
            return {}
        rows = await self.session.scalars(select(Org).where(Org.id.in_(set(org_ids))))
        return {org.id: org for org in rows}

    async def paths_of(self, org_ids: Sequence[uuid.UUID]) -> list[str]:
        rows = await self.session.scalars(select(Org.path).where(Org.id.in_(org_ids)))
        return list(rows)

    async def add(self, org: Org) -> None:
        self.session.add(org)
        await self.session.flush()

    async def children(
        self, parent_id: uuid.UUID, after: tuple[str, uuid.UUID] | None, limit: int
    ) -> list[Org]:
        query = select(Org).where(Org.parent_id == parent_id)
        if after is not None:
            query = query.where(tuple_(Org.name, Org.id) > tuple_(after[0], after[1]))
        query = query.order_by(Org.name, Org.id).limit(limit)
        return list(await self.session.scalars(query))

    async def subtree(self, path: str, after_path: str | None, limit: int) -> list[Org]:
        query = select(Org).where(within(path))
        if after_path is not None:
            query = query.where(Org.path > ltree(after_path))
        query = query.order_by(Org.path).limit(limit)
        return list(await self.session.scalars(query))

    async def move_subtree(self, org: Org, new_parent: Org) -> None:
        """Re-root every path under `org` beneath `new_parent`, in one statement."""
        old_path = org.path
        await self.session.execute(
            update(Org)
            .where(within(old_path))
            .values(
                path=ltree(new_parent.path).op("||")(
                    func.subpath(Org.path, func.nlevel(ltree(old_path)) - 1)
                ),
                version=Org.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        await self.session.refresh(org)

    async def subtree_regions(self, path: str) -> list[tuple[str, str]]:
        query = select(Org.name, Org.region_code).where(within(path))
        return [(name, region) for name, region in await self.session.execute(query)]

    async def renumber_regions(self, path: str, old_prefix: str, new_prefix: str) -> None:
        """Swap the leading `old_prefix` of every region code at or under `path` for
        `new_prefix`. Six digits in all: below a finer new code, what lay finer than the old
        one collapses onto it (a city's districts are one district's now); below a coarser
        one, the missing digits are zeros (the region itself)."""
        await self.session.execute(
            update(Org)
            .where(within(path))
            .values(
                region_code=func.rpad(
                    literal(new_prefix) + func.substr(Org.region_code, len(old_prefix) + 1),
                    6,
                    "0",
                )
            )
            .execution_options(synchronize_session=False)
        )

    async def children_regions(self, org_id: uuid.UUID) -> list[tuple[str, str]]:
        query = select(Org.name, Org.region_code).where(Org.parent_id == org_id)
        return [(name, region) for name, region in await self.session.execute(query)]

    async def active_children_count(self, org_id: uuid.UUID) -> int:
        query = select(func.count()).where(Org.parent_id == org_id, Org.status == OrgStatus.ACTIVE)
        return int(await self.session.scalar(query) or 0)

    async def counted_members(self, org_id: uuid.UUID) -> int:
        query = select(func.count()).where(
            Member.org_id == org_id, Member.state.in_(COUNTED_STATES)
        )
        return int(await self.session.scalar(query) or 0)

    async def pending_arrivals(self, org_id: uuid.UUID) -> int:
        """Applications to the org and transfers into it that wait for a decision."""
        applications = select(func.count()).where(
            Member.org_id == org_id, Member.state == MemberState.APPLIED
        )
        transfers = select(func.count()).where(
            Transfer.to_org_id == org_id, Transfer.state == TransferState.PENDING
        )
        total = select(applications.scalar_subquery() + transfers.scalar_subquery())
        return int(await self.session.scalar(total) or 0)

    async def roots(self) -> list[Org]:
        return list(
            await self.session.scalars(
                select(Org).where(Org.parent_id.is_(None)).order_by(Org.name)
            )
        )

    async def by_paths(self, paths: Sequence[str]) -> list[Org]:
        if not paths:
            return []
        query = select(Org).where(Org.path.in_([ltree(p) for p in paths])).order_by(Org.name)
        return list(await self.session.scalars(query))
