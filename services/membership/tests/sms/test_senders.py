"""The SMS sender is chosen by settings: a real gateway over HTTP, never the development
sender in production."""

import json

import httpx
import pytest
from pydantic import ValidationError

from membership.settings import MembershipSettings
from membership.sms.senders import HttpSmsSender, Sms, SmsOutbox, create_sms_sender


async def test_http_sender_posts_to_the_gateway_with_its_token() -> None:
    seen: list[httpx.Request] = []

    def gateway(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(202)

    settings = MembershipSettings(
        environment="test",
        sms_sender="http",
        sms_gateway_url="https://sms.example.cn/v1/messages",
        sms_gateway_token="sms-token",
    )
    sender = create_sms_sender(settings, transport=httpx.MockTransport(gateway))
    assert isinstance(sender, HttpSmsSender)
    await sender.send(Sms("13812345678", "验证码为 123456"))
    await sender.aclose()
    [request] = seen
    assert str(request.url) == "https://sms.example.cn/v1/messages"
    assert request.headers["authorization"] == "Bearer sms-token"
    assert json.loads(request.content) == {"to": "13812345678", "text": "验证码为 123456"}


async def test_a_failed_send_is_logged_and_the_rest_still_go(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sent: list[str] = []

    def gateway(request: httpx.Request) -> httpx.Response:
        to = json.loads(request.content)["to"]
        sent.append(to)
        return httpx.Response(503 if to == "13800000001" else 202)

    sender = HttpSmsSender(
        httpx.AsyncClient(transport=httpx.MockTransport(gateway)), "https://sms.test/", None
    )
    outbox = SmsOutbox(sender)
    outbox.queue("13800000001", "a")
    outbox.queue("13800000002", "b")
    await outbox.flush()
    assert sent == ["13800000001", "13800000002"]
    assert "138****0001" in caplog.text
    assert "13800000001" not in caplog.text


def test_production_refuses_the_development_sender() -> None:
    with pytest.raises(ValidationError, match="SMS_SENDER=http"):
        MembershipSettings(
            environment="production",
            jwt_private_key="not-checked-here",
            pii_key="a" * 43,
            pii_index_key="b" * 43,
        )
