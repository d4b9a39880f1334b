"""The outbox as operators see it: what is pending, delivered or dead, and replay of a
dead-lettered event once its subscriber is back."""

import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from membership.events.errors import OutboxMessageNotFoundError
from membership.events.models import OutboxMessage
from servicekit import outbox

logger = logging.getLogger(__name__)


class OutboxAdmin:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def listing(
        self, status: str | None, after_id: int | None, limit: int
    ) -> list[OutboxMessage]:
        query = select(OutboxMessage).order_by(OutboxMessage.id).limit(limit)
        if status is not None:
            query = query.where(OutboxMessage.status == status)
        if after_id is not None:
            query = query.where(OutboxMessage.id > after_id)
        return list(await self.session.scalars(query))

    async def replay(self, message_id: int, actor: str) -> OutboxMessage:
        message = await outbox.replay(self.session, OutboxMessage, message_id)
        if message is None:
            raise OutboxMessageNotFoundError()
        assert isinstance(message, OutboxMessage)
        logger.info("outbox message replayed", extra={"id": message_id, "actor": actor})
        return message
