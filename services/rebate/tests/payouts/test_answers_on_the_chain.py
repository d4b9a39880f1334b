"""Every verified bank answer is a step of the audit chain, whatever it means for the money:
the one that settles, the same answer again under a new webhook-id, the contradicting one and
the one for a payout we do not know. A retransmission (same webhook-id) is no new answer."""

from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.models import AuditEvent
from rebate.payouts.models import BankAnswer, Payout


async def steps(session: AsyncSession, *kinds: str) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.kind.in_(kinds)).order_by(AuditEvent.id)
    return list(await session.scalars(query))


async def assert_chain_covers_everything(
    client: httpx.AsyncClient, auth: Any, session: AsyncSession
) -> None:
    verified = (await client.get("/v1/audit/verify", headers=auth("admin"))).json()
    assert verified["intact"] is True, verified
    assert verified["events_checked"] == await session.scalar(
        select(func.count()).select_from(AuditEvent)
    )


async def test_every_bank_answer_is_a_step_on_the_chain(
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    make_case: Any,
    bank_callback: Any,
    session: AsyncSession,
) -> None:
    case = await make_case()
    payout = await session.scalar(select(Payout).where(Payout.case_id == case.id))
    assert payout is not None
    key = payout.idempotency_key

    paid = await bank_callback("payout.paid", key, webhook_id="msg_paid", bank_reference="B-1")
    assert paid.json()["outcome"] == "applied"
    # The bank says it again under a new webhook-id: nothing changes, but it is evidence.
    again = await bank_callback("payout.paid", key, webhook_id="msg_paid_again")
    assert (again.json()["outcome"], again.json()["duplicate"]) == ("repeated", False)
    # A retransmission of that very message is not another answer.
    resent = await bank_callback("payout.paid", key, webhook_id="msg_paid_again")
    assert resent.json()["duplicate"] is True
    contradicting = await bank_callback("payout.failed", key, reason="账户已冻结")
    assert contradicting.json()["outcome"] == "contradiction"
    orphan = await bank_callback("payout.paid", "payout:no-such-payout")
    assert orphan.json()["outcome"] == "orphan"

    [repeated] = await steps(session, "bank.repeated_answer")
    assert (repeated.case_id, repeated.actor) == (case.id, f"partner:{bank.id}")
    assert repeated.detail == {
        "payout_id": str(payout.id),
        "type": "payout.paid",
        "webhook_id": "msg_paid_again",
    }
    [contradiction] = await steps(session, "bank.contradiction")
    assert contradiction.case_id == case.id
    assert (contradiction.detail["was"], contradiction.detail["now"]) == ("paid", "failed")
    [orphaned] = await steps(session, "bank.orphan_callback")
    assert orphaned.case_id is None
    assert orphaned.detail == {"type": "payout.paid", "key": "payout:no-such-payout"}
    # One kept answer per step: the settling one is the payout's own step.
    assert [e.kind for e in await steps(session, "payout.paid")] == ["payout.paid"]
    answers = await session.scalar(select(func.count()).select_from(BankAnswer))
    assert answers == 4
    await assert_chain_covers_everything(client, auth, session)
