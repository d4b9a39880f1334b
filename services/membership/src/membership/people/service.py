import uuid
from typing import Any

from membership.people.id_numbers import normalise_id_number, normalise_phone
from membership.people.models import Person
from membership.people.repository import PersonRepository
from membership.people.schemas import PersonIn
from servicekit.pii import PiiCipher, mask_id_number, mask_phone

ID_NUMBER = "id_number"
PHONE = "phone"


def person_values(person_in: PersonIn, pii: PiiCipher) -> dict[str, Any]:
    """The columns of a person record: ID number and phone checked, encrypted, indexed, masked."""
    id_number = normalise_id_number(person_in.id_number)
    phone = normalise_phone(person_in.phone) if person_in.phone else None
    return {
        "id": uuid.uuid4(),
        "name": person_in.name.strip(),
        "id_number_enc": pii.encrypt(ID_NUMBER, id_number),
        "id_number_index": pii.blind_index(ID_NUMBER, id_number),
        "id_number_masked": mask_id_number(id_number),
        "phone_enc": pii.encrypt(PHONE, phone) if phone else None,
        "phone_index": pii.blind_index(PHONE, phone) if phone else None,
        "phone_masked": mask_phone(phone) if phone else None,
        "employment_form": person_in.employment_form,
    }


def id_number_index(raw_id_number: str, pii: PiiCipher) -> bytes:
    """The blind index a person is found by (the number is checked and normalised first)."""
    return pii.blind_index(ID_NUMBER, normalise_id_number(raw_id_number))


def new_person(person_in: PersonIn, pii: PiiCipher) -> Person:
    """A Person not yet stored."""
    return Person(**person_values(person_in, pii))


class PersonService:
    def __init__(self, repo: PersonRepository, pii: PiiCipher) -> None:
        self.repo = repo
        self.pii = pii

    def index_of(self, raw_id_number: str) -> bytes:
        return id_number_index(raw_id_number, self.pii)

    async def find(self, raw_id_number: str) -> Person | None:
        return await self.repo.by_id_number_index(self.index_of(raw_id_number))

    async def find_or_create(self, person_in: PersonIn) -> tuple[Person, bool]:
        """One person, one record: an existing record is returned unchanged, so nobody can
        overwrite another person's details by knowing their ID number."""
        candidate = new_person(person_in, self.pii)
        existing = await self.repo.by_id_number_index(candidate.id_number_index)
        if existing is not None:
            return existing, False
        stored = await self.repo.insert_if_absent(candidate)
        return stored, stored.id == candidate.id
