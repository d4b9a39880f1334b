"""The union's bank account: encrypted at rest, masked in every answer, never shown in full."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from membership.enterprises.service import account_field
from membership.settings import MembershipSettings
from servicekit.pii import PiiCipher

AuthHeaders = Callable[..., dict[str, str]]
Register = Callable[..., Awaitable[dict[str, Any]]]

ACCOUNT_NO = "6222 0212 0300 1234 567"
DIGITS = ACCOUNT_NO.replace(" ", "")
MASKED = "*" * (len(DIGITS) - 4) + "4567"
ACCOUNT = {"bank_name": "中国工商银行杭州上城支行", "account_name": "某某公司工会委员会"}


def assert_masked_only(response: httpx.Response) -> None:
    assert response.status_code < 300, response.text
    assert DIGITS not in response.text
    assert DIGITS[:-4] not in response.text
    assert "_enc" not in response.text


async def stored_ciphertext(session: AsyncSession, enterprise_id: str) -> bytes | None:
    value: bytes | None = await session.scalar(
        text("SELECT union_account_no_enc FROM membership.enterprise WHERE id = :id"),
        {"id": uuid.UUID(enterprise_id)},
    )
    return value


@pytest.fixture
async def with_account(register: Register, tree: Any, make_uscc: Any) -> dict[str, Any]:
    return await register(
        make_uscc(100),
        union_org_id=tree.shangcheng_union,
        union_bank_account={**ACCOUNT, "account_no": ACCOUNT_NO},
    )


async def test_account_is_masked_in_every_answer(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, with_account: dict[str, Any]
) -> None:
    assert with_account["union_bank_account"] == {**ACCOUNT, "account_no_masked": MASKED}
    admin = auth("admin")
    enterprise_id, uscc = with_account["id"], with_account["uscc"]
    responses = [
        await client.get(f"/v1/enterprises/{enterprise_id}", headers=admin),
        await client.get("/v1/enterprises", params={"uscc": uscc}, headers=admin),
        await client.get("/v1/enterprises", params={"org_id": tree.city}, headers=admin),
        await client.post("/v1/enterprises/lookup", json={"usccs": [uscc]}, headers=admin),
        await client.patch(
            f"/v1/enterprises/{enterprise_id}",
            json={"name": "改名后的公司"},
            headers={**admin, "If-Match": 'W/"1"'},
        ),
        await client.post(
            f"/v1/enterprises/{enterprise_id}/affiliation",
            json={"org_id": tree.gongshu},
            headers={**admin, "If-Match": 'W/"2"'},
        ),
    ]
    for response in responses:
        assert_masked_only(response)
    assert responses[1].json()["union_bank_account"]["account_no_masked"] == MASKED
    assert responses[2].json()["items"][0]["union_bank_account"]["account_no_masked"] == MASKED
    found = responses[3].json()["found"][0]
    assert found["has_union_account"] is True
    assert found["union_account_no_masked"] == MASKED


async def test_stored_number_is_ciphertext_that_decrypts_back(
    session: AsyncSession, settings: MembershipSettings, with_account: dict[str, Any]
) -> None:
    stored = await stored_ciphertext(session, with_account["id"])
    assert stored is not None
    assert DIGITS.encode() not in stored
    assert DIGITS[-8:].encode() not in stored
    cipher = PiiCipher.from_settings(
        settings.pii_key.get_secret_value(), settings.pii_index_key.get_secret_value()
    )
    assert cipher.decrypt(account_field(uuid.UUID(with_account["id"])), stored) == DIGITS


async def test_ciphertext_is_bound_to_its_enterprise(
    session: AsyncSession, settings: MembershipSettings, with_account: dict[str, Any]
) -> None:
    stored = await stored_ciphertext(session, with_account["id"])
    assert stored is not None
    cipher = PiiCipher.from_settings(
        settings.pii_key.get_secret_value(), settings.pii_index_key.get_secret_value()
    )
    with pytest.raises(InvalidTag):
        cipher.decrypt(account_field(uuid.uuid4()), stored)


async def test_account_is_replaced_and_removed(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    session: AsyncSession,
    with_account: dict[str, Any],
) -> None:
    headers = {**auth("admin"), "If-Match": 'W/"1"'}
    url = f"/v1/enterprises/{with_account['id']}"
    replaced = await client.patch(
        url,
        json={"union_bank_account": {**ACCOUNT, "account_no": "9558801202123456"}},
        headers=headers,
    )
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["union_bank_account"]["account_no_masked"] == "************3456"
    removed = await client.patch(
        url, json={"union_bank_account": None}, headers={**headers, "If-Match": 'W/"2"'}
    )
    assert removed.status_code == 200
    assert removed.json()["union_bank_account"] is None
    assert removed.json()["union_org_id"] is not None
    assert await stored_ciphertext(session, with_account["id"]) is None


async def test_removing_the_union_removes_its_account(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    session: AsyncSession,
    with_account: dict[str, Any],
) -> None:
    response = await client.patch(
        f"/v1/enterprises/{with_account['id']}",
        json={"union_org_id": None},
        headers={**auth("admin"), "If-Match": 'W/"1"'},
    )
    assert response.status_code == 200
    assert response.json()["union_org_id"] is None
    assert response.json()["union_bank_account"] is None
    assert await stored_ciphertext(session, with_account["id"]) is None


@pytest.mark.parametrize(
    "account_no", ["1234567", "6222-0212-0300", "62220212030012345678901234567890"]
)
async def test_account_number_is_8_to_30_digits(
    client: httpx.AsyncClient, auth: AuthHeaders, with_account: dict[str, Any], account_no: str
) -> None:
    response = await client.patch(
        f"/v1/enterprises/{with_account['id']}",
        json={"union_bank_account": {**ACCOUNT, "account_no": account_no}},
        headers={**auth("admin"), "If-Match": 'W/"1"'},
    )
    assert response.status_code == 422
    assert ["body", "union_bank_account", "account_no"] in [
        e["loc"] for e in response.json()["errors"]
    ]
    assert account_no not in response.text


async def test_only_a_service_token_reads_the_account_in_clear(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, with_account: dict[str, Any]
) -> None:
    path = f"/v1/enterprises/{with_account['id']}/union-account"
    revealed = await client.get(path, headers=auth("service", subject="client:rebate"))
    assert revealed.status_code == 200
    assert revealed.json() == {**ACCOUNT, "account_no": DIGITS}
    for headers in (auth("admin"), auth("cadre", org_scope=(tree.shangcheng,)), auth("enterprise")):
        assert (await client.get(path, headers=headers)).status_code == 404


async def test_lookup_gives_the_affiliated_org_path(
    client: httpx.AsyncClient, auth: AuthHeaders, with_account: dict[str, Any]
) -> None:
    found = await client.post(
        "/v1/enterprises/lookup", json={"usccs": [with_account["uscc"]]}, headers=auth("service")
    )
    item = found.json()["found"][0]
    org = await client.get(f"/v1/orgs/{item['affiliated_org_id']}", headers=auth("admin"))
    assert item["affiliated_org_path"].endswith(org.json()["id"].replace("-", ""))
    assert item["affiliated_org_path"].count(".") == org.json()["depth"] - 1
