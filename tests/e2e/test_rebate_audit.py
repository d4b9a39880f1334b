"""Rebate's audit anchoring in a real process: the periodic writer started by the app signs
the chain's head, the checkpoint is published with the public key through the gateway, and
the chain verifies against it."""

import base64
import time

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

pytestmark = pytest.mark.xdist_group("e2e")


def test_a_partner_registration_is_anchored_by_a_signed_checkpoint(
    gateway: httpx.Client, admin_token: str
) -> None:
    admin = {"Authorization": f"Bearer {admin_token}"}
    created = gateway.post(
        "/rebate/v1/partners", json={"name": "某审计测试银行", "kind": "bank"}, headers=admin
    )
    assert created.status_code == 201, created.text

    deadline = time.monotonic() + 20
    while True:
        verified = gateway.get("/rebate/v1/audit/verify", headers=admin).json()
        if verified["anchored_events"] == verified["events_checked"] > 0:
            break
        assert time.monotonic() < deadline, verified
        time.sleep(0.5)
    assert verified["intact"] is True

    page = gateway.get("/rebate/v1/audit/checkpoints", headers=admin).json()
    newest = page["items"][0]
    assert newest["event_count"] == verified["anchored_events"]
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(page["public_key"]))
    key.verify(base64.b64decode(newest["signature"]), newest["statement"].encode())
