"""Fee records pushed by a tax partner: signed, idempotent, checked record by record."""

from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.fees.models import FeeRecord
from rebate.fees.router import CSV_COLUMNS
from rebate.ledger.models import Account
from rebate.ledger.service import Ledger
from rebate.partners.models import WebhookDelivery


async def count(session: AsyncSession, model: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_signed_delivery_is_stored_and_booked(
    push: Any, tax_partner: Any, fee_record: Any, session: AsyncSession
) -> None:
    records = [fee_record(n) for n in range(3)]
    response = await push(tax_partner, records)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "accepted": 3,
        "duplicates": 0,
        "rejected": [],
        "probable_duplicates": [],
        "duplicate": False,
    }

    stored = list(await session.scalars(select(FeeRecord).order_by(FeeRecord.record_id)))
    assert [r.fee_amount for r in stored] == [Decimal("2469.12")] * 3
    assert stored[0].payer_account_no_masked.endswith(
        records[0]["payer_account"]["account_no"][-4:]
    )
    assert (
        records[0]["payer_account"]["account_no"].replace(" ", "").encode()
        not in stored[0].payer_account_no_enc
    )

    balances = await Ledger(session).balances()
    assert balances[Account.FEES_HELD] == Decimal("7407.36")
    assert sum(balances.values()) == Decimal("0.00")


@pytest.mark.parametrize("tamper", ["body", "secret", "timestamp"])
async def test_bad_signature_is_401_and_stores_nothing(
    client: httpx.AsyncClient,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    session: AsyncSession,
    tamper: str,
) -> None:
    if tamper == "secret":
        response = await push(tax_partner, [fee_record(1)], secret="whsec_" + "A" * 44)
    else:
        body = (
            b'{"type":"fee.recorded","timestamp":"2026-04-16T08:00:00+08:00","data":{"records":[]}}'
        )
        headers = {
            "webhook-id": "msg_x",
            "webhook-timestamp": "1000000000" if tamper == "timestamp" else "9999999999",
            "webhook-signature": "v1,AAAA",
        }
        response = await client.post(
            f"/v1/webhooks/tax/{tax_partner.id}", content=body, headers=headers
        )
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert await count(session, FeeRecord) == 0
    assert await count(session, WebhookDelivery) == 0


async def test_repeated_webhook_id_is_acknowledged_and_changes_nothing(
    push: Any, tax_partner: Any, fee_record: Any, session: AsyncSession
) -> None:
    first = await push(tax_partner, [fee_record(1), fee_record(2)], webhook_id="msg_once")
    again = await push(
        tax_partner, [fee_record(1), fee_record(2), fee_record(3)], webhook_id="msg_once"
    )
    assert again.status_code == 200
    assert again.json()["accepted"] == first.json()["accepted"] == 2
    assert await count(session, FeeRecord) == 2


async def test_invalid_records_are_rejected_one_by_one_and_the_rest_kept(
    push: Any, tax_partner: Any, fee_record: Any, session: AsyncSession
) -> None:
    records = [
        fee_record(1),
        fee_record(2, fee_amount=2469.12),  # a JSON number: refused, cents are not exact
        fee_record(3, uscc="91350102MA0000IOS"),
        fee_record(4, period="2026-13"),
        fee_record(5, fee_amount="0.00"),
        fee_record(6, fee_amount="200000.00"),
        fee_record(7, fee_amount="10.123"),
        {"record_id": "TAX-X"},
        fee_record(8),
    ]
    response = await push(tax_partner, records)
    body = response.json()
    assert body["accepted"] == 2
    reasons = {r["record_id"]: r["reason"] for r in body["rejected"]}
    assert set(reasons) == {
        "TAX-2026-000002",
        "TAX-2026-000003",
        "TAX-2026-000004",
        "TAX-2026-000005",
        "TAX-2026-000006",
        "TAX-2026-000007",
        "TAX-X",
    }
    assert "two decimal places" in reasons["TAX-2026-000002"]
    assert reasons["TAX-2026-000003"].startswith("uscc")
    assert "exceeds payroll_total" in reasons["TAX-2026-000006"]
    assert await count(session, FeeRecord) == 2


async def test_same_record_again_is_a_duplicate_other_content_needs_a_correction(
    push: Any, tax_partner: Any, fee_record: Any, session: AsyncSession
) -> None:
    await push(tax_partner, [fee_record(1)])
    again = await push(tax_partner, [fee_record(1)])
    assert again.json() == {
        "accepted": 0,
        "duplicates": 1,
        "rejected": [],
        "probable_duplicates": [],
        "duplicate": False,
    }
    changed = await push(tax_partner, [fee_record(1, fee_amount="2000.00")])
    assert changed.json()["rejected"][0]["reason"].startswith("record_id already received")


async def test_correction_is_a_new_version_and_books_the_difference(
    push: Any, tax_partner: Any, fee_record: Any, session: AsyncSession
) -> None:
    await push(tax_partner, [fee_record(1)])
    corrected = await push(
        tax_partner, [fee_record(1, fee_amount="2000.00")], event_type="fee.corrected"
    )
    assert corrected.json()["accepted"] == 1
    versions = list(await session.scalars(select(FeeRecord).order_by(FeeRecord.version)))
    assert [(v.version, v.fee_amount, v.superseded_at is None) for v in versions] == [
        (1, Decimal("2469.12"), False),
        (2, Decimal("2000.00"), True),
    ]
    balances = await Ledger(session).balances()
    assert balances[Account.FEES_HELD] == Decimal("2000.00")
    assert balances[Account.FEES_COLLECTED] == Decimal("-2000.00")

    # A second correction supersedes the current version, not the first one; sent again,
    # it is a duplicate of the current version.
    third = [fee_record(1, fee_amount="1500.00")]
    assert (await push(tax_partner, third, event_type="fee.corrected")).json()["accepted"] == 1
    again = await push(tax_partner, third, event_type="fee.corrected")
    assert again.json() == {
        "accepted": 0,
        "duplicates": 1,
        "rejected": [],
        "probable_duplicates": [],
        "duplicate": False,
    }
    session.expire_all()
    versions = list(await session.scalars(select(FeeRecord).order_by(FeeRecord.version)))
    assert [(v.version, v.superseded_at is None) for v in versions] == [
        (1, False),
        (2, False),
        (3, True),
    ]
    assert (await Ledger(session).balances())[Account.FEES_HELD] == Decimal("1500.00")


async def test_too_many_records_is_422_and_stores_nothing(
    push: Any, tax_partner: Any, fee_record: Any, session: AsyncSession, settings: Any
) -> None:
    records = [fee_record(n) for n in range(settings.max_records_per_delivery + 1)]
    response = await push(tax_partner, records)
    assert response.status_code == 422
    assert await count(session, WebhookDelivery) == 0


async def test_only_admins_register_partners_and_a_rotated_secret_stays_valid(
    client: httpx.AsyncClient, auth: Any, push: Any, tax_partner: Any, fee_record: Any
) -> None:
    denied = await client.post(
        "/v1/partners",
        json={"name": "x", "kind": "tax", "region_prefixes": ["35"]},
        headers=auth("cadre"),
    )
    assert denied.status_code == 403
    rotated = await client.post(
        f"/v1/partners/{tax_partner.id}/rotate-secret", headers=auth("admin")
    )
    assert rotated.status_code == 200
    new_secret = rotated.json()["secret"]
    assert new_secret.startswith("whsec_")
    assert (await push(tax_partner, [fee_record(1)])).status_code == 200  # old, in its grace period
    assert (await push(tax_partner, [fee_record(2)], secret=new_secret)).status_code == 200


async def test_csv_upload_does_the_same_for_partners_without_webhooks(
    client: httpx.AsyncClient, auth: Any, tax_partner: Any, fee_record: Any, session: AsyncSession
) -> None:
    header = ",".join(CSV_COLUMNS) + "\n"
    rows = []
    # Record 3 pays more than its payroll: refused with the reason, now and on a repeat.
    for r in (fee_record(1), fee_record(2), fee_record(3, fee_amount="999999.00")):
        rows.append(
            ",".join(
                [
                    r["record_id"],
                    r["uscc"],
                    r["enterprise_name"],
                    r["region_code"],
                    r["period"],
                    r["payroll_total"],
                    r["fee_amount"],
                    r["paid_at"],
                    r["payer_account"]["bank"],
                    r["payer_account"]["account_no"],
                    r["payer_account"]["account_name"],
                    r["tax_office"],
                ]
            )
        )
    content = (header + "\n".join(rows) + "\n").encode()
    path = f"/v1/partners/{tax_partner.id}/fee-files"
    first = await client.post(path, files={"file": ("fees.csv", content)}, headers=auth("admin"))
    again = await client.post(path, files={"file": ("fees.csv", content)}, headers=auth("admin"))
    assert first.json()["accepted"] == 2
    assert first.json()["rejected"] == [
        {"record_id": "TAX-2026-000003", "reason": "fee_amount exceeds payroll_total"}
    ]
    # The same file: the first answer in full, rejections included, and nothing new.
    assert again.json() == {**first.json(), "duplicate": True}
    assert await count(session, FeeRecord) == 2


async def test_a_carriage_return_inside_a_field_is_read_as_the_line_break_it_is(
    client: httpx.AsyncClient, auth: Any, tax_partner: Any
) -> None:
    # What fuzzing sent: the csv module refused the line, and the upload answered 500.
    content = ",".join(CSV_COLUMNS).encode() + b'\r\na\rb,"c\n'
    path = f"/v1/partners/{tax_partner.id}/fee-files"
    response = await client.post(path, files={"file": ("fees.csv", content)}, headers=auth("admin"))
    assert response.status_code == 200, response.text
    assert [r["record_id"] for r in response.json()["rejected"]] == ["a", "b"]


async def test_a_file_the_csv_reader_cannot_read_is_the_senders_422_not_a_500(
    client: httpx.AsyncClient, auth: Any, tax_partner: Any
) -> None:
    content = ",".join(CSV_COLUMNS).encode() + b"\n" + b"x" * 200_000 + b"\n"
    path = f"/v1/partners/{tax_partner.id}/fee-files"
    response = await client.post(path, files={"file": ("fees.csv", content)}, headers=auth("admin"))
    assert response.status_code == 422, response.text
    assert response.json()["type"] == "urn:gonghui:problem:invalid-delivery"
