"""Application-mode fixtures: a policy under which enterprises apply, an enterprise account's
token, a bank partner and its signed answers."""

import json
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

APPLY_POLICY = {
    "policy_key": "fj-2026-apply",
    "name": "福建省小微企业工会经费申请返还",
    "region_prefixes": ["35"],
    "period_from": "2026-01",
    "period_to": "2026-06",
    "size_classes": ["micro", "small"],
    "refund_ratio": "1.0000",
    "destinations": ["union_account", "payer_account"],
    "review_steps": 1,
    "mode": "application",
}


MakePolicy = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def make_apply_policy(client: httpx.AsyncClient, auth: Any) -> MakePolicy:
    """Saves the application policy, with `overrides`."""

    async def make(**overrides: Any) -> dict[str, Any]:
        body = {**APPLY_POLICY, **overrides}
        response = await client.post("/v1/policies", json=body, headers=auth("admin"))
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    return make


@pytest.fixture
async def apply_policy(make_apply_policy: MakePolicy) -> dict[str, Any]:
    return await make_apply_policy()


@pytest.fixture
def enterprise(auth: Any, make_uscc: Any) -> Callable[[int], dict[str, str]]:
    """The token of enterprise `serial`'s own account."""

    def headers(serial: int) -> dict[str, str]:
        token: dict[str, str] = auth(
            "enterprise", enterprise_scope=make_uscc(serial), subject=f"enterprise-{serial}"
        )
        return token

    return headers


Apply = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def apply(client: httpx.AsyncClient) -> Apply:
    async def send(headers: dict[str, str], **body: Any) -> httpx.Response:
        payload = {
            "period": "2026-03",
            "contact_name": "林晓",
            "contact_phone": "13800001234",
            **body,
        }
        return await client.post("/v1/applications", json=payload, headers=headers)

    return send


@pytest.fixture
async def bank(client: httpx.AsyncClient, auth: Any) -> dict[str, str]:
    response = await client.post(
        "/v1/partners",
        json={"name": "福建海峡银行", "kind": "bank", "webhook_url": "https://bank.example/pay"},
        headers=auth("admin"),
    )
    assert response.status_code == 201, response.text
    return {"id": response.json()["id"], "secret": response.json()["secret"]}


Callback = Callable[[str, str], Awaitable[httpx.Response]]


@pytest.fixture
def bank_answer(client: httpx.AsyncClient, bank: dict[str, str]) -> Callback:
    """The bank's answer, signed with its secret (the reference Standard Webhooks library)."""

    async def send(event: str, key: str) -> httpx.Response:
        body = json.dumps(
            {
                "type": event,
                "timestamp": datetime.now(UTC).isoformat(),
                "data": {"idempotency_key": key, "bank_reference": "HX-0001"},
            }
        )
        msg_id, now = f"msg_{uuid.uuid4().hex}", datetime.now(UTC)
        return await client.post(
            f"/v1/webhooks/bank/{bank['id']}",
            content=body,
            headers={
                "webhook-id": msg_id,
                "webhook-timestamp": str(int(now.timestamp())),
                "webhook-signature": Webhook(bank["secret"]).sign(msg_id, now, body),
                "content-type": "application/json",
            },
        )

    return send
