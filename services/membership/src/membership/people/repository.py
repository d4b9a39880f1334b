import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from membership.people.models import Person


class PersonRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, person_id: uuid.UUID) -> Person | None:
        return await self.session.get(Person, person_id)

    async def by_id_number_index(self, index: bytes) -> Person | None:
        return await self.session.scalar(select(Person).where(Person.id_number_index == index))

    async def insert_if_absent(self, person: Person) -> Person:
        """Insert, or return the record a concurrent request inserted for the same person."""
        statement = (
            insert(Person)
            .values(
                id=person.id,
                name=person.name,
                id_number_enc=person.id_number_enc,
                id_number_index=person.id_number_index,
                id_number_masked=person.id_number_masked,
                phone_enc=person.phone_enc,
                phone_index=person.phone_index,
                phone_masked=person.phone_masked,
                employment_form=person.employment_form,
            )
            .on_conflict_do_nothing(index_elements=[Person.id_number_index])
        )
        await self.session.execute(statement)
        stored = await self.by_id_number_index(person.id_number_index)
        assert stored is not None
        return stored
