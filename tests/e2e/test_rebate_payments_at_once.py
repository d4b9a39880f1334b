"""One payment reported by two tax partners at the same moment is counted once, against the
real service behind the gateway: the second delivery to decide holds its record in the queue
as a probable duplicate, even when both arrive while the other is still being stored."""

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from localrun.stack import Stack
from membership.enterprises.uscc import check_character
from rebate.audit.repository import _CHAIN_LOCK
from servicekit.testing.plugin import with_database

pytestmark = pytest.mark.xdist_group("e2e")

REGION = "350121"  # 福州市闽侯县: no other end-to-end test uses it


def signed(partner: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    body = json.dumps(
        {
            "type": "fee.recorded",
            "timestamp": datetime.now(UTC).isoformat(),
            "data": {"records": [record]},
        }
    )
    msg_id, now = f"msg_{uuid.uuid4().hex}", datetime.now(UTC)
    return {
        "url": f"/rebate/v1/webhooks/tax/{partner['id']}",
        "content": body,
        "headers": {
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(partner["secret"]).sign(msg_id, now, body),
            "content-type": "application/json",
        },
    }


def test_one_payment_pushed_by_two_partners_at_once_is_counted_once(
    stack: Stack, gateway: httpx.Client, admin_token: str
) -> None:
    admin = {"Authorization": f"Bearer {admin_token}"}
    partners = [
        gateway.post(
            "/rebate/v1/partners",
            json={"name": name, "kind": "tax", "region_prefixes": [REGION]},
            headers=admin,
        ).json()
        for name in ("闽侯县税务局", "福州市税务局闽侯分局")
    ]
    body = f"91{REGION}MA{uuid.uuid4().int % 10_000_000:07d}"
    payment = {
        "uscc": body + check_character(body),
        "enterprise_name": "闽侯某某物流有限公司",
        "region_code": REGION,
        "period": "2033-04",
        "payroll_total": "40000.00",
        "fee_amount": "800.00",
        "paid_at": "2033-05-10T09:00:00+08:00",
        "payer_account": {
            "bank": "中国银行闽侯支行",
            "account_no": "6013820000777777",
            "account_name": "闽侯某某物流有限公司",
        },
        "tax_office": "国家税务总局闽侯县税务局",
    }
    deliveries = [
        signed(partner, {**payment, "record_id": f"{n}-{uuid.uuid4().hex[:8]}"})
        for n, partner in enumerate(partners)
    ]

    async def both_at_once() -> list[dict[str, Any]]:
        # The audit chain's lock, held here, stops each delivery just before its commit: on
        # a service that looked for earlier reports of a payment without serialising that
        # look-up, both would have looked (and found nothing) by the time they wait here.
        holder = await asyncpg.connect(with_database(stack.admin_dsn, stack.database))
        try:
            await holder.execute("SELECT pg_advisory_lock($1)", _CHAIN_LOCK)
            async with httpx.AsyncClient(base_url=stack.urls["gateway"], timeout=60) as client:
                sent = [asyncio.create_task(client.post(**d)) for d in deliveries]
                deadline = time.monotonic() + 30
                while (
                    await holder.fetchval(
                        "SELECT count(*) FROM pg_stat_activity"
                        " WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'"
                    )
                    < 2
                ):
                    assert time.monotonic() < deadline, "the deliveries never both waited"
                    await asyncio.sleep(0.05)
                await holder.execute("SELECT pg_advisory_unlock($1)", _CHAIN_LOCK)
                answers = await asyncio.gather(*sent)
        finally:
            await holder.close()
        for answer in answers:
            assert answer.status_code == 200, answer.text
        return [answer.json() for answer in answers]

    answers = asyncio.run(both_at_once())
    assert [a["accepted"] for a in answers] == [1, 1]
    held = [record_id for a in answers for record_id in a["probable_duplicates"]]
    assert len(held) == 1, answers
    queue = gateway.get(
        "/rebate/v1/exceptions",
        params={"reason": "probable_duplicate", "limit": 200},
        headers=admin,
    )
    assert queue.status_code == 200, queue.text
    entries = [e for e in queue.json() if e["uscc"] == payment["uscc"]]
    assert len(entries) == 1, entries
