"""Refunds paid are counted once, when the bank's confirmation commits: a repeated or
contradicting answer from the bank adds nothing; the run gauges are read when scraped."""

from decimal import Decimal
from typing import Any

import httpx
from prometheus_client import REGISTRY


def _value(name: str, labels: dict[str, str] | None = None) -> float:
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0


async def test_a_paid_refund_is_counted_once_in_yuan_whatever_the_bank_repeats(
    client: httpx.AsyncClient, auth: Any, make_case: Any, bank_callback: Any
) -> None:
    yuan, payouts = _value("rebate_refunds_paid_yuan_total"), _value("rebate_payouts_paid_total")
    case = await make_case(fee="2469.12")
    response = await client.get(f"/v1/cases/{case.id}/payouts", headers=auth("admin"))
    [payout] = response.json()
    key = payout["idempotency_key"]
    assert _value("rebate_refunds_paid_yuan_total") == yuan  # instructed is not paid

    paid = await bank_callback("payout.paid", key, webhook_id="msg_1", bank_reference="B-1")
    assert paid.status_code == 200
    assert Decimal(str(_value("rebate_refunds_paid_yuan_total") - yuan)).quantize(
        Decimal("0.01")
    ) == Decimal(payout["amount"])
    assert _value("rebate_payouts_paid_total") == payouts + 1

    # The bank's replay (same webhook-id), its resend (a new id) and its contradiction.
    await bank_callback("payout.paid", key, webhook_id="msg_1", bank_reference="B-1")
    await bank_callback("payout.paid", key, bank_reference="B-1")
    await bank_callback("payout.failed", key, reason="账户已冻结")
    assert _value("rebate_payouts_paid_total") == payouts + 1

    errors = _value("metrics_scrape_errors_total", {"service": "rebate", "reading": "read_runs"})
    scrape = await client.get("/metrics")
    assert scrape.status_code == 200
    assert "rebate_refunds_paid_yuan_total" in scrape.text
    # The run and outbox gauges were read from the database, not left at their last value.
    assert (
        _value("metrics_scrape_errors_total", {"service": "rebate", "reading": "read_runs"})
        == errors
    )
    assert _value("rebate_runs", {"state": "running"}) == 0
    assert _value("outbox_messages", {"service": "rebate", "state": "pending"}) >= 1
