"""Defect 15 at delivery time: the webhook URL is checked again when the payout instruction
(with the full account number) is sent, after DNS resolution, and the request goes to the very
address that passed; the audit trail that cadres read keeps the status code, never the body."""

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.models import AuditEvent
from rebate.models import OutboxMessage
from rebate.partners.models import Partner

PUBLIC_ADDRESS = "93.184.215.14"


async def delivery_details(session: AsyncSession, case_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await session.scalars(
        select(AuditEvent.detail)
        .where(AuditEvent.case_id == case_id, AuditEvent.kind == "payout.delivery")
        .order_by(AuditEvent.id)
    )
    return list(rows)


async def test_a_bank_name_rebound_to_a_private_address_gets_nothing(
    bank: Any, make_case: Any, deliver: Any, partners_fake: Any, dns: Any, session: AsyncSession
) -> None:
    case = await make_case()  # bank.example passed the check when the bank was registered
    dns.records["bank.example"] = ["10.0.0.8"]

    await deliver()

    assert partners_fake.deliveries == []
    message = await session.scalar(select(OutboxMessage).execution_options(populate_existing=True))
    assert message is not None
    assert message.last_error is not None
    assert "10.0.0.8" in message.last_error  # for the operators; not in the cadres' trail
    [detail] = await delivery_details(session, case.id)
    assert detail["outcome"] == "url-refused"
    assert "10.0.0.8" not in str(detail)


async def test_a_stored_metadata_url_is_refused_when_sending(
    bank: Any, make_case: Any, deliver: Any, partners_fake: Any, session: AsyncSession
) -> None:
    # As a row written before the check existed, or straight into the table.
    await session.execute(
        update(Partner)
        .where(Partner.id == uuid.UUID(bank.id))
        .values(webhook_url="https://169.254.169.254/latest/meta-data/")
    )
    case = await make_case()

    await deliver()

    assert partners_fake.deliveries == []
    [detail] = await delivery_details(session, case.id)
    assert detail == {
        "payout_id": detail["payout_id"],
        "key": detail["key"],
        "outcome": "url-refused",
    }


async def test_the_request_goes_to_the_checked_address_under_the_bank_name(
    bank: Any, make_case: Any, deliver: Any, partners_fake: Any, dns: Any
) -> None:
    await make_case()
    await deliver()
    assert partners_fake.connected_to == [PUBLIC_ADDRESS]
    [request] = partners_fake.deliveries
    assert request.headers["host"] == "bank.example"
    assert request.extensions["sni_hostname"] == "bank.example"
    assert dns.lookups.count("bank.example") >= 2  # at registration and again when sending


async def test_the_audit_trail_keeps_the_status_code_never_the_answer_body(
    bank: Any, make_case: Any, deliver: Any, partners_fake: Any, session: AsyncSession
) -> None:
    partners_fake.status_code = 500
    case = await make_case()
    await deliver()
    partners_fake.status_code = 200
    await deliver()

    details = await delivery_details(session, case.id)
    assert [(d["outcome"], d["status_code"]) for d in details] == [
        ("answered 500", 500),
        ("delivered", 200),
    ]
    assert all(set(d) == {"payout_id", "key", "outcome", "status_code"} for d in details)
