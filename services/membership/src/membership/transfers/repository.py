import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from membership.members.models import Member, Transfer, TransferState
from membership.orgs.models import Org
from membership.orgs.repository import within
from membership.people.models import Person

FromOrg, ToOrg = aliased(Org), aliased(Org)


class TransferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, transfer_id: uuid.UUID) -> Transfer | None:
        return await self.session.get(Transfer, transfer_id)

    async def add(self, transfer: Transfer) -> None:
        self.session.add(transfer)
        await self.session.flush()

    async def for_subtree(
        self, path: str, incoming: bool, state: TransferState | None, limit: int
    ) -> list[Transfer]:
        org_column = Transfer.to_org_id if incoming else Transfer.from_org_id
        query = select(Transfer).join(Org, Org.id == org_column).where(within(path))
        if state is not None:
            query = query.where(Transfer.state == state)
        query = query.order_by(Transfer.created_at.desc()).limit(limit)
        return list(await self.session.scalars(query))

    async def for_member(self, member_id: uuid.UUID) -> list[Transfer]:
        query = (
            select(Transfer).where(Transfer.member_id == member_id).order_by(Transfer.created_at)
        )
        return list(await self.session.scalars(query))

    async def details(
        self, transfer_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[str, Person, str, str]]:
        """Per transfer: the membership number, the person, and both unions' names."""
        query = (
            select(Transfer.id, Member.membership_no, Person, FromOrg.name, ToOrg.name)
            .join(Member, Member.id == Transfer.member_id)
            .join(Person, Person.id == Member.person_id)
            .join(FromOrg, FromOrg.id == Transfer.from_org_id)
            .join(ToOrg, ToOrg.id == Transfer.to_org_id)
            .where(Transfer.id.in_(list(transfer_ids)))
        )
        rows = (await self.session.execute(query)).all()
        return {id_: (number, person, old, new) for id_, number, person, old, new in rows}
