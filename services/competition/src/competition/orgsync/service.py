"""Keeping membership's tree current: membership publishes organisation moves and closures
(signed Standard Webhooks, contract C2) and every path stored here follows, so access,
conflicts of interest and statistics decide on the tree as it is now.

Each delivery is applied once (by webhook-id). A move states the organisation's whole new
path, so applying it is idempotent; a move older than one already applied for the same
organisation is recorded and skipped, so a late redelivery cannot roll a newer move back.
A closure changes no path: a closed organisation's contests and results stay where they
were; new contests, delegations and judges are checked against membership when made."""

from collections.abc import Mapping
from datetime import UTC, datetime

from pydantic import TypeAdapter, ValidationError

from competition.orgsync.errors import BadSignatureError, InvalidOrgEventError
from competition.orgsync.models import OrgEvent
from competition.orgsync.repository import OrgEventRepository
from competition.orgsync.schemas import OrgEventIn, OrgMovedEvent
from servicekit import webhooks

_EVENT: TypeAdapter[OrgEventIn] = TypeAdapter(OrgEventIn)


class OrgSync:
    def __init__(self, repo: OrgEventRepository, secrets: list[str]) -> None:
        self.repo = repo
        self.secrets = secrets

    async def receive(self, headers: Mapping[str, str], body: bytes) -> None:
        try:
            webhook_id = webhooks.verify(self.secrets, headers, body)
        except webhooks.WebhookVerificationError as exc:
            raise BadSignatureError(str(exc)) from None
        try:
            event = _EVENT.validate_json(body)
        except ValidationError as exc:
            raise InvalidOrgEventError(str(exc).splitlines()[0]) from None
        apply = isinstance(event, OrgMovedEvent) and not await self.repo.moved_since(
            event.data.org_id, event.timestamp
        )
        new = await self.repo.record(
            OrgEvent(
                webhook_id=webhook_id,
                type=event.type,
                org_id=event.data.org_id,
                occurred_at=event.timestamp,
                received_at=datetime.now(UTC),
                path=event.data.path,
                applied=apply,
            )
        )
        if new and apply:
            await self.repo.move(event.data.org_id, event.data.path)
