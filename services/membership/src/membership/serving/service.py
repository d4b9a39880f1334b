"""Services given to workers, members or not yet (service recipients). A person's services
are seen by whoever sees the person: the cadres over the union that holds their record, and
the person themself; they are recorded by a cadre managing members, for an organisation of
their own sub-tree."""

import uuid

from membership.access import Access, Permission
from membership.orgs.errors import OrgClosedError
from membership.orgs.models import OrgStatus
from membership.rollups.repository import RollupRepository
from membership.rollups.service import Rollups
from membership.serving.errors import PersonNotFoundError
from membership.serving.models import ServiceRecord
from membership.serving.repository import ServingRepository
from membership.serving.schemas import ServiceRecordCreate


class ServingService:
    def __init__(self, repo: ServingRepository, access: Access) -> None:
        self.repo = repo
        self.access = access
        self.rollups = Rollups(RollupRepository(repo.session))

    async def _visible_person(self, person_id: uuid.UUID) -> None:
        own = str(person_id) == str(self.access.principal.claims.get("person_id"))
        org = await self.repo.person_org(person_id)
        if org is None or not (own or await self.access.covers(org.path)):
            raise PersonNotFoundError()

    async def record(self, person_id: uuid.UUID, record_in: ServiceRecordCreate) -> ServiceRecord:
        self.access.require(Permission.MANAGE_MEMBERS)
        org = await self.repo.person_org(person_id)
        if org is None or not await self.access.covers(org.path):
            raise PersonNotFoundError()
        giver = await self.access.visible_org(record_in.org_id)
        if giver.status is OrgStatus.CLOSED:
            raise OrgClosedError(f"{giver.name} is closed")
        record = ServiceRecord(
            id=uuid.uuid4(),
            person_id=person_id,
            kind=record_in.kind,
            org_id=giver.id,
            served_on=record_in.served_on,
            note=record_in.note,
            recorded_by=self.access.actor,
        )
        await self.repo.add(record)
        await self.rollups.service_given(giver.id)
        return record

    async def for_person(self, person_id: uuid.UUID, limit: int) -> list[ServiceRecord]:
        await self._visible_person(person_id)
        return await self.repo.for_person(person_id, limit)
