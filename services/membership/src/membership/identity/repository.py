import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.models import Account, ServiceClient
from membership.orgs.models import Org


class IdentityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def account_by_username(self, username: str) -> Account | None:
        return await self.session.scalar(
            select(Account).where(Account.username == username.lower())
        )

    async def account_by_id(self, account_id: uuid.UUID) -> Account | None:
        return await self.session.get(Account, account_id)

    async def account_by_person(self, person_id: uuid.UUID) -> Account | None:
        return await self.session.scalar(select(Account).where(Account.person_id == person_id))

    async def org_paths(self, org_ids: list[str]) -> list[str]:
        ids = []
        for raw in org_ids:
            try:
                ids.append(uuid.UUID(raw))
            except ValueError:
                continue
        if not ids:
            return []
        return list(await self.session.scalars(select(Org.path).where(Org.id.in_(ids))))

    async def client_by_client_id(self, client_id: str) -> ServiceClient | None:
        return await self.session.scalar(
            select(ServiceClient).where(ServiceClient.client_id == client_id)
        )

    async def add_unique(self, record: Account | ServiceClient) -> bool:
        """Insert `record`; False when a unique key is already taken (even by a racing insert)."""
        try:
            async with self.session.begin_nested():
                self.session.add(record)
        except IntegrityError:
            return False
        return True
