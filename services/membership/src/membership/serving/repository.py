import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from membership.members.models import Member
from membership.orgs.models import Org
from membership.serving.models import ServiceRecord


class ServingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def person_org(self, person_id: uuid.UUID) -> Org | None:
        """The organisation that holds the person's record (member or service recipient)."""
        query = (
            select(Org).join(Member, Member.org_id == Org.id).where(Member.person_id == person_id)
        )
        return await self.session.scalar(query)

    async def add(self, record: ServiceRecord) -> None:
        self.session.add(record)
        await self.session.flush()

    async def for_person(self, person_id: uuid.UUID, limit: int) -> list[ServiceRecord]:
        query = (
            select(ServiceRecord)
            .where(ServiceRecord.person_id == person_id)
            .order_by(ServiceRecord.served_on.desc(), ServiceRecord.created_at.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(query))
