"""Defect 15: a partner's webhook URL decides where payout instructions, full account numbers
included, are sent. An admin account in the wrong hands (or a typo) must not point it at the
cloud metadata service, loopback or the internal network."""

from typing import Any

import httpx
import pytest

from rebate.settings import RebateSettings
from servicekit.settings import DEV_SECRET_PREFIX


@pytest.fixture
def settings(database_url: str) -> RebateSettings:
    """As in production: no network allowed besides the public internet."""
    return RebateSettings(database_url=database_url, environment="test", run_writers=1)


ATTACKS = [
    "https://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "https://127.0.0.1:8002/v1/partners",
    "https://[::1]/hook",
    "https://10.0.0.8/hook",
    "https://0.0.0.0/hook",
    "https://2130706433/hook",
    "https://0x7f000001/hook",
    "https://0xa9fea9fe/latest/meta-data/",
    "https://[::ffff:169.254.169.254]/latest/meta-data/",
]


@pytest.mark.parametrize("url", ATTACKS)
async def test_a_private_or_metadata_address_is_refused_on_create(
    client: httpx.AsyncClient, auth: Any, url: str
) -> None:
    response = await client.post(
        "/v1/partners",
        json={"name": "某银行", "kind": "bank", "webhook_url": url},
        headers=auth("admin"),
    )
    assert response.status_code == 422, response.text
    assert response.json()["type"].endswith("webhook-url-not-allowed")


@pytest.mark.parametrize("url", ATTACKS)
async def test_a_private_or_metadata_address_is_refused_on_update(
    client: httpx.AsyncClient, auth: Any, tax_partner: Any, url: str
) -> None:
    response = await client.patch(
        f"/v1/partners/{tax_partner.id}", json={"webhook_url": url}, headers=auth("admin")
    )
    assert response.status_code == 422, response.text
    partner = await client.get(f"/v1/partners/{tax_partner.id}", headers=auth("admin"))
    assert partner.json()["webhook_url"] == "https://tax.example/hooks"


async def test_a_name_that_resolves_to_a_private_address_is_refused(
    client: httpx.AsyncClient, auth: Any, dns: Any
) -> None:
    dns.records["bank.attacker.example"] = ["10.20.30.40"]
    response = await client.post(
        "/v1/partners",
        json={"name": "某银行", "kind": "bank", "webhook_url": "https://bank.attacker.example/"},
        headers=auth("admin"),
    )
    assert response.status_code == 422
    assert "10.20.30.40" in response.json()["detail"]


async def test_plain_http_is_refused_outside_development(
    client: httpx.AsyncClient, auth: Any
) -> None:
    response = await client.post(
        "/v1/partners",
        json={"name": "某银行", "kind": "bank", "webhook_url": "http://bank.example/payouts"},
        headers=auth("admin"),
    )
    assert response.status_code == 422
    assert "https" in response.json()["detail"]


def test_only_development_allows_plain_http_and_production_lists_no_network() -> None:
    production = RebateSettings(
        environment="production",
        pii_key="A" * 43,
        pii_index_key="B" * 43,
        membership_client_secret="a-real-secret",
        audit_signing_key="C" * 43,
    )
    assert production.allows_plain_http is False
    assert production.outbound_allowed_networks == []
    assert RebateSettings(environment="test").allows_plain_http is False
    assert RebateSettings(environment="development").allows_plain_http is True


def test_production_refuses_the_development_audit_signing_key() -> None:
    with pytest.raises(ValueError, match="REBATE_AUDIT_SIGNING_KEY"):
        RebateSettings(
            environment="production",
            pii_key="A" * 43,
            pii_index_key="B" * 43,
            membership_client_secret="a-real-secret",
            audit_signing_key=DEV_SECRET_PREFIX + "rebate-audit-signing-key",
        )
