"""The explicit allow-list: development and the tests list loopback, where local fake
partners listen; nothing else private gets through it."""

from typing import Any

import httpx


async def test_loopback_is_allowed_where_the_allow_list_names_it(
    client: httpx.AsyncClient, auth: Any
) -> None:
    response = await client.post(
        "/v1/partners",
        json={"name": "本地银行", "kind": "bank", "webhook_url": "https://127.0.0.1:9443/in"},
        headers=auth("admin"),
    )
    assert response.status_code == 201, response.text


async def test_the_allow_list_admits_nothing_else_private(
    client: httpx.AsyncClient, auth: Any
) -> None:
    response = await client.post(
        "/v1/partners",
        json={"name": "某银行", "kind": "bank", "webhook_url": "https://192.168.0.1/in"},
        headers=auth("admin"),
    )
    assert response.status_code == 422
