"""Every query of refund policies and their versions."""

import uuid

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.policies.models import Policy


class PolicyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, policy: Policy) -> None:
        self.session.add(policy)
        await self.session.flush()

    async def flush(self) -> None:
        """Writes the changes made to loaded policies (a version retired)."""
        await self.session.flush()

    async def lock_changes(self) -> None:
        """Until the transaction ends, this caller alone changes policies."""
        await self.session.execute(text("SELECT pg_advisory_xact_lock(hashtext('rebate-policy'))"))

    async def get(self, policy_id: uuid.UUID) -> Policy | None:
        return await self.session.get(Policy, policy_id)

    async def current(self, policy_key: str) -> Policy | None:
        return await self.session.scalar(
            select(Policy).where(Policy.policy_key == policy_key, Policy.retired_at.is_(None))
        )

    async def key_exists(self, policy_key: str) -> bool:
        found: uuid.UUID | None = await self.session.scalar(
            select(Policy.id).where(Policy.policy_key == policy_key).limit(1)
        )
        return found is not None

    async def versions(self, policy_key: str) -> list[Policy]:
        """Oldest first."""
        query = select(Policy).where(Policy.policy_key == policy_key).order_by(Policy.version)
        return list(await self.session.scalars(query))

    async def in_force(self) -> list[Policy]:
        query = select(Policy).where(Policy.retired_at.is_(None)).order_by(Policy.policy_key)
        return list(await self.session.scalars(query))
