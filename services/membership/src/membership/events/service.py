"""Organisation events for other services (`org.moved`, `org.closed`): one outbox row per
subscriber, written in the transaction of the move or closure itself, so a subscriber hears
of every change that was committed and of none that was rolled back.

Other services keep organisation paths (competition checks sub-trees and conflicts with
them); a move rewrites every path of the moved sub-tree, so they must learn of it."""

import hashlib
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from membership.events.models import OutboxMessage
from membership.orgs.models import Org
from membership.settings import EventSubscriber
from servicekit.outbox import new_message

ORG_EVENT_TOPIC = "org.event"
ORG_MOVED = "org.moved"
ORG_CLOSED = "org.closed"


def subscriber_key(url: str) -> str:
    """Short and stable: names the subscriber in a message key without its address."""
    return hashlib.sha256(url.encode()).hexdigest()[:16]


class OrgEvents:
    def __init__(self, session: AsyncSession, subscribers: Sequence[EventSubscriber]) -> None:
        self.session = session
        self.subscribers = subscribers

    async def moved(self, org: Org, old_path: str) -> None:
        assert org.parent_id is not None
        await self._publish(
            ORG_MOVED,
            {
                "org_id": str(org.id),
                "old_path": old_path,
                "path": org.path,
                "parent_id": str(org.parent_id),
                "level": org.level.value,
            },
        )

    async def closed(self, org: Org) -> None:
        await self._publish(ORG_CLOSED, {"org_id": str(org.id), "path": org.path})

    async def _publish(self, event_type: str, data: dict[str, Any]) -> None:
        # One id for the event: every subscriber de-duplicates on it (webhook-id).
        event_id = f"msg_{uuid.uuid4().hex}"
        body = {"type": event_type, "timestamp": datetime.now(UTC).isoformat(), "data": data}
        for subscriber in self.subscribers:
            payload = {"webhook_id": event_id, "url": subscriber.url, "body": body}
            key = f"{event_id}@{subscriber_key(subscriber.url)}"
            self.session.add(new_message(OutboxMessage, ORG_EVENT_TOPIC, payload, key))
        await self.session.flush()
