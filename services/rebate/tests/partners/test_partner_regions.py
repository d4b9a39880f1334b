"""Issue 10, point 5: tax partners are registered for regions; a record of any other region
is refused with the reason, by every way records come in (webhook, correction, CSV file)."""

import uuid
from typing import Any

import asyncpg
import httpx
import pytest
from alembic import command
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from rebate.audit.models import AuditEvent
from rebate.fees.models import FeeRecord
from rebate.fees.router import CSV_COLUMNS
from rebate.partners.models import Partner
from servicekit.testing.plugin import (
    ServiceUnderTest,
    create_fresh_database,
    run_alembic,
    to_asyncpg_url,
    worker_id,
)

OUTSIDE = "330110"  # 杭州市余杭区: not Fujian's (35)


def errors(response: httpx.Response) -> list[str]:
    """What a 422 problem says: each field's error, else its detail."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    return [e["msg"] for e in problem["errors"]] if "errors" in problem else [problem["detail"]]


async def test_a_tax_partner_names_its_regions_and_a_bank_names_none(
    client: httpx.AsyncClient, auth: Any
) -> None:
    admin = auth("admin")
    for sent, why in (
        ({"name": "某税务局", "kind": "tax"}, "at least one region"),
        ({"name": "某税务局", "kind": "tax", "region_prefixes": []}, "at least one region"),
        ({"name": "某税务局", "kind": "tax", "region_prefixes": ["35", "35"]}, "once"),
        ({"name": "某银行", "kind": "bank", "region_prefixes": ["35"]}, "bank rules"),
    ):
        [message] = errors(await client.post("/v1/partners", json=sent, headers=admin))
        assert why in message, message
    for prefix in ("3", "3501021", "35a", "", None, 35):
        sent = {"name": "某税务局", "kind": "tax", "region_prefixes": [prefix]}
        response = await client.post("/v1/partners", json=sent, headers=admin)
        assert response.status_code == 422, (prefix, response.text)
    made = await client.post(
        "/v1/partners",
        json={"name": "某税务局", "kind": "tax", "region_prefixes": ["35", "330110"]},
        headers=admin,
    )
    assert made.status_code == 201, made.text
    read = await client.get(f"/v1/partners/{made.json()['id']}", headers=admin)
    assert read.json()["region_prefixes"] == ["35", "330110"]


async def test_changing_a_partners_regions_is_checked_and_on_the_audit_chain(
    client: httpx.AsyncClient, auth: Any, tax_partner: Any, session: AsyncSession
) -> None:
    admin = auth("admin", sub="admin-9")
    path = f"/v1/partners/{tax_partner.id}"
    [message] = errors(await client.patch(path, json={"region_prefixes": []}, headers=admin))
    assert "at least one region" in message
    errors(await client.patch(path, json={"region_prefixes": None}, headers=admin))
    moved = await client.patch(path, json={"region_prefixes": ["3501", "3502"]}, headers=admin)
    assert moved.json()["region_prefixes"] == ["3501", "3502"]
    bank = await client.post("/v1/partners", json={"name": "某银行", "kind": "bank"}, headers=admin)
    [message] = errors(
        await client.patch(
            f"/v1/partners/{bank.json()['id']}", json={"region_prefixes": ["35"]}, headers=admin
        )
    )
    assert "bank rules" in message
    [event] = await session.scalars(select(AuditEvent).where(AuditEvent.kind == "partner.updated"))
    assert event.actor == "admin-9"
    assert event.detail["changes"] == {"region_prefixes": {"from": ["35"], "to": ["3501", "3502"]}}


async def test_a_record_of_another_region_is_refused_with_the_reason_and_not_stored(
    push: Any, tax_partner: Any, fee_record: Any, session: AsyncSession
) -> None:
    answer = (await push(tax_partner, [fee_record(1), fee_record(2, region_code=OUTSIDE)])).json()
    assert answer["accepted"] == 1
    assert answer["rejected"] == [
        {
            "record_id": "TAX-2026-000002",
            "reason": f"region_code {OUTSIDE} is outside the regions this partner is "
            "registered for (35)",
        }
    ]
    stored = await session.scalars(select(FeeRecord.record_id))
    assert list(stored) == ["TAX-2026-000001"]


async def test_a_correction_cannot_move_a_record_out_of_the_partners_regions(
    push: Any, tax_partner: Any, fee_record: Any, session: AsyncSession
) -> None:
    await push(tax_partner, [fee_record(1)])
    moved = (await push(tax_partner, [fee_record(1, region_code=OUTSIDE)], "fee.corrected")).json()
    assert (moved["accepted"], len(moved["rejected"])) == (0, 1)
    assert "outside the regions" in moved["rejected"][0]["reason"]
    current = await session.scalars(
        select(FeeRecord.region_code).where(FeeRecord.superseded_at.is_(None))
    )
    assert list(current) == ["350102"]


async def test_narrowed_regions_hold_for_the_next_delivery_and_for_csv_files(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    session: AsyncSession,
) -> None:
    admin = auth("admin")
    await client.patch(
        f"/v1/partners/{tax_partner.id}", json={"region_prefixes": ["350103"]}, headers=admin
    )
    refused = (await push(tax_partner, [fee_record(1)])).json()
    assert "(350103)" in refused["rejected"][0]["reason"]
    record = fee_record(2)
    row = [
        record["record_id"],
        record["uscc"],
        record["enterprise_name"],
        record["region_code"],
        record["period"],
        record["payroll_total"],
        record["fee_amount"],
        record["paid_at"],
        record["payer_account"]["bank"],
        record["payer_account"]["account_no"],
        record["payer_account"]["account_name"],
        record["tax_office"],
    ]
    content = (",".join(CSV_COLUMNS) + "\n" + ",".join(row) + "\n").encode()
    uploaded = await client.post(
        f"/v1/partners/{tax_partner.id}/fee-files",
        files={"file": ("fees.csv", content)},
        headers=admin,
    )
    assert uploaded.json()["accepted"] == 0
    assert "outside the regions" in uploaded.json()["rejected"][0]["reason"]
    assert await session.scalar(select(func.count()).select_from(FeeRecord)) == 0
    # A partner registered for no region yet (as the upgrade leaves one that never sent
    # anything) is told so, and stores nothing.
    await session.execute(
        update(Partner).where(Partner.id == uuid.UUID(tax_partner.id)).values(region_prefixes=[])
    )
    unregistered = (await push(tax_partner, [fee_record(3)])).json()
    assert unregistered["accepted"] == 0
    assert "(none yet; an admin sets them)" in unregistered["rejected"][0]["reason"]


@pytest.fixture
async def database_at_0009(postgres_admin_url: str, service_under_test: ServiceUnderTest) -> Any:
    name = f"test_rebate_regions_{worker_id()}"
    await create_fresh_database(postgres_admin_url, name, "rebate", service_under_test.extensions)
    engine = create_async_engine(to_asyncpg_url(postgres_admin_url, name))
    await run_alembic(engine, service_under_test.alembic_ini, lambda c: command.upgrade(c, "0009"))
    yield engine
    await engine.dispose()


async def test_the_upgrade_registers_existing_tax_partners_for_the_provinces_they_sent(
    database_at_0009: Any, service_under_test: ServiceUnderTest
) -> None:
    engine = database_at_0009
    fujian_zhejiang, silent, bank = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(url)
    try:
        await conn.executemany(
            "INSERT INTO rebate.partner (id, name, kind, is_active, created_at)"
            " VALUES ($1, $2, $3, true, now())",
            [(fujian_zhejiang, "两省", "tax"), (silent, "未推送", "tax"), (bank, "银行", "bank")],
        )
        await conn.executemany(
            """
            INSERT INTO rebate.fee_record (id, partner_id, record_id, version, content_sha256,
                uscc, enterprise_name, region_code, period, payroll_total, fee_amount, paid_at,
                payer_bank, payer_account_name, payer_account_no_enc, payer_account_no_masked,
                tax_office, webhook_id, received_at)
            VALUES ($1, $2, $3, 1, '0', '91350102MA0000001X', '某', $4, '2026-03', 100, 2,
                now(), '行', '某', '\\x00', '****', '局', 'w', now())
            """,
            [
                (uuid.uuid4(), fujian_zhejiang, "A", "350102"),
                (uuid.uuid4(), fujian_zhejiang, "B", "350203"),
                (uuid.uuid4(), fujian_zhejiang, "C", "330110"),
            ],
        )
    finally:
        await conn.close()
    await run_alembic(engine, service_under_test.alembic_ini, lambda c: command.upgrade(c, "head"))
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT id, region_prefixes FROM rebate.partner")
    finally:
        await conn.close()
    regions = {row["id"]: row["region_prefixes"] for row in rows}
    assert regions == {fujian_zhejiang: ["33", "35"], silent: [], bank: []}
