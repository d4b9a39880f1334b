"""Plain http in production: the payout instruction would cross the network in clear, and an
on-path attacker could read account numbers or answer in the bank's place."""

import base64
import os
from typing import Any

import httpx
import pytest

from rebate.settings import RebateSettings


def _key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


@pytest.fixture
def settings(database_url: str) -> RebateSettings:
    return RebateSettings(
        database_url=database_url,
        environment="production",
        run_writers=1,
        pii_key=_key(),
        pii_index_key=_key(),
        audit_signing_key=_key(),
        membership_client_secret="a-real-secret",
    )


async def test_plain_http_is_refused_in_production(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.post(
        "/v1/partners",
        json={"name": "某银行", "kind": "bank", "webhook_url": "http://bank.example/payouts"},
        headers=auth("admin"),
    )
    assert response.status_code == 422, response.text
    assert response.json()["type"].endswith("webhook-url-not-allowed")


async def test_https_to_a_public_name_is_accepted_in_production(
    client: httpx.AsyncClient, auth: Any
) -> None:
    response = await client.post(
        "/v1/partners",
        json={"name": "某银行", "kind": "bank", "webhook_url": "https://bank.example/payouts"},
        headers=auth("admin"),
    )
    assert response.status_code == 201, response.text
