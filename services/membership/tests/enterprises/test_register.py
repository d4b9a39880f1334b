"""Registering an enterprise: credit code checks, duplicates, who may, which organisations."""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from membership.enterprises.uscc import check_character

AuthHeaders = Callable[..., dict[str, str]]
Register = Callable[..., Awaitable[dict[str, Any]]]


def body(tree: Any, uscc: str, **fields: Any) -> dict[str, Any]:
    return {
        "uscc": uscc,
        "name": "杭州小微科技有限公司",
        "region_code": "330102",
        "size_class": "small",
        "affiliated_org_id": tree.shangcheng,
        **fields,
    }


async def test_cadre_registers_an_enterprise_with_a_valid_code(
    client: httpx.AsyncClient, tree: Any, cadre: Any, make_uscc: Any
) -> None:
    uscc = make_uscc(1)
    response = await client.post(
        "/v1/enterprises",
        json=body(tree, uscc.lower(), union_org_id=tree.shangcheng_union),
        headers=cadre(tree.shangcheng),
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["uscc"] == uscc
    assert created["needs_review"] is False
    assert created["size_class"] == "small"
    assert created["affiliated_org_id"] == tree.shangcheng
    assert created["union_org_id"] == tree.shangcheng_union
    assert created["union_bank_account"] is None
    assert response.headers["location"] == f"/v1/enterprises/{created['id']}"
    assert response.headers["etag"] == 'W/"1"'


async def test_wrong_check_character_is_kept_and_flagged(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, make_uscc: Any
) -> None:
    valid = make_uscc(2)
    wrong = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    response = await client.post("/v1/enterprises", json=body(tree, wrong), headers=auth("admin"))
    assert response.status_code == 201, response.text
    assert response.json()["needs_review"] is True
    assert response.json()["uscc"] == wrong


@pytest.mark.parametrize(
    ("uscc", "kind"),
    [
        ("91330102MA2H0X1A0", "uscc_length"),
        ("91330102MA2H0X1I03", "uscc_alphabet"),
        ("9133010ZMA2H0X1A03", "uscc_alphabet"),
        ("913301A2MA2H0X1A03", "uscc_division"),
    ],
)
async def test_malformed_code_answers_422_with_the_field(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, uscc: str, kind: str
) -> None:
    response = await client.post("/v1/enterprises", json=body(tree, uscc), headers=auth("admin"))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "urn:gonghui:problem:invalid-uscc"
    assert problem["errors"] == [{"loc": ["body", "uscc"], "msg": problem["detail"], "type": kind}]


async def test_problem_title_follows_accept_language(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any
) -> None:
    response = await client.post(
        "/v1/enterprises",
        json=body(tree, "123"),
        headers={**auth("admin"), "Accept-Language": "zh-CN"},
    )
    assert response.json()["title"] == "统一社会信用代码格式不正确"


async def test_duplicate_code_is_409_even_written_differently(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, register: Register, make_uscc: Any
) -> None:
    uscc = make_uscc(3)
    await register(uscc)
    again = await client.post(
        "/v1/enterprises",
        json=body(tree, f"  {uscc.lower()} ", affiliated_org_id=tree.gongshu),
        headers=auth("admin"),
    )
    assert again.status_code == 409
    assert again.json()["type"] == "urn:gonghui:problem:duplicate-uscc"


async def test_cadre_without_permission_gets_403(
    client: httpx.AsyncClient, tree: Any, cadre: Any, make_uscc: Any
) -> None:
    response = await client.post(
        "/v1/enterprises",
        json=body(tree, make_uscc(4)),
        headers=cadre(tree.shangcheng, "manage_orgs"),
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["service", "enterprise", "member"])
async def test_only_cadres_and_admins_register(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, make_uscc: Any, role: str
) -> None:
    uscc = make_uscc(5)
    response = await client.post(
        "/v1/enterprises", json=body(tree, uscc), headers=auth(role, enterprise_scope=uscc)
    )
    # A service sees every org but may not manage; the others see no org at all.
    assert response.status_code == (403 if role == "service" else 404)


async def test_cadre_of_other_county_cannot_register_there(
    client: httpx.AsyncClient, tree: Any, cadre: Any, make_uscc: Any
) -> None:
    response = await client.post(
        "/v1/enterprises",
        json=body(tree, make_uscc(6), affiliated_org_id=tree.gongshu),
        headers=cadre(tree.shangcheng),
    )
    assert response.status_code == 404
    union_elsewhere = await client.post(
        "/v1/enterprises",
        json=body(tree, make_uscc(6), union_org_id=tree.gongshu_union),
        headers=cadre(tree.shangcheng),
    )
    assert union_elsewhere.status_code == 404


async def test_affiliation_goes_to_a_federation_and_the_union_is_grassroots(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, make_uscc: Any
) -> None:
    admin = auth("admin")
    to_grassroots = await client.post(
        "/v1/enterprises",
        json=body(tree, make_uscc(7), affiliated_org_id=tree.shangcheng_union),
        headers=admin,
    )
    assert to_grassroots.status_code == 422
    assert to_grassroots.json()["type"] == "urn:gonghui:problem:not-a-federation"
    federation_as_union = await client.post(
        "/v1/enterprises", json=body(tree, make_uscc(7), union_org_id=tree.city), headers=admin
    )
    assert federation_as_union.status_code == 422
    assert federation_as_union.json()["type"] == "urn:gonghui:problem:not-a-grassroots-union"


async def test_bank_account_needs_a_union(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, make_uscc: Any
) -> None:
    account = {"bank_name": "工商银行", "account_name": "工会", "account_no": "62220212030012345"}
    response = await client.post(
        "/v1/enterprises",
        json=body(tree, make_uscc(8), union_bank_account=account),
        headers=auth("admin"),
    )
    assert response.status_code == 422
    assert response.json()["type"] == "urn:gonghui:problem:account-without-union"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("size_class", "huge"),
        ("region_code", "33010"),
        ("name", ""),
        ("affiliated_org_id", "not-a-uuid"),
    ],
)
async def test_other_fields_are_validated(
    client: httpx.AsyncClient, auth: AuthHeaders, tree: Any, field: str, value: str
) -> None:
    uscc = "91330102MA2H0X1A0" + check_character("91330102MA2H0X1A0")
    response = await client.post(
        "/v1/enterprises", json=body(tree, uscc, **{field: value}), headers=auth("admin")
    )
    assert response.status_code == 422
    assert ["body", field] in [e["loc"] for e in response.json()["errors"]]
