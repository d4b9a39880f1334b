"""What the run's bulk rows refer to is checked by the database once per statement (migration
0009), and what they refer to is never removed. Tried as a faulty writer or someone with SQL
access would: links to records that do not exist or belong to another enterprise, a bulk COPY
with one bad link among good ones, queue entries naming another enterprise's record, cases of
an unknown run, fee records of an unknown partner, and fee records, cases, runs, policies and
partners deleted or re-keyed under them."""

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from asyncpg.exceptions import ForeignKeyViolationError
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.bulk import copy_records


@pytest.fixture
async def two_cases(
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    run_period: Any,
    session: AsyncSession,
) -> dict[str, Any]:
    """Enterprises 1 and 2, a case each from a run; enterprise 3 queued (not registered)."""
    await push(tax_partner, [fee_record(1), fee_record(2), fee_record(3)])
    membership.add_enterprise(make_uscc(1))
    membership.add_enterprise(make_uscc(2))
    run = await run_period()
    assert (run["status"], run["cases_created"], run["queued"]) == ("done", 2, 1), run
    rows = await session.execute(
        text(
            """
            SELECT f.uscc, f.id, cf.case_id
            FROM rebate.fee_record f LEFT JOIN rebate.case_fee cf ON cf.fee_record_id = f.id
            """
        )
    )
    found = {uscc: (record, case) for uscc, record, case in rows}
    return {
        "record_1": found[make_uscc(1)][0],
        "case_1": found[make_uscc(1)][1],
        "record_2": found[make_uscc(2)][0],
        "case_2": found[make_uscc(2)][1],
        "record_3": found[make_uscc(3)][0],
        "uscc_3": make_uscc(3),
        "run_id": uuid.UUID(run["id"]),
    }


async def refused(session: AsyncSession, statement: str, match: str, **params: Any) -> None:
    with pytest.raises(DBAPIError, match=match):
        async with session.begin_nested():
            await session.execute(text(statement), params)


async def test_a_link_to_a_record_that_does_not_exist_is_refused(
    two_cases: dict[str, Any], session: AsyncSession
) -> None:
    await refused(
        session,
        "INSERT INTO rebate.case_fee (fee_record_id, case_id) VALUES (:record, :case)",
        "cannot take the fee records linked to it",
        record=uuid.uuid4(),
        case=two_cases["case_1"],
    )


async def test_a_link_to_a_case_that_does_not_exist_is_refused(
    two_cases: dict[str, Any], session: AsyncSession
) -> None:
    await refused(
        session,
        "INSERT INTO rebate.case_fee (fee_record_id, case_id) VALUES (:record, :case)",
        "cannot take the fee records linked to it",
        record=two_cases["record_3"],
        case=uuid.uuid4(),
    )


async def test_a_record_of_another_enterprise_is_never_linked(
    two_cases: dict[str, Any], session: AsyncSession
) -> None:
    # Defect 1 of issue 10 in its rawest form: enterprise 3's fee refunded in 1's case.
    await refused(
        session,
        "INSERT INTO rebate.case_fee (fee_record_id, case_id) VALUES (:record, :case)",
        "cannot take the fee records linked to it",
        record=two_cases["record_3"],
        case=two_cases["case_1"],
    )


async def test_one_bad_link_in_a_bulk_copy_stores_none_of_it(
    two_cases: dict[str, Any], session: AsyncSession
) -> None:
    # A case for enterprise 3, as a later pass would make it, and its one record: good. With
    # it in the same COPY, a link to a record that does not exist.
    case_3 = uuid.uuid4()
    await session.execute(
        text(
            """
            INSERT INTO rebate.rebate_case (id, uscc, enterprise_id, enterprise_name, period,
                org_id, org_path, policy_id, run_id, source, status, collected, refund, set_off,
                has_union_account, version, created_at, updated_at)
            SELECT :id, :uscc, enterprise_id, enterprise_name, period, org_id, org_path,
                policy_id, run_id, source, status, collected, refund, set_off,
                has_union_account, 1, now(), now()
            FROM rebate.rebate_case WHERE id = :like
            """
        ),
        {"id": case_3, "uscc": two_cases["uscc_3"], "like": two_cases["case_1"]},
    )
    links = [(two_cases["record_3"], case_3), (uuid.uuid4(), case_3)]
    with pytest.raises(ForeignKeyViolationError, match="cannot take the fee records linked"):
        async with session.begin_nested():
            await copy_records(
                session, "case_fee", ("fee_record_id", "case_id"), links, schema="rebate"
            )
    linked = "SELECT count(*) FROM rebate.case_fee WHERE case_id = :case"
    assert await session.scalar(text(linked), {"case": case_3}) == 0
    # The good link alone goes in.
    await copy_records(
        session, "case_fee", ("fee_record_id", "case_id"), links[:1], schema="rebate"
    )
    assert await session.scalar(text(linked), {"case": case_3}) == 1


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE rebate.case_fee SET case_id = :other WHERE fee_record_id = :record",
        "DELETE FROM rebate.case_fee WHERE fee_record_id = :record",
        "TRUNCATE rebate.case_fee",
    ],
)
async def test_a_link_once_made_is_never_moved_or_removed(
    two_cases: dict[str, Any], session: AsyncSession, statement: str
) -> None:
    # Moved, enterprise 1's fee would be refunded in 2's case; removed, it would be free to
    # be refunded a second time.
    await refused(
        session,
        statement,
        "append-only",
        record=two_cases["record_1"],
        other=two_cases["case_2"],
    )


async def test_a_queue_entry_naming_another_enterprises_record_is_refused(
    two_cases: dict[str, Any], session: AsyncSession
) -> None:
    await refused(
        session,
        """
        INSERT INTO rebate.rebate_exception (id, fee_record_id, uscc, period, reason)
        VALUES (:id, :record, :uscc, '2026-03', 'unmatched')
        """,
        "name fee records of no such enterprise",
        id=uuid.uuid4(),
        record=two_cases["record_1"],
        uscc=two_cases["uscc_3"],
    )
    await refused(
        session,
        "UPDATE rebate.rebate_exception SET fee_record_id = :record WHERE fee_record_id = :own",
        "name fee records of no such enterprise",
        record=two_cases["record_1"],
        own=two_cases["record_3"],
    )


async def test_cases_and_queue_entries_of_an_unknown_run_or_policy_are_refused(
    two_cases: dict[str, Any], session: AsyncSession
) -> None:
    for statement in (
        "UPDATE rebate.rebate_case SET run_id = :unknown",
        "UPDATE rebate.rebate_case SET policy_id = :unknown",
        "UPDATE rebate.rebate_exception SET run_id = :unknown",
    ):
        await refused(session, statement, "which does not exist", unknown=uuid.uuid4())


@pytest.mark.parametrize("table", ["fee_record", "rebate_case", "rebate_run", "policy", "partner"])
@pytest.mark.parametrize("statement", ["DELETE FROM rebate.{table}", "TRUNCATE rebate.{table}"])
async def test_what_rows_refer_to_is_never_removed_not_even_by_a_superuser(
    two_cases: dict[str, Any], session: AsyncSession, table: str, statement: str
) -> None:
    truncate = "CASCADE" if statement.startswith("TRUNCATE") else ""
    await refused(session, statement.format(table=table) + f" {truncate}", "refused")


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE rebate.fee_record SET uscc = '91350102MA0000009X' WHERE id = :record",
        "UPDATE rebate.fee_record SET period = '2026-04' WHERE id = :record",
        "UPDATE rebate.fee_record SET id = gen_random_uuid() WHERE id = :record",
        "UPDATE rebate.rebate_case SET uscc = '91350102MA0000009X' WHERE id = :case",
        "UPDATE rebate.rebate_case SET period = '2026-04' WHERE id = :case",
        "UPDATE rebate.partner SET id = gen_random_uuid()",
    ],
)
async def test_the_keys_links_rest_on_never_change(
    two_cases: dict[str, Any], session: AsyncSession, change: str
) -> None:
    await refused(
        session,
        change,
        "changing the keys",
        record=two_cases["record_1"],
        case=two_cases["case_1"],
    )


async def test_a_fee_record_of_a_partner_that_does_not_exist_is_refused_whole_copy(
    two_cases: dict[str, Any], tax_partner: Any, session: AsyncSession
) -> None:
    """Migration 0013: the partner is checked once per statement; one record naming no partner
    among good ones stores none of them, by COPY (as the intake writes) or UPDATE."""
    columns = ("id", "partner_id", "record_id", "version", "content_sha256", "uscc")
    columns += ("enterprise_name", "region_code", "period", "payroll_total", "fee_amount")
    columns += ("paid_at", "payer_bank", "payer_account_name", "payer_account_no_enc")
    columns += ("payer_account_no_masked", "tax_office", "webhook_id", "received_at")
    row = (
        "91350102MA0000001X", "某", "350102", "2026-03", 100, 2, datetime.now(UTC), "行", "某",
        b"\x00", "****", "局", "w", datetime.now(UTC),
    )  # fmt: skip
    good = (uuid.uuid4(), uuid.UUID(tax_partner.id), "GOOD-1", 1, "0", *row)
    unknown = (uuid.uuid4(), uuid.uuid4(), "NOBODY-1", 1, "0", *row)
    before = await session.scalar(text("SELECT count(*) FROM rebate.fee_record"))
    with pytest.raises(ForeignKeyViolationError, match="names partner"):
        async with session.begin_nested():
            await copy_records(session, "fee_record", columns, [good, unknown], schema="rebate")
    assert await session.scalar(text("SELECT count(*) FROM rebate.fee_record")) == before
    await refused(
        session,
        "UPDATE rebate.fee_record SET partner_id = gen_random_uuid() WHERE id = :record",
        "names partner",
        record=two_cases["record_1"],
    )
