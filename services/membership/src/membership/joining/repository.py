import uuid
from datetime import UTC, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from membership.joining.models import Invitation, JoinApplication, JoinApplicationState
from membership.people.models import Person


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

    async def add(self, record: Invitation | JoinApplication) -> None:
        self.session.add(record)
        await self.session.flush()

    async def pending_application(
        self, person_id: uuid.UUID, org_id: uuid.UUID
    ) -> JoinApplication | None:
        return await self.session.scalar(
            select(JoinApplication).where(
                JoinApplication.person_id == person_id,
                JoinApplication.org_id == org_id,
                JoinApplication.state == JoinApplicationState.PENDING,
            )
        )

    async def application(self, application_id: uuid.UUID) -> JoinApplication | None:
        return await self.session.get(JoinApplication, application_id)

    async def applications_for_org(
        self, org_id: uuid.UUID, state: JoinApplicationState | None
    ) -> list[tuple[JoinApplication, str]]:
        query = (
            select(JoinApplication, Person.id_number_masked)
            .join(Person, Person.id == JoinApplication.person_id)
            .where(JoinApplication.org_id == org_id)
            .order_by(JoinApplication.created_at.desc(), JoinApplication.id)
            .limit(200)
        )
        if state is not None:
            query = query.where(JoinApplication.state == state)
        return [(a, masked) for a, masked in (await self.session.execute(query)).all()]

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
