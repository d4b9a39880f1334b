"""Batch lookup by credit code: up to 1,000 codes, answered in one query, misses explained."""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

AuthHeaders = Callable[..., dict[str, str]]
Register = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
async def registered(register: Register, tree: Any, make_uscc: Any) -> list[dict[str, Any]]:
    made = [await register(make_uscc(400 + n)) for n in range(4)]
    made.append(
        await register(
            make_uscc(404, division="330105"),
            affiliated_org_id=tree.gongshu,
            union_org_id=tree.gongshu_union,
            union_bank_account={
                "bank_name": "杭州银行",
                "account_name": "拱墅区外卖骑手工会",
                "account_no": "3301040160001234",
            },
        )
    )
    return made


async def test_a_thousand_codes_with_found_missing_and_malformed(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    engine: AsyncEngine,
    registered: list[dict[str, Any]],
    make_uscc: Any,
) -> None:
    malformed = ["91330102MA2H0X1A0", "91330102MA2H0X1I03", "913301A2MA2H0X1A03"]
    absent = [make_uscc(10_000 + n) for n in range(1000 - len(registered) - len(malformed))]
    # Found codes spread through the batch, one of them written in lower case.
    codes = [*absent[:100], registered[0]["uscc"].lower(), *absent[100:]]
    codes[500:500] = [e["uscc"] for e in registered[1:]]
    codes += malformed
    assert len(codes) == 1000

    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "enterprise" in statement:
            statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        response = await client.post(
            "/v1/enterprises/lookup", json={"usccs": codes}, headers=auth("service")
        )
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)

    assert response.status_code == 200, response.text
    answer = response.json()
    assert [e["id"] for e in answer["found"]] == [e["id"] for e in registered]
    assert {(m["uscc"], m["reason"]) for m in answer["missing"]} == {
        *((code, "not_found") for code in absent),
        *((code, "malformed") for code in malformed),
    }
    assert len(answer["missing"]) == len(absent) + len(malformed)
    assert len(statements) == 1
    assert "ANY" in statements[0]

    with_account = answer["found"][-1]
    assert with_account["has_union_account"] is True
    assert with_account["union_account_no_masked"] == "************1234"
    assert with_account["union_org_id"] is not None
    assert answer["found"][0]["has_union_account"] is False
    assert answer["found"][0]["union_account_no_masked"] is None
    assert "3301040160001234" not in response.text


async def test_more_than_a_thousand_codes_is_422(
    client: httpx.AsyncClient, auth: AuthHeaders, make_uscc: Any
) -> None:
    codes = [make_uscc(n) for n in range(1001)]
    response = await client.post(
        "/v1/enterprises/lookup", json={"usccs": codes}, headers=auth("service")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "usccs"]
    empty = await client.post("/v1/enterprises/lookup", json={"usccs": []}, headers=auth("service"))
    assert empty.status_code == 422


async def test_cadre_finds_only_its_own_subtree(
    client: httpx.AsyncClient, tree: Any, cadre: Any, registered: list[dict[str, Any]]
) -> None:
    codes = [e["uscc"] for e in registered]
    response = await client.post(
        "/v1/enterprises/lookup", json={"usccs": codes}, headers=cadre(tree.gongshu, "review_joins")
    )
    assert response.status_code == 200
    answer = response.json()
    assert [e["uscc"] for e in answer["found"]] == [registered[-1]["uscc"]]
    # Enterprises of the next county are not revealed, only not found.
    assert [m["reason"] for m in answer["missing"]] == ["not_found"] * 4


async def test_repeated_codes_are_answered_once(
    client: httpx.AsyncClient, auth: AuthHeaders, registered: list[dict[str, Any]]
) -> None:
    code = registered[0]["uscc"]
    response = await client.post(
        "/v1/enterprises/lookup",
        json={"usccs": [code, code.lower(), f" {code} ", "bad", "bad"]},
        headers=auth("admin"),
    )
    answer = response.json()
    assert len(answer["found"]) == 1
    assert answer["missing"] == [{"uscc": "bad", "reason": "malformed"}]
