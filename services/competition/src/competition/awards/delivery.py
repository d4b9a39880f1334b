"""Honours reach members' records in membership through the outbox: written in the
finalisation's transaction, sent after it by a relay with retries. Membership stores a grant
once per source_ref (the grant's id here), so a redelivery changes nothing."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from competition.clients.membership import MembershipClient
from competition.models import OutboxMessage
from servicekit.outbox import Handler, OutboxRelay

HONOUR_TOPIC = "membership.honour.grant"


def honour_handler(membership: MembershipClient) -> Handler:
    async def deliver(payload: dict[str, Any], key: str) -> None:
        # Raising (membership down, member unknown) schedules a retry, then dead-letters.
        await membership.grant_honour(payload)

    return deliver


def honour_relay(
    sessionmaker: async_sessionmaker[AsyncSession],
    membership: MembershipClient,
    poll_seconds: float = 1.0,
    lease_seconds: float = 60.0,
    owner: str | None = None,
) -> OutboxRelay:
    return OutboxRelay(
        sessionmaker,
        OutboxMessage,
        {HONOUR_TOPIC: honour_handler(membership)},
        poll_seconds=poll_seconds,
        lease_seconds=lease_seconds,
        owner=owner,
    )
