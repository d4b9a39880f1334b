"""A deactivated bank still settles the payouts it already has: their instructions go out to
it (first try, retry, replay of a dead letter) and its answers settle them. New payouts never
go to it, and when the bank a policy's rule names cannot take instructions, no other bank is
put in its place: the case waits with the reason, and an admin asking again is told it."""

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks.webhooks import Webhook

from rebate.audit.models import AuditEvent
from rebate.models import OutboxMessage
from rebate.payouts.models import Payout
from rebate.reconciliation.service import reconcile
from servicekit.outbox import DEAD, DELIVERED, PENDING

POLICY_FIELDS = ("name", "region_prefixes", "period_from", "period_to", "size_classes")


async def deactivate(client: httpx.AsyncClient, auth: Any, partner_id: str) -> None:
    answer = await client.patch(
        f"/v1/partners/{partner_id}", json={"is_active": False}, headers=auth("admin")
    )
    assert answer.status_code == 200, answer.text


async def the_instruction(session: AsyncSession) -> OutboxMessage:
    message = await session.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.topic == "payout.instruct")
        .execution_options(populate_existing=True)
    )
    assert message is not None
    return message


async def the_payout(session: AsyncSession, case_id: Any) -> Payout:
    payout = await session.scalar(
        select(Payout).where(Payout.case_id == case_id).execution_options(populate_existing=True)
    )
    assert payout is not None
    return payout


def sent_to(partners_fake: Any, host: str) -> list[str]:
    """The webhook-ids of what reached `host`."""
    return [r.headers["webhook-id"] for r in partners_fake.deliveries if r.url.host == host]


async def settled_and_reconciled(
    app: FastAPI, session: AsyncSession, bank_callback: Any, reload_case: Any, case_id: Any
) -> None:
    payout = await the_payout(session, case_id)
    answered = await bank_callback("payout.paid", payout.idempotency_key, bank_reference="B-1")
    assert (answered.status_code, answered.json()["outcome"]) == (200, "applied")
    assert (await reload_case(case_id)).status == "paid"
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations


async def test_an_instruction_not_yet_sent_goes_to_the_deactivated_bank_that_has_it(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    deliver: Any,
    partners_fake: Any,
    bank_callback: Any,
    reload_case: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()  # approved: the instruction is queued for the bank
    await deactivate(client, auth, bank.id)
    await deliver()
    message = await the_instruction(session)
    assert message.status == DELIVERED, message.last_error
    assert sent_to(partners_fake, "bank.example") == [message.message_key]
    await settled_and_reconciled(app, session, bank_callback, reload_case, case.id)


async def test_a_retry_after_a_failed_delivery_reaches_the_deactivated_bank(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    deliver: Any,
    partners_fake: Any,
    bank_callback: Any,
    reload_case: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()
    partners_fake.status_code = 503
    await deliver()
    assert (await the_instruction(session)).status == PENDING
    await deactivate(client, auth, bank.id)
    partners_fake.status_code = 200
    await deliver()  # the retry on the schedule
    message = await the_instruction(session)
    assert (message.status, message.attempts) == (DELIVERED, 2), message.last_error
    assert sent_to(partners_fake, "bank.example") == [message.message_key] * 2
    await settled_and_reconciled(app, session, bank_callback, reload_case, case.id)


async def test_a_replayed_dead_letter_reaches_the_deactivated_bank(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    deliver: Any,
    partners_fake: Any,
    bank_callback: Any,
    reload_case: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()
    partners_fake.status_code = 503
    for _ in range(len(app.state.settings.delivery_backoff_seconds) + 1):
        await deliver()
    message = await the_instruction(session)
    assert message.status == DEAD
    await deactivate(client, auth, bank.id)
    partners_fake.status_code = 200
    partners_fake.deliveries.clear()
    replayed = await client.post(f"/v1/outbox/{message.id}/replay", headers=auth("admin"))
    assert replayed.status_code == 200, replayed.text
    await deliver()
    assert (await the_instruction(session)).status == DELIVERED
    assert sent_to(partners_fake, "bank.example") == [message.message_key]
    await settled_and_reconciled(app, session, bank_callback, reload_case, case.id)


async def test_a_new_payout_never_goes_to_a_deactivated_bank(
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    bank_callback: Any,
    reload_case: Any,
    session: AsyncSession,
) -> None:
    first = await make_case(1)
    await deactivate(client, auth, bank.id)
    # Its failure of the payout it has moves the case on, but not through it...
    payout = await the_payout(session, first.id)
    await bank_callback("payout.failed", payout.idempotency_key, reason="账户已冻结")
    after = await reload_case(first.id)
    assert after.status == "pending_review"
    assert after.status_reason is not None
    assert "bank partner" in after.status_reason
    # ...and a case approved meanwhile waits for an active bank.
    second = await make_case(2)
    waiting = await reload_case(second.id)
    assert waiting.status == "approved"
    assert await session.scalar(select(Payout).where(Payout.case_id == second.id)) is None


async def ruled_by_a_bank_of_its_own(
    client: httpx.AsyncClient, auth: Any, policy: Any
) -> tuple[dict[str, Any], str]:
    """A bank registered after the `bank` fixture's, named by the policy's new version for
    Fuzhou (3501, where the test enterprises are): (the bank as created, the version's id)."""
    named = await client.post(
        "/v1/partners",
        json={"name": "福州农商银行", "kind": "bank", "webhook_url": "https://fz-bank.example/"},
        headers=auth("admin"),
    )
    rules = [{"region_prefix": "3501", "bank_partner_id": named.json()["id"]}]
    revised = await client.put(
        f"/v1/policies/{policy['policy_key']}",
        json={**{k: policy[k] for k in POLICY_FIELDS}, "bank_rules": rules},
        headers=auth("admin"),
    )
    assert revised.status_code == 200, revised.text
    return named.json(), revised.json()["id"]


async def test_a_bank_rule_naming_an_inactive_bank_is_refused_not_replaced(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    policy: Any,
    bank: Any,
    make_case: Any,
    reload_case: Any,
    session: AsyncSession,
) -> None:
    named, version_id = await ruled_by_a_bank_of_its_own(client, auth, policy)
    named_id = named["id"]
    await deactivate(client, auth, named_id)

    # Another bank is active and registered first: the money must still not go there.
    case = await make_case(policy_id=version_id)
    waiting = await reload_case(case.id)
    assert waiting.status == "approved"
    assert waiting.status_reason is not None
    assert named_id in waiting.status_reason
    assert "region prefix 3501" in waiting.status_reason
    assert await session.scalar(select(Payout).where(Payout.case_id == case.id)) is None
    reasons = await session.scalars(
        select(AuditEvent.detail["reason"].astext).where(
            AuditEvent.case_id == case.id, AuditEvent.kind == "payout.waiting"
        )
    )
    assert [named_id in r for r in reasons] == [True]

    again = await client.post(f"/v1/cases/{case.id}/payouts", headers=auth("admin"))
    assert again.status_code == 409
    problem = again.json()
    assert problem["type"] == "urn:gonghui:problem:named-bank-inactive"
    assert named_id in problem["detail"]
    assert policy["policy_key"] in problem["detail"]
    assert await session.scalar(select(Payout).where(Payout.case_id == case.id)) is None

    # Back in service, the named bank takes it.
    await client.patch(f"/v1/partners/{named_id}", json={"is_active": True}, headers=auth("admin"))
    instructed = await client.post(f"/v1/cases/{case.id}/payouts", headers=auth("admin"))
    assert [p["status"] for p in instructed.json()] == ["instructed"]
    assert str((await the_payout(session, case.id)).bank_partner_id) == named_id
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations


async def test_a_failure_at_a_deactivated_rule_bank_is_not_retried_through_another_bank(
    client: httpx.AsyncClient,
    auth: Any,
    policy: Any,
    bank: Any,
    make_case: Any,
    reload_case: Any,
    session: AsyncSession,
) -> None:
    named, version_id = await ruled_by_a_bank_of_its_own(client, auth, policy)
    case = await make_case(policy_id=version_id)
    payout = await the_payout(session, case.id)
    assert str(payout.bank_partner_id) == named["id"]
    await deactivate(client, auth, named["id"])

    # It fails the payout it has; the next destination is not sent through the other bank.
    body = json.dumps(
        {
            "type": "payout.failed",
            "timestamp": datetime.now(UTC).isoformat(),
            "data": {"idempotency_key": payout.idempotency_key, "reason": "账户已冻结"},
        }
    )
    msg_id, now = f"msg_{uuid.uuid4().hex}", datetime.now(UTC)
    answered = await client.post(
        f"/v1/webhooks/bank/{named['id']}",
        content=body,
        headers={
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(named["secret"]).sign(msg_id, now, body),
        },
    )
    assert (answered.status_code, answered.json()["outcome"]) == (200, "applied")
    back = await reload_case(case.id)
    assert back.status == "pending_review"
    assert back.status_reason is not None
    assert named["id"] in back.status_reason
    payouts = await session.scalars(select(Payout.bank_partner_id).where(Payout.case_id == case.id))
    assert [str(p) for p in payouts] == [named["id"]]
