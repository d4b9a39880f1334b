import uuid
from datetime import UTC, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from membership.joining.models import Invitation


class InvitationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, invitation_id: uuid.UUID) -> Invitation | None:
        return await self.session.get(Invitation, invitation_id)

    async def by_code(self, code: str) -> Invitation | None:
        return await self.session.scalar(select(Invitation).where(Invitation.code == code))

    async def for_org(self, org_id: uuid.UUID) -> list[Invitation]:
        query = (
            select(Invitation)
            .where(Invitation.org_id == org_id)
            .order_by(Invitation.created_at.desc())
            .limit(200)
        )
        return list(await self.session.scalars(query))

    async def add(self, invitation: Invitation) -> None:
        self.session.add(invitation)
        await self.session.flush()

    async def take_one_use(self, invitation_id: uuid.UUID) -> bool:
        """Count one use, atomically within the cap, expiry and revocation; False if none left."""
        result = await self.session.execute(
            update(Invitation)
            .where(
                Invitation.id == invitation_id,
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > datetime.now(UTC),
                or_(Invitation.max_uses.is_(None), Invitation.use_count < Invitation.max_uses),
            )
            .values(use_count=Invitation.use_count + 1, updated_at=func.now())
            .returning(Invitation.id)
        )
        return result.first() is not None
