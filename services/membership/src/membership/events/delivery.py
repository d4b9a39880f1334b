"""The relay that sends organisation events to their subscribers, signed per Standard
Webhooks with the subscriber's secret from the settings. Anything but a 2xx answer is
retried on the outbox's backoff schedule, then dead-lettered.

A subscriber hears a sub-tree's moves in the order they happened: a move rewrites the paths
that start with its `old_path`, so a later move applied before an earlier one would match
nothing and leave the subscriber's tree stale. An event waits while an earlier one to the
same subscriber is still pending."""

from collections.abc import Sequence
from typing import Any

import httpx
import orjson
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from membership.events.models import OutboxMessage
from membership.events.service import ORG_EVENT_TOPIC
from membership.settings import EventSubscriber
from servicekit import webhooks
from servicekit.http import IDEMPOTENT
from servicekit.outbox import PENDING, Handler, OutboxRelay, RefusedForGood


class DeliveryError(Exception):
    pass


async def earlier_pending(
    sessionmaker: async_sessionmaker[AsyncSession], url: str, key: str
) -> bool:
    """Whether an event to `url` older than the message `key` still waits to be sent."""
    this, earlier = aliased(OutboxMessage), aliased(OutboxMessage)
    query = select(
        exists().where(
            this.message_key == key,
            earlier.topic == ORG_EVENT_TOPIC,
            earlier.status == PENDING,
            earlier.id < this.id,
            earlier.payload["url"].astext == url,
        )
    )
    async with sessionmaker() as session:
        return bool(await session.scalar(query))


def org_event_handler(
    sessionmaker: async_sessionmaker[AsyncSession],
    subscribers: Sequence[EventSubscriber],
    http: httpx.AsyncClient,
) -> Handler:
    secrets = {s.url: s.secret.get_secret_value() for s in subscribers}

    async def deliver(payload: dict[str, Any], key: str) -> None:
        url = str(payload["url"])
        secret = secrets.get(url)
        if secret is None:
            raise RefusedForGood(f"{url} is no longer a subscriber")
        if await earlier_pending(sessionmaker, url, key):
            raise DeliveryError(f"an earlier event to {url} has not been delivered yet")
        content = orjson.dumps(payload["body"])
        headers = webhooks.signed_headers(secret, str(payload["webhook_id"]), content)
        headers["content-type"] = "application/json"
        try:
            # Subscribers de-duplicate on webhook-id, so the request may be sent again.
            response = await http.post(url, content=content, headers=headers, extensions=IDEMPOTENT)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        if not response.is_success:
            raise DeliveryError(f"{url} answered {response.status_code}")

    return deliver


def org_event_relay(
    sessionmaker: async_sessionmaker[AsyncSession],
    subscribers: Sequence[EventSubscriber],
    http: httpx.AsyncClient,
    poll_seconds: float = 1.0,
    lease_seconds: float = 60.0,
    owner: str | None = None,
) -> OutboxRelay:
    return OutboxRelay(
        sessionmaker,
        OutboxMessage,
        {ORG_EVENT_TOPIC: org_event_handler(sessionmaker, subscribers, http)},
        poll_seconds=poll_seconds,
        lease_seconds=lease_seconds,
        owner=owner,
    )
