"""Deliveries to partners from the outbox: payout instructions to the bank and `rebate.paid`
notices to tax partners, each signed per Standard Webhooks with the partner's newest secret and
the message key as webhook-id (receivers de-duplicate on it). A handler raises on anything but
a 2xx answer, so the relay retries on its backoff schedule and dead-letters after the last try.

Outbox payloads hold ids and amounts only; the account number is decrypted here, at send time.
"""

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rebate.audit.service import AuditLog, Step
from rebate.cases.models import RebateCase
from rebate.models import OutboxMessage
from rebate.partners.models import Partner
from rebate.partners.service import PartnerService
from rebate.payouts.errors import OutboxMessageNotFoundError
from rebate.payouts.models import Payout, PayoutStatus
from rebate.payouts.service import PAYOUT_INSTRUCT, REBATE_PAID, account_field
from rebate.settings import RebateSettings
from servicekit import outbox, webhooks
from servicekit.outbound_urls import OutboundUrlError
from servicekit.outbox import Handler
from servicekit.pii import PiiCipher

RELAY_ACTOR = "outbox-relay"
CURRENCY = "CNY"
URL_REFUSED = "url-refused"

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    pass


@dataclass(frozen=True)
class Outcome:
    """What became of one delivery. The audit trail, which cadres read, gets the status code or
    the kind of failure only: never the partner's answer body, nor where a refused URL led."""

    status_code: int | None = None
    error: str | None = None
    reason: str | None = None

    @property
    def taken(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def audited(self) -> dict[str, Any]:
        if self.status_code is None:
            return {"outcome": self.error}
        outcome = "delivered" if self.taken else f"answered {self.status_code}"
        return {"outcome": outcome, "status_code": self.status_code}

    def raise_unless_taken(self) -> None:
        """The relay retries what raises, on its backoff schedule."""
        if self.taken:
            return
        if self.status_code is not None:
            raise DeliveryError(f"answered {self.status_code}")
        raise DeliveryError(f"{self.error}: {self.reason}" if self.reason else str(self.error))


class Deliveries:
    """What the handlers need from the app, read when a message is sent (tests swap the
    sessionmaker after start-up)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        sessions: async_sessionmaker[AsyncSession] = self.app.state.sessionmaker
        return sessions

    @property
    def pii(self) -> PiiCipher:
        pii: PiiCipher = self.app.state.pii
        return pii

    @property
    def http(self) -> httpx.AsyncClient:
        http: httpx.AsyncClient = self.app.state.outbound
        return http

    def partners(self, session: AsyncSession) -> PartnerService:
        settings: RebateSettings = self.app.state.settings
        grace = timedelta(hours=settings.secret_rotation_grace_hours)
        return PartnerService(session, self.pii, grace, self.app.state.url_guard)

    async def instruct(self, payload: Mapping[str, Any], key: str) -> None:
        async with self.sessions() as session:
            payout = await session.get(Payout, uuid.UUID(str(payload["payout_id"])))
            if payout is None:
                raise DeliveryError(f"payout {payload['payout_id']} does not exist")
            if payout.status is not PayoutStatus.INSTRUCTED:
                # Settled meanwhile (a replay after the bank answered): nothing left to say.
                return
            case = await session.get(RebateCase, payout.case_id)
            assert case is not None
            # The bank was given this payout while active: deactivated since, it still settles
            # what it has (new payouts never go to it, rebate.payouts.service `_bank`).
            url, secret = await self._endpoint(session, payout.bank_partner_id, settling=True)
            body = {
                "type": "payout.instructed",
                "timestamp": datetime.now(UTC).isoformat(),
                "data": {
                    "idempotency_key": payout.idempotency_key,
                    "payout_id": str(payout.id),
                    "amount": str(payout.amount),
                    "currency": CURRENCY,
                    "account": {
                        "bank": payout.bank_name,
                        "account_name": payout.account_name,
                        "account_no": self.pii.decrypt(
                            account_field(payout.id), payout.account_no_enc
                        ),
                    },
                    "remittance": f"工会经费返还 {case.uscc} {case.period}",
                },
            }
            case_id, payout_id = case.id, payout.id
        # Outside any transaction: no row stays locked while the bank takes its time.
        outcome = await self._post(url, secret, key, body)
        async with self.sessions() as session, session.begin():
            detail = {"payout_id": str(payout_id), "key": key, **outcome.audited}
            await AuditLog(session).append(Step("payout.delivery", RELAY_ACTOR, detail, case_id))
        outcome.raise_unless_taken()

    async def notify(self, payload: Mapping[str, Any], key: str) -> None:
        async with self.sessions() as session:
            url, secret = await self._endpoint(session, uuid.UUID(str(payload["partner_id"])))
        data = {k: v for k, v in payload.items() if k not in ("partner_id", "case_id")}
        body = {"type": REBATE_PAID, "timestamp": datetime.now(UTC).isoformat(), "data": data}
        outcome = await self._post(url, secret, key, body)
        async with self.sessions() as session, session.begin():
            detail = {"partner_id": payload["partner_id"], "key": key, **outcome.audited}
            case_id = uuid.UUID(str(payload["case_id"]))
            await AuditLog(session).append(Step("notice.delivery", RELAY_ACTOR, detail, case_id))
        outcome.raise_unless_taken()

    async def _endpoint(
        self, session: AsyncSession, partner_id: uuid.UUID, *, settling: bool = False
    ) -> tuple[str, str]:
        partner = await session.get(Partner, partner_id)
        reachable = partner is not None and (partner.is_active or settling)
        if partner is None or not reachable or not partner.webhook_url:
            raise DeliveryError(f"partner {partner_id} is inactive or has no webhook URL")
        return partner.webhook_url, await self.partners(session).signing_secret(partner.id)

    async def _post(self, url: str, secret: str, key: str, body: dict[str, Any]) -> Outcome:
        content = orjson.dumps(body)
        headers = webhooks.signed_headers(secret, key, content)
        headers["content-type"] = "application/json"
        try:
            # The client's transport checks the URL again and pins the checked address.
            response = await self.http.post(url, content=content, headers=headers)
        except OutboundUrlError as exc:
            logger.warning("delivery refused", extra={"key": key, "reason": str(exc)})
            return Outcome(error=URL_REFUSED, reason=str(exc))
        except httpx.HTTPError as exc:
            return Outcome(error=type(exc).__name__)
        return Outcome(status_code=response.status_code)


def handlers(app: FastAPI) -> dict[str, Handler]:
    deliveries = Deliveries(app)
    return {PAYOUT_INSTRUCT: deliveries.instruct, REBATE_PAID: deliveries.notify}


class OutboxAdmin:
    """The outbox as operators see it: what is pending, delivered or dead, and replay."""

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
        case_id = None
        if message.topic == PAYOUT_INSTRUCT:
            payout = await self.session.get(Payout, uuid.UUID(str(message.payload["payout_id"])))
            case_id = payout.case_id if payout else None
        elif message.topic == REBATE_PAID:
            case_id = uuid.UUID(str(message.payload["case_id"]))
        detail = {"message_id": message.id, "topic": message.topic, "key": message.message_key}
        await AuditLog(self.session).append(Step("outbox.replayed", actor, detail, case_id))
        return message
