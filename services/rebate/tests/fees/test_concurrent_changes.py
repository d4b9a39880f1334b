"""Deliveries that change the same record at the same moment, each on a connection of its own
and committing (a database of its own, dropped after): the second to reach the record finds
it changed and is refused whole (409, nothing kept), and its retry is answered from what is
current. Found in review: two voids of one record sent under two webhook-ids took the fee
back twice (collected 800.00 below zero)."""

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from rebate.fees.errors import RecordsChangedError
from rebate.fees.service import FeeIntake
from rebate.partners.models import Partner, PartnerKind
from servicekit.pii import PiiCipher
from servicekit.testing.plugin import ServiceUnderTest, database_at

PII = PiiCipher(os.urandom(32), os.urandom(32))


@pytest.fixture
async def own_database(
    postgres_admin_url: str, service_under_test: ServiceUnderTest
) -> AsyncIterator[AsyncEngine]:
    async with database_at(postgres_admin_url, service_under_test, "fee_changes") as engine:
        yield engine


async def take(session: AsyncSession, partner: Partner, event: str, records: Any) -> Any:
    webhook_id = f"msg_{uuid.uuid4().hex}"
    return await FeeIntake(session, PII).take(partner, webhook_id, event, records, "0", "test")


async def blocked(engine: AsyncEngine) -> None:
    """Until a backend of this database waits on a lock (the second delivery, on the row)."""
    async with engine.connect() as conn:
        for _ in range(500):
            waiting = await conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock'"
                )
            )
            if waiting:
                return
            await conn.execute(text("SELECT pg_stat_clear_snapshot()"))
            await asyncio.sleep(0.02)
    raise AssertionError("the second delivery never waited for the first")


@pytest.mark.parametrize(
    "second_event",
    ["fee.voided", "fee.corrected"],
    ids=["void-and-void", "void-and-correction"],
)
async def test_a_record_changed_by_two_deliveries_at_once_is_taken_back_once(
    own_database: AsyncEngine, fee_record: Any, second_event: str
) -> None:
    sessions = async_sessionmaker(own_database, expire_on_commit=False)
    record = fee_record(1, fee_amount="800.00")
    async with sessions() as setup, setup.begin():
        partner = Partner(
            id=uuid.uuid4(),
            name="福建省税务局",
            kind=PartnerKind.TAX,
            is_active=True,
            region_prefixes=["35"],
        )
        setup.add(partner)
        await setup.flush()
        await take(setup, partner, "fee.recorded", [record])
    void = [{"record_id": record["record_id"]}]
    second = void if second_event == "fee.voided" else [{**record, "fee_amount": "900.00"}]

    async with sessions() as first_session, sessions() as second_session:
        await take(first_session, partner, "fee.voided", void)
        racing = asyncio.create_task(take(second_session, partner, second_event, second))
        await blocked(own_database)
        await first_session.commit()
        with pytest.raises(RecordsChangedError):
            await racing
        await second_session.rollback()

    async with sessions() as retry, retry.begin():
        again = await take(retry, partner, second_event, second)
    if second_event == "fee.voided":
        assert (again.accepted, again.duplicates) == (0, 1)
    else:
        assert [r.reason for r in again.rejected] == ["the record was voided"]
    async with sessions() as check:
        collected = await check.scalar(
            text(
                "SELECT sum(debit - credit) FROM rebate.ledger_entry"
                " WHERE account = 'fees_collected' AND uscc = :uscc"
            ),
            {"uscc": record["uscc"]},
        )
    assert collected == 0  # collected once, taken back once
