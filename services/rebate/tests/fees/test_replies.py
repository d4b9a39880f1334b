"""A partner is told exactly what happened to each record, the first time and every time after."""

from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.fees.models import FeeRecord


async def test_a_repeated_delivery_answers_the_first_answer_rejections_included(
    push: Any, tax_partner: Any, fee_record: Any
) -> None:
    records = [fee_record(1), fee_record(2, fee_amount="12.345")]
    first = await push(tax_partner, records, webhook_id="msg_once")
    again = await push(tax_partner, records, webhook_id="msg_once")
    assert first.json()["duplicate"] is False
    assert [r["record_id"] for r in first.json()["rejected"]] == ["TAX-2026-000002"]
    assert again.json() == {**first.json(), "duplicate": True}


async def test_a_record_id_twice_in_one_delivery_is_refused_as_such_and_none_is_kept(
    push: Any, tax_partner: Any, fee_record: Any, session: AsyncSession
) -> None:
    twice = [fee_record(1), fee_record(1, fee_amount="100.00"), fee_record(2)]
    body = (await push(tax_partner, twice)).json()
    assert body["accepted"] == 1
    assert body["rejected"] == [
        {"record_id": "TAX-2026-000001", "reason": "record_id appears 2 times in this delivery"}
    ]
    stored = await session.scalar(
        select(func.count()).where(FeeRecord.record_id == "TAX-2026-000001")
    )
    assert stored == 0


async def test_a_void_takes_the_payment_out_and_a_second_void_is_a_duplicate(
    push: Any, tax_partner: Any, fee_record: Any, client: httpx.AsyncClient, auth: Any
) -> None:
    await push(tax_partner, [fee_record(1)])
    voided = (await push(tax_partner, [{"record_id": "TAX-2026-000001"}], "fee.voided")).json()
    assert (voided["accepted"], voided["rejected"]) == (1, [])
    again = (await push(tax_partner, [{"record_id": "TAX-2026-000001"}], "fee.voided")).json()
    assert (again["accepted"], again["duplicates"]) == (0, 1)
    unknown = (await push(tax_partner, [{"record_id": "NOPE"}], "fee.voided")).json()
    assert unknown["rejected"][0]["reason"] == "no current record with this record_id"
    # A voided record cannot be brought back by a correction.
    revived = (await push(tax_partner, [fee_record(1)], "fee.corrected")).json()
    assert revived["rejected"][0]["reason"] == "the record was voided"
    balance = (await client.get("/v1/ledger/trial-balance", headers=auth("admin"))).json()
    assert (balance["total"], balance["balances"]["fees_collected"]) == ("0.00", "0.00")
