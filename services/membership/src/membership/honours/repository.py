import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from membership.honours.models import Honour


class HonourRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_source_ref(self, source_ref: str) -> Honour | None:
        return await self.session.scalar(select(Honour).where(Honour.source_ref == source_ref))

    async def for_person(self, person_id: uuid.UUID) -> list[Honour]:
        query = (
            select(Honour)
            .where(Honour.person_id == person_id)
            .order_by(Honour.awarded_on.desc(), Honour.created_at.desc())
        )
        return list(await self.session.scalars(query))

    async def add(self, honour: Honour) -> Honour:
        """Insert, or return what a concurrent grant with the same source_ref stored."""
        if honour.source_ref is None:
            self.session.add(honour)
            await self.session.flush()
            return honour
        values = {
            c.key: getattr(honour, c.key)
            for c in Honour.__table__.columns
            if c.key not in ("created_at", "updated_at")
        }
        await self.session.execute(
            insert(Honour)
            .values(**values)
            .on_conflict_do_nothing(index_elements=[Honour.source_ref])
        )
        stored = await self.by_source_ref(honour.source_ref)
        assert stored is not None
        return stored
