"""The relay that sends organisation events to their subscribers, signed per Standard
Webhooks with the subscriber's secret from the settings (read at send time, so a rotated
secret signs what is still queued). Anything but a 2xx answer is retried on the outbox's
backoff schedule, then dead-lettered."""

from collections.abc import Sequence
from typing import Any

import httpx
import orjson
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from membership.events.models import OutboxMessage
from membership.events.service import ORG_EVENT_TOPIC
from membership.settings import EventSubscriber
from servicekit import webhooks
from servicekit.outbox import Handler, OutboxRelay, RefusedForGood


class DeliveryError(Exception):
    pass


def org_event_handler(subscribers: Sequence[EventSubscriber], http: httpx.AsyncClient) -> Handler:
    secrets = {s.url: s.secret.get_secret_value() for s in subscribers}

    async def deliver(payload: dict[str, Any], key: str) -> None:
        url = str(payload["url"])
        secret = secrets.get(url)
        if secret is None:
            raise RefusedForGood(f"{url} is no longer a subscriber")
        content = orjson.dumps(payload["body"])
        headers = webhooks.signed_headers(secret, str(payload["webhook_id"]), content)
        headers["content-type"] = "application/json"
        try:
            response = await http.post(url, content=content, headers=headers)
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
) -> OutboxRelay:
    return OutboxRelay(
        sessionmaker,
        OutboxMessage,
        {ORG_EVENT_TOPIC: org_event_handler(subscribers, http)},
        poll_seconds=poll_seconds,
    )
