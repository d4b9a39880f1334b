"""Rebate end to end: a tax partner's signed push through the gateway, an automatic run that
asks the real membership service (with rebate's own service token) who each enterprise is."""

import json
import time
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from membership.enterprises.uscc import check_character

pytestmark = pytest.mark.xdist_group("e2e")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def credit_code(serial: int) -> str:
    body = f"91350102MA{serial:07d}"
    return body + check_character(body)


def test_fee_records_become_cases_matched_through_membership(
    gateway: httpx.Client, admin_token: str
) -> None:
    admin = bearer(admin_token)
    org = gateway.post(
        "/membership/v1/orgs",
        json={
            "name": "福州市鼓楼区总工会",
            "kind": "federation",
            "level": "county",
            "region_code": "350102",
        },
        headers=admin,
    ).json()
    registered = credit_code(4242)
    enterprise = gateway.post(
        "/membership/v1/enterprises",
        json={
            "uscc": registered,
            "name": "福州某某网络科技有限公司",
            "region_code": "350102",
            "size_class": "micro",
            "affiliated_org_id": org["id"],
        },
        headers=admin,
    )
    assert enterprise.status_code == 201, enterprise.text

    partner = gateway.post(
        "/rebate/v1/partners",
        json={"name": "福建省税务局", "kind": "tax", "region_prefixes": ["35"]},
        headers=admin,
    ).json()
    policy = gateway.post(
        "/rebate/v1/policies",
        json={
            "policy_key": f"fj-e2e-{uuid.uuid4().hex[:8]}",
            "name": "福建省小微企业工会经费全额返还",
            "region_prefixes": ["35"],
            "period_from": "2026-01",
            "period_to": "2026-12",
        },
        headers=admin,
    )
    assert policy.status_code == 201, policy.text

    records = [
        {
            "record_id": f"E2E-{n}",
            "uscc": code,
            "enterprise_name": "福州某某网络科技有限公司",
            "region_code": "350102",
            "period": "2026-05",
            "payroll_total": "100000.00",
            "fee_amount": "2000.00",
            "paid_at": "2026-06-10T09:00:00+08:00",
            "payer_account": {
                "bank": "中国银行福州分行",
                "account_no": "6013820000123456",
                "account_name": "福州某某",
            },
            "tax_office": "国家税务总局福州市鼓楼区税务局",
        }
        for n, code in ((1, registered), (2, credit_code(4343)))
    ]
    body = json.dumps(
        {
            "type": "fee.recorded",
            "timestamp": datetime.now(UTC).isoformat(),
            "data": {"records": records},
        }
    )
    msg_id = f"msg_{uuid.uuid4().hex}"
    now = datetime.now(UTC)  # one clock reading for the signature and the header
    pushed = gateway.post(
        f"/rebate/v1/webhooks/tax/{partner['id']}",
        content=body,
        headers={
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(partner["secret"]).sign(msg_id, now, body),
            "content-type": "application/json",
        },
    )
    assert pushed.status_code == 200, pushed.text
    assert pushed.json()["accepted"] == 2

    run = gateway.post(
        "/rebate/v1/runs",
        json={
            "period": "2026-05",
            "region_prefix": "350102",
            "policy_key": policy.json()["policy_key"],
        },
        headers=admin,
    ).json()
    deadline = time.monotonic() + 30
    while run["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        run = gateway.get(f"/rebate/v1/runs/{run['id']}", headers=admin).json()
    assert run["status"] == "done", run
    assert (run["cases_created"], run["queued"]) == (1, 1)
    assert run["enterprises_done"] == run["enterprises_total"] == 2
    chain = gateway.get("/rebate/v1/audit/verify", headers=admin).json()
    assert chain["intact"] is True

    cases = gateway.get("/rebate/v1/cases", params={"period": "2026-05"}, headers=admin).json()[
        "items"
    ]
    [case] = [c for c in cases if c["uscc"] == registered]
    assert case["org_id"] == org["id"]
    assert case["refund"] == "2000.00"
