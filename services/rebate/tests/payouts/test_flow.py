"""From approval to paid: the instruction to the bank, its signed delivery, the bank's signed
answer, the next destination after a failure, and the notice to the tax partner."""

import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks.webhooks import Webhook

from rebate.audit.models import AuditEvent
from rebate.ledger.models import Account, LedgerEntry
from rebate.ledger.service import Ledger
from rebate.models import OutboxMessage
from rebate.payouts.models import BankAnswer, Payout
from servicekit.outbox import DELIVERED

BANK_URL = "https://bank.example/payouts"
TAX_URL = "https://tax.example/hooks"


async def payouts_of(client: httpx.AsyncClient, auth: Any, case_id: Any) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/cases/{case_id}/payouts", headers=auth("admin"))
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()
    return body


async def kinds(session: AsyncSession, case_id: Any) -> list[str]:
    rows = await session.scalars(
        select(AuditEvent.kind).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
    )
    return list(rows)


async def test_approved_case_is_instructed_to_the_union_account_by_a_signed_delivery(
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    deliver: Any,
    partners_fake: Any,
    verified: Any,
    reload_case: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()
    assert (await reload_case(case.id)).status == "instructed"
    [payout] = await payouts_of(client, auth, case.id)
    assert payout["destination"] == "union_account"
    assert payout["amount"] == "2469.12"
    assert payout["status"] == "instructed"
    assert payout["account_no_masked"] == "*" * 15 + case.union_account_no[-4:]
    assert case.union_account_no not in str(payout)

    stored = await session.get(Payout, payout["id"])
    assert stored is not None
    assert case.union_account_no.encode() not in stored.account_no_enc
    [message] = list(await session.scalars(select(OutboxMessage)))
    assert message.payload == {"payout_id": payout["id"]}
    assert message.message_key == payout["idempotency_key"] == f"payout:{payout['id']}"

    assert await deliver() == 1
    [request] = partners_fake.deliveries
    assert str(request.url) == BANK_URL
    assert request.headers["webhook-id"] == payout["idempotency_key"]
    body = verified(request, bank.secret)
    assert body["type"] == "payout.instructed"
    assert body["data"] == {
        "idempotency_key": payout["idempotency_key"],
        "payout_id": payout["id"],
        "amount": "2469.12",
        "currency": "CNY",
        "account": {
            "bank": "中国工商银行杭州余杭支行",
            "account_name": "企业1工会委员会",
            "account_no": case.union_account_no,
        },
        "remittance": f"工会经费返还 {case.uscc} 2026-03",
    }
    await session.refresh(message)
    assert message.status == DELIVERED
    assert await kinds(session, case.id) == ["payout.instructed", "payout.delivery"]


async def test_paid_callback_pays_the_case_balances_the_ledger_and_notifies_the_tax_partner(
    client: httpx.AsyncClient,
    auth: Any,
    make_case: Any,
    bank_callback: Any,
    deliver: Any,
    partners_fake: Any,
    tax_partner: Any,
    verified: Any,
    reload_case: Any,
    trial_balance: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()
    [payout] = await payouts_of(client, auth, case.id)
    await deliver()

    paid = await bank_callback("payout.paid", payout["idempotency_key"], bank_reference="B-001")
    assert paid.status_code == 200, paid.text
    assert paid.json() == {
        "idempotency_key": payout["idempotency_key"],
        "outcome": "applied",
        "payout_status": "paid",
        "case_status": "paid",
        "duplicate": False,
    }
    assert (await reload_case(case.id)).status == "paid"
    [settled] = await payouts_of(client, auth, case.id)
    assert (settled["status"], settled["bank_reference"]) == ("paid", "B-001")
    assert settled["settled_at"] is not None

    balances = await Ledger(session).balances(case.uscc, case.period)
    assert balances[Account.FEES_HELD] == Decimal("0.00")
    assert balances[Account.REFUNDS] == Decimal("2469.12")
    assert balances[Account.REFUNDS_PAYABLE] == Decimal("0.00")
    assert await trial_balance() == Decimal("0.00")

    partners_fake.deliveries.clear()
    assert await deliver() == 1
    [notice] = partners_fake.deliveries
    assert str(notice.url) == TAX_URL
    body = verified(notice, tax_partner.secret)
    assert body["type"] == "rebate.paid"
    data = body["data"]
    assert (data["uscc"], data["period"], data["record_ids"]) == (
        case.uscc,
        "2026-03",
        [case.record_id],
    )
    assert (data["amount"], data["bank_reference"]) == ("2469.12", "B-001")
    assert data["paid_at"]
    assert await kinds(session, case.id) == [
        "payout.instructed",
        "payout.delivery",
        "payout.paid",
        "notice.queued",
        "notice.delivery",
    ]


async def test_repeated_callbacks_change_nothing_and_failed_after_paid_is_kept_and_queued(
    client: httpx.AsyncClient,
    auth: Any,
    make_case: Any,
    bank_callback: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()
    [payout] = await payouts_of(client, auth, case.id)
    key = payout["idempotency_key"]
    first = await bank_callback("payout.paid", key, webhook_id="msg_paid", bank_reference="B-1")
    assert first.status_code == 200

    async def entries() -> int:
        return int(await session.scalar(select(func.count()).select_from(LedgerEntry)) or 0)

    async def messages() -> int:
        return int(await session.scalar(select(func.count()).select_from(OutboxMessage)) or 0)

    before = (await entries(), await messages())
    same_id = await bank_callback("payout.paid", key, webhook_id="msg_paid", bank_reference="B-1")
    assert same_id.status_code == 200
    assert same_id.json()["duplicate"] is True
    new_id = await bank_callback("payout.paid", key, bank_reference="B-1")
    assert new_id.status_code == 200
    assert new_id.json()["payout_status"] == "paid"
    assert (await entries(), await messages()) == before

    # The bank contradicts itself: the answer is kept, acknowledged and queued for a person;
    # no money moves on it.
    failed = await bank_callback("payout.failed", key, reason="账户已冻结")
    assert failed.status_code == 200, failed.text
    assert failed.json()["outcome"] == "contradiction"
    assert (await entries(), await messages()) == before
    [still] = await payouts_of(client, auth, case.id)
    assert still["status"] == "paid"
    queue = await client.get("/v1/exceptions?reason=bank_contradiction", headers=auth("admin"))
    assert [e["payout_id"] for e in queue.json()] == [payout["id"]]
    kept = await session.scalar(select(func.count()).select_from(BankAnswer))
    assert kept == 3


async def test_failed_payout_goes_to_the_payer_account_then_back_to_review(
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    approve_case: Any,
    bank_callback: Any,
    deliver: Any,
    partners_fake: Any,
    verified: Any,
    reload_case: Any,
    trial_balance: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()
    [first] = await payouts_of(client, auth, case.id)
    await deliver()
    failed = await bank_callback("payout.failed", first["idempotency_key"], reason="账户已冻结")
    assert failed.status_code == 200, failed.text
    assert failed.json()["case_status"] == "instructed"

    _, second = await payouts_of(client, auth, case.id)
    assert (second["attempt"], second["destination"], second["status"]) == (
        2,
        "payer_account",
        "instructed",
    )
    assert second["account_no_masked"].endswith(case.payer_account_no[-4:])
    assert second["idempotency_key"] != first["idempotency_key"]
    await deliver()
    sent = [verified(r, bank.secret)["data"] for r in partners_fake.deliveries]
    assert [d["account"]["account_no"] for d in sent] == [
        case.union_account_no,
        case.payer_account_no,
    ]

    again = await bank_callback("payout.failed", second["idempotency_key"], reason="户名不符")
    assert again.json()["case_status"] == "pending_review"
    back = await reload_case(case.id)
    assert back.status == "pending_review"
    assert back.status_reason is not None
    assert "户名不符" in back.status_reason
    balances = await Ledger(session).balances(case.uscc, case.period)
    assert balances[Account.REFUNDS_PAYABLE] == Decimal("0.00")
    assert balances[Account.REFUNDS] == Decimal("0.00")
    assert balances[Account.FEES_HELD] == Decimal("2469.12")
    assert await trial_balance() == Decimal("0.00")
    assert (await kinds(session, case.id))[-5:] == [
        "payout.next_destination",
        "payout.instructed",
        "payout.delivery",
        "payout.failed",
        "case.back_to_review",
    ]

    # Approved again after the union fixed its account: a new round from the first destination.
    await approve_case(case.id)
    assert (await reload_case(case.id)).status == "instructed"
    third = (await payouts_of(client, auth, case.id))[-1]
    assert (third["attempt"], third["destination"]) == (3, "union_account")
    payable = await Ledger(session).balances(case.uscc, case.period)
    assert payable[Account.REFUNDS_PAYABLE] == Decimal("-2469.12")


async def test_without_a_union_account_the_fee_goes_back_to_the_payer_account(
    client: httpx.AsyncClient, auth: Any, bank: Any, make_case: Any, membership: Any
) -> None:
    case = await make_case(union_account=False)
    [payout] = await payouts_of(client, auth, case.id)
    assert payout["destination"] == "payer_account"
    assert not any(call.endswith("/union-account") for call in membership.calls)


async def test_county_pool_takes_what_the_payer_account_could_not(
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    bank_callback: Any,
    deliver: Any,
    partners_fake: Any,
    verified: Any,
) -> None:
    created = await client.post(
        "/v1/policies",
        json={
            "policy_key": "fj-2025-pool",
            "name": "福建省小微企业工会经费全额返还（县级归集）",
            # Another year: two policies in force never cover the same region and period.
            "region_prefixes": ["35"],
            "period_from": "2025-01",
            "period_to": "2025-12",
            "destinations": ["payer_account", "county_pool"],
            "county_pool": {
                "bank": "中国工商银行福州鼓楼支行",
                "account_name": "鼓楼区总工会经费专户",
                "account_no": "1402023309000012345",
            },
        },
        headers=auth("admin"),
    )
    assert created.status_code == 201, created.text
    case = await make_case(policy_id=created.json()["id"])
    [first] = await payouts_of(client, auth, case.id)
    assert first["destination"] == "payer_account"
    await bank_callback("payout.failed", first["idempotency_key"], reason="账户已销户")
    _, pool = await payouts_of(client, auth, case.id)
    assert (pool["destination"], pool["account_name"]) == ("county_pool", "鼓楼区总工会经费专户")
    await deliver()
    last = verified(partners_fake.deliveries[-1], bank.secret)["data"]
    assert last["account"]["account_no"] == "1402023309000012345"


async def test_callbacks_unsigned_are_refused_unknown_or_another_banks_are_kept_as_orphans(
    client: httpx.AsyncClient,
    auth: Any,
    make_case: Any,
    bank_callback: Any,
    bank: Any,
) -> None:
    case = await make_case()
    [payout] = await payouts_of(client, auth, case.id)
    unknown = await bank_callback("payout.paid", "payout:nothing")
    assert unknown.status_code == 200, unknown.text
    assert (unknown.json()["outcome"], unknown.json()["payout_status"]) == ("orphan", None)

    unsigned = await client.post(
        f"/v1/webhooks/bank/{bank.id}",
        content=b'{"type": "payout.paid"}',
        headers={"webhook-id": "x", "webhook-timestamp": "1", "webhook-signature": "v1,AA"},
    )
    assert unsigned.status_code == 401

    malformed = await bank_callback("payout.sent", payout["idempotency_key"])
    assert malformed.status_code == 422

    other = await client.post(
        "/v1/partners",
        json={"name": "另一家银行", "kind": "bank", "webhook_url": "https://other.example/"},
        headers=auth("admin"),
    )
    body = json.dumps(
        {
            "type": "payout.paid",
            "timestamp": datetime.now(UTC).isoformat(),
            "data": {"idempotency_key": payout["idempotency_key"]},
        }
    )
    msg_id = f"msg_{uuid.uuid4().hex}"
    now = datetime.now(UTC)
    foreign = await client.post(
        f"/v1/webhooks/bank/{other.json()['id']}",
        content=body,
        headers={
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(other.json()["secret"]).sign(msg_id, now, body),
        },
    )
    # Another bank learns nothing of this bank's payout: an orphan, like an unknown key.
    assert foreign.status_code == 200, foreign.text
    assert (foreign.json()["outcome"], foreign.json()["case_status"]) == ("orphan", None)
    [still] = await payouts_of(client, auth, case.id)
    assert still["status"] == "instructed"
    orphans = await client.get("/v1/exceptions?reason=orphan_callback", headers=auth("admin"))
    assert len(orphans.json()) == 2


async def test_the_last_approval_of_a_review_instructs_the_payout(
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    reviewer: Any,
    org_paths: Any,
) -> None:
    case = await make_case(approve=False)
    reviewed = await client.post(
        f"/v1/cases/{case.id}/review",
        json={"decision": "approve", "refund": "2469.12"},
        headers=reviewer(org_paths.county),
    )
    assert reviewed.status_code == 200, reviewed.text
    assert reviewed.json()["status"] == "instructed"
    [payout] = await payouts_of(client, auth, case.id)
    assert payout["destination"] == "union_account"
