import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.models import Account, AuthThrottle, OneTimeCode, ServiceClient
from membership.members.models import Member
from membership.orgs.models import Org
from membership.people.models import Person


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

    async def member_accounts_by_phone(self, phone_index: bytes) -> list[Account]:
        query = (
            select(Account)
            .join(Person, Person.id == Account.person_id)
            .where(Person.phone_index == phone_index)
            .limit(2)
        )
        return list(await self.session.scalars(query))

    async def account_by_id_number(self, id_number_index: bytes) -> Account | None:
        return await self.session.scalar(
            select(Account)
            .join(Person, Person.id == Account.person_id)
            .where(Person.id_number_index == id_number_index)
        )

    async def member_by_person(self, person_id: uuid.UUID) -> Member | None:
        return await self.session.scalar(select(Member).where(Member.person_id == person_id))

    async def add(self, record: Account | OneTimeCode) -> None:
        self.session.add(record)
        await self.session.flush()

    async def newest_code(self, person_id: uuid.UUID) -> OneTimeCode | None:
        return await self.session.scalar(
            select(OneTimeCode)
            .where(OneTimeCode.person_id == person_id)
            .order_by(OneTimeCode.created_at.desc(), OneTimeCode.id)
            .limit(1)
            .with_for_update()
        )

    async def retire_codes(self, person_id: uuid.UUID, at: datetime) -> None:
        await self.session.execute(
            update(OneTimeCode)
            .where(OneTimeCode.person_id == person_id, OneTimeCode.used_at.is_(None))
            .values(used_at=at)
        )

    async def throttles(self, keys: Sequence[str]) -> list[AuthThrottle]:
        return list(
            await self.session.scalars(select(AuthThrottle).where(AuthThrottle.key.in_(keys)))
        )

    async def throttle_for_update(self, key: str, now: datetime) -> AuthThrottle:
        """The key's counter, created if new and locked against concurrent failures."""
        await self.session.execute(
            insert(AuthThrottle)
            .values(key=key, failures=0, window_started_at=now, lockouts=0, last_failure_at=now)
            .on_conflict_do_nothing(index_elements=[AuthThrottle.key])
        )
        row = await self.session.scalar(
            select(AuthThrottle)
            .where(AuthThrottle.key == key)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        assert row is not None
        return row

    async def prune_throttles(self, quiet_since: datetime, now: datetime, limit: int) -> None:
        """Forget up to `limit` counters that are neither locked nor recently failed."""
        stale = (
            select(AuthThrottle.key)
            .where(
                AuthThrottle.last_failure_at < quiet_since,
                or_(AuthThrottle.locked_until.is_(None), AuthThrottle.locked_until < now),
            )
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        await self.session.execute(delete(AuthThrottle).where(AuthThrottle.key.in_(stale)))

    async def delete_throttle(self, key: str) -> None:
        await self.session.execute(delete(AuthThrottle).where(AuthThrottle.key == key))

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
