"""Text messages to a person's phone, through a sender chosen by settings: in development
the log and a JSON-lines outbox file (how a walkthrough or a test reads a code), in
production an SMS gateway over HTTP."""

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import httpx

from membership.settings import MembershipSettings
from servicekit.http import create_http_client
from servicekit.pii import mask_phone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sms:
    phone: str
    text: str


class SmsSender(Protocol):
    async def send(self, sms: Sms) -> None: ...

    async def aclose(self) -> None: ...


class DevelopmentSmsSender:
    """Development only (the settings refuse it in production): the text, code included,
    goes to the log and to the outbox file."""

    def __init__(self, outbox_file: Path) -> None:
        self.outbox_file = outbox_file

    def _append(self, line: str) -> None:
        self.outbox_file.parent.mkdir(parents=True, exist_ok=True)
        with self.outbox_file.open("a", encoding="utf-8") as outbox:
            outbox.write(line + "\n")

    async def send(self, sms: Sms) -> None:
        logger.info("sms (development sender) to %s: %s", mask_phone(sms.phone), sms.text)
        record = {"at": datetime.now(UTC).isoformat(), "to": sms.phone, "text": sms.text}
        await asyncio.to_thread(self._append, json.dumps(record, ensure_ascii=False))

    async def aclose(self) -> None:
        return None


class HttpSmsSender:
    def __init__(self, client: httpx.AsyncClient, url: str, token: str | None) -> None:
        self.client = client
        self.url = url
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    async def send(self, sms: Sms) -> None:
        response = await self.client.post(
            self.url, json={"to": sms.phone, "text": sms.text}, headers=self.headers
        )
        response.raise_for_status()

    async def aclose(self) -> None:
        await self.client.aclose()


def create_sms_sender(
    settings: MembershipSettings, transport: httpx.AsyncBaseTransport | None = None
) -> SmsSender:
    if settings.sms_sender == "http":
        assert settings.sms_gateway_url is not None  # the settings require it
        token = settings.sms_gateway_token
        return HttpSmsSender(
            create_http_client(transport=transport),
            settings.sms_gateway_url,
            token.get_secret_value() if token else None,
        )
    return DevelopmentSmsSender(settings.sms_outbox_file)


class SmsOutbox:
    """The texts of one request, sent after its transaction committed and its answer went
    out: a refused or failed request sends nothing. A text that cannot be sent is logged;
    the person asks for a new code."""

    def __init__(self, sender: SmsSender) -> None:
        self.sender = sender
        self.queued: list[Sms] = []

    def queue(self, phone: str, text: str) -> None:
        self.queued.append(Sms(phone, text))

    async def flush(self) -> None:
        for sms in self.queued:
            try:
                await self.sender.send(sms)
            except Exception:
                logger.exception("sms to %s could not be sent", mask_phone(sms.phone))
        self.queued.clear()
