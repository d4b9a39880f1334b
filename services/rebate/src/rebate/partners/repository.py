"""Every query of partners and their webhook secrets."""

import uuid
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.partners.models import Partner, PartnerSecret


class PartnerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *records: Partner | PartnerSecret) -> None:
        self.session.add_all(records)
        await self.session.flush()

    async def flush(self) -> None:
        """Writes the changes made to loaded partners."""
        await self.session.flush()

    async def get(self, partner_id: uuid.UUID) -> Partner | None:
        return await self.session.get(Partner, partner_id)

    async def all(self) -> list[Partner]:
        return list(await self.session.scalars(select(Partner).order_by(Partner.created_at)))

    async def expire_secrets(self, partner_id: uuid.UUID, at: datetime) -> None:
        """Secrets without an end so far end at `at`."""
        await self.session.execute(
            update(PartnerSecret)
            .where(PartnerSecret.partner_id == partner_id, PartnerSecret.expires_at.is_(None))
            .values(expires_at=at)
        )

    async def secrets_valid_at(self, partner_id: uuid.UUID, at: datetime) -> list[bytes]:
        """The encrypted secrets valid at `at`, newest first."""
        rows = await self.session.scalars(
            select(PartnerSecret.secret_enc)
            .where(
                PartnerSecret.partner_id == partner_id,
                or_(PartnerSecret.expires_at.is_(None), PartnerSecret.expires_at > at),
            )
            .order_by(PartnerSecret.created_at.desc())
        )
        return list(rows)
