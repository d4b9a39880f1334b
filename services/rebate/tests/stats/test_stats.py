"""GET /v1/stats: refunds of a sub-tree over a period range, year on year, scoped to the caller."""

from typing import Any

import httpx
import pytest

from rebate.cases.models import CaseStatus
from rebate.payouts.models import PayoutStatus

PENDING = CaseStatus.PENDING_REVIEW
ALL_YEAR = {"from": "2026-01", "to": "2026-08"}


async def stats(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> Any:
    response = await client.get("/v1/stats", params={**ALL_YEAR, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
async def two_counties(cases: Any, org_paths: Any) -> None:
    """County: enterprises 1 and 2 paid in 2026 (1 twice), 1 paid in 2025; one pending
    review, one approved with a set-off, one rejected. Other county: 6 paid in 2026, 7 in 2025.
    Outside the ranges: September 2026 and 2024."""
    other = org_paths.other_county
    await cases.add(1, "2026-03", refund="1000.00")
    await cases.add(2, "2026-03", refund="500.00", set_off="100.00")
    await cases.add(1, "2026-05", refund="200.00")
    await cases.add(3, "2026-05", PENDING, refund="300.00")
    await cases.add(4, "2026-06", CaseStatus.APPROVED, refund="250.00", set_off="50.00")
    await cases.add(5, "2026-07", CaseStatus.REJECTED, refund="100.00")
    await cases.add(1, "2025-04", refund="800.00")
    await cases.add(6, "2026-02", refund="1000.00", path=other)
    await cases.add(7, "2025-02", refund="200.00", path=other)
    await cases.add(8, "2026-09", refund="9999.00")
    await cases.add(9, "2024-03", refund="9999.00")


@pytest.mark.usefixtures("two_counties")
async def test_admin_gets_refunds_pending_rejected_and_growth_of_the_province(
    client: httpx.AsyncClient, auth: Any, orgs: Any
) -> None:
    body = await stats(client, auth("admin"), org_id=str(orgs.province))
    assert body == {
        "org_id": str(orgs.province),
        "from": "2026-01",
        "to": "2026-08",
        # Paid money: the set-off of enterprise 2 was kept back, not paid.
        "refunded": {"enterprises": 3, "amount": "2600.00"},
        "pending": {"cases": 2, "amount": "500.00"},
        "rejected": {"cases": 1},
        "previous_year": {
            "from": "2025-01",
            "to": "2025-08",
            "refunded": {"enterprises": 2, "amount": "1000.00"},
        },
        "growth": {"enterprises": "50.00", "amount": "160.00"},
    }
    # Without org_id an admin counts everything.
    assert await stats(client, auth("admin")) == body | {"org_id": None}


@pytest.mark.usefixtures("two_counties")
async def test_cadre_sees_only_its_sub_trees_numbers(
    client: httpx.AsyncClient, reviewer: Any, orgs: Any, org_paths: Any
) -> None:
    cadre = reviewer(org_paths.county)
    expected = {
        "refunded": {"enterprises": 2, "amount": "1600.00"},
        "pending": {"cases": 2, "amount": "500.00"},
        "rejected": {"cases": 1},
        "growth": {"enterprises": "100.00", "amount": "100.00"},
    }
    for params in ({}, {"org_id": str(orgs.county)}):
        body = await stats(client, cadre, **params)
        assert {k: body[k] for k in expected} == expected
        assert body["previous_year"]["refunded"] == {"enterprises": 1, "amount": "800.00"}
    other = await stats(client, reviewer(org_paths.other_county))
    assert other["refunded"] == {"enterprises": 1, "amount": "1000.00"}
    assert other["pending"] == {"cases": 0, "amount": "0.00"}


@pytest.mark.usefixtures("two_counties")
async def test_cadre_of_other_county_gets_404(
    client: httpx.AsyncClient, reviewer: Any, orgs: Any, org_paths: Any
) -> None:
    cadre = reviewer(org_paths.other_county)
    for org_id in (orgs.county, orgs.province):
        response = await client.get(
            "/v1/stats", params={**ALL_YEAR, "org_id": str(org_id)}, headers=cadre
        )
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


async def test_unknown_org_is_404_and_an_unreachable_register_503(
    client: httpx.AsyncClient, auth: Any, orgs: Any
) -> None:
    params = {**ALL_YEAR, "org_id": "7b0b6f5e-0000-4000-8000-000000000000"}
    unknown = await client.get("/v1/stats", params=params, headers=auth("admin"))
    assert unknown.status_code == 404
    orgs.down = True
    params["org_id"] = str(orgs.province)
    down = await client.get("/v1/stats", params=params, headers=auth("admin"))
    assert down.status_code == 503


async def test_only_paid_payouts_count_as_refunded(
    client: httpx.AsyncClient, auth: Any, cases: Any
) -> None:
    failed_then_paid = [(PayoutStatus.FAILED, "700.00"), (PayoutStatus.PAID, "700.00")]
    await cases.add(1, "2026-04", refund="700.00", payouts=failed_then_paid)
    # Paid entirely by set-off: refunded to the enterprise, but no money moved.
    await cases.add(2, "2026-04", refund="300.00", set_off="300.00", payouts=[])
    await cases.add(3, "2026-04", CaseStatus.INSTRUCTED, payouts=[(PayoutStatus.FAILED, "9.00")])
    body = await stats(client, auth("admin"))
    assert body["refunded"] == {"enterprises": 2, "amount": "700.00"}
    assert body["pending"] == {"cases": 1, "amount": "1000.00"}


async def test_growth_is_null_without_a_previous_year(
    client: httpx.AsyncClient, auth: Any, cases: Any
) -> None:
    await cases.add(1, "2026-01")
    body = await stats(client, auth("admin"))
    assert body["previous_year"]["refunded"] == {"enterprises": 0, "amount": "0.00"}
    assert body["growth"] == {"enterprises": None, "amount": None}
    empty = await stats(client, auth("admin"), **{"from": "2020-01", "to": "2020-12"})
    assert empty["refunded"] == {"enterprises": 0, "amount": "0.00"}
    assert empty["growth"] == {"enterprises": None, "amount": None}


async def test_growth_can_be_negative_and_rounds_half_up(
    client: httpx.AsyncClient, auth: Any, cases: Any
) -> None:
    await cases.add(1, "2025-01", refund="300.00")
    await cases.add(2, "2025-02", refund="300.00")
    await cases.add(3, "2025-03", refund="300.00")
    await cases.add(1, "2026-01", refund="100.00")
    body = await stats(client, auth("admin"))
    # 1 of 3 enterprises: -66.666…%; 100 of 900 yuan: -88.888…%.
    assert body["growth"] == {"enterprises": "-66.67", "amount": "-88.89"}


async def test_a_range_longer_than_a_year_overlaps_its_previous_year(
    client: httpx.AsyncClient, auth: Any, cases: Any
) -> None:
    await cases.add(1, "2025-06", refund="100.00")
    await cases.add(1, "2026-06", refund="200.00")
    body = await stats(client, auth("admin"), **{"from": "2025-01", "to": "2026-12"})
    assert body["refunded"] == {"enterprises": 1, "amount": "300.00"}
    assert body["previous_year"] == {
        "from": "2024-01",
        "to": "2025-12",
        "refunded": {"enterprises": 1, "amount": "100.00"},
    }


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-13", "to": "2026-12"},
        {"from": "2026-1", "to": "2026-12"},
        {"from": "2026-01", "to": "26-12"},
        {"from": "2026-01"},
        {"to": "2026-01"},
        {"from": "2026-01", "to": "2026-02", "org_id": "not-a-uuid"},
    ],
)
async def test_malformed_periods_are_422(
    client: httpx.AsyncClient, auth: Any, params: dict[str, str]
) -> None:
    response = await client.get("/v1/stats", params=params, headers=auth("admin"))
    assert response.status_code == 422
    assert response.json()["errors"]


async def test_from_after_to_is_422(client: httpx.AsyncClient, auth: Any) -> None:
    response = await client.get(
        "/v1/stats", params={"from": "2026-08", "to": "2026-01"}, headers=auth("admin")
    )
    assert response.status_code == 422
    assert response.json()["type"].endswith("invalid-period-range")


async def test_members_and_cadres_without_the_permission_are_refused(
    client: httpx.AsyncClient, auth: Any, org_paths: Any
) -> None:
    assert (await client.get("/v1/stats", params=ALL_YEAR)).status_code == 401
    for headers in (
        auth("member"),
        auth("enterprise", enterprise_scope="91330100MA0000001X"),
        auth("cadre", org_scope_paths=[org_paths.county], permissions=["review_joins"]),
    ):
        response = await client.get("/v1/stats", params=ALL_YEAR, headers=headers)
        assert response.status_code == 403
