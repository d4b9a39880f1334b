"""Standard Webhooks signatures, checked against the reference `standardwebhooks` package."""

import base64
import time
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks.webhooks import Webhook

from servicekit import webhooks

SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()


@given(payload=st.text(max_size=2048), msg_id=st.text(alphabet="abcdef0123456789_", min_size=1))
def test_signature_is_byte_compatible_with_reference(payload: str, msg_id: str) -> None:
    timestamp = 1_780_000_000
    sent_at = datetime.fromtimestamp(timestamp, UTC)
    reference = Webhook(SECRET).sign(msg_id, sent_at, payload)
    assert webhooks.sign(SECRET, msg_id, timestamp, payload.encode()) == reference


def test_reference_signed_delivery_verifies() -> None:
    body = b'{"type":"fee.recorded","data":{"records":[]}}'
    now = datetime.now(UTC)
    signature = Webhook(SECRET).sign("msg_1", now, body.decode())
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    assert webhooks.verify([SECRET], headers, body) == "msg_1"


def test_our_delivery_verifies_with_reference() -> None:
    body = b'{"hello":"world"}'
    headers = webhooks.signed_headers(SECRET, "msg_2", body)
    Webhook(SECRET).verify(body, headers)  # raises on mismatch


def test_any_secret_in_force_verifies_during_rotation() -> None:
    new_secret = webhooks.generate_secret()
    body = b"{}"
    headers = webhooks.signed_headers(SECRET, "msg_3", body)
    assert webhooks.verify([new_secret, SECRET], headers, body) == "msg_3"
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.verify([new_secret], headers, body)


def test_tampered_body_is_refused() -> None:
    headers = webhooks.signed_headers(SECRET, "msg_4", b'{"amount":"10.00"}')
    with pytest.raises(webhooks.WebhookVerificationError, match="no signature"):
        webhooks.verify([SECRET], headers, b'{"amount":"99.00"}')


@pytest.mark.parametrize("skew", [-301, 301])
def test_timestamps_outside_five_minutes_are_refused(skew: int) -> None:
    ts = int(time.time()) + skew
    headers = webhooks.signed_headers(SECRET, "msg_5", b"{}", timestamp=ts)
    with pytest.raises(webhooks.WebhookVerificationError, match="replay window"):
        webhooks.verify([SECRET], headers, b"{}")


def test_missing_headers_are_refused() -> None:
    with pytest.raises(webhooks.WebhookVerificationError, match="missing"):
        webhooks.verify([SECRET], {"webhook-id": "x"}, b"{}")
