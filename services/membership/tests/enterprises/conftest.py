"""Helpers for the enterprise tests: credit codes, cadres, registering an enterprise."""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from membership.enterprises.uscc import check_character

AuthHeaders = Callable[..., dict[str, str]]
MakeUscc = Callable[..., str]
Register = Callable[..., Awaitable[dict[str, Any]]]


def valid_uscc(serial: int, division: str = "330102") -> str:
    """A well-formed code with a correct check character; `serial` keeps codes apart."""
    body = f"91{division}{serial:09d}"
    return body + check_character(body)


@pytest.fixture
def make_uscc() -> MakeUscc:
    return valid_uscc


@pytest.fixture
def cadre(auth: AuthHeaders) -> Callable[..., dict[str, str]]:
    def headers(org_id: str, *permissions: str) -> dict[str, str]:
        return auth(
            "cadre", org_scope=(org_id,), permissions=permissions or ("manage_enterprises",)
        )

    return headers


@pytest.fixture
def register(client: httpx.AsyncClient, auth: AuthHeaders, tree: Any) -> Register:
    """Registers an enterprise as admin (affiliated to 上城区 by default); returns its JSON."""

    async def create(uscc: str, **fields: Any) -> dict[str, Any]:
        body = {
            "uscc": uscc,
            "name": fields.pop("name", f"杭州{uscc[-6:]}科技有限公司"),
            "region_code": "330102",
            "size_class": "micro",
            "affiliated_org_id": tree.shangcheng,
            **fields,
        }
        response = await client.post("/v1/enterprises", json=body, headers=auth("admin"))
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    return create
