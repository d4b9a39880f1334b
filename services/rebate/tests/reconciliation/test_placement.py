"""Rule (b) of the reconciliation: a current record that a finished run passed over sits in a
case or in the queue (open, or dismissed by a person). Records that no run has passed over
yet legitimately wait. Places are lost here as only a bug could lose them: by SQL on the
test's superuser connection."""

from typing import Any

from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.reconciliation.service import reconcile


async def unplaced(session: AsyncSession, app: FastAPI) -> dict[str, str]:
    """{fee record id: detail} of the placement violations."""
    found = await reconcile(session, None, app.state.audit_signer)
    assert {v.invariant for v in found.violations} <= {"placement"}, found.violations
    return {str(v.fee_record_id): v.detail for v in found.violations}


async def record_ids(session: AsyncSession) -> dict[str, str]:
    """{partner's record id: our fee record id}."""
    rows = await session.execute(text("SELECT record_id, id FROM rebate.fee_record"))
    return {r: str(i) for r, i in rows}


async def test_a_record_a_finished_run_passed_over_and_then_lost_is_listed(
    client: Any,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    policy: Any,
    run_period: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    # 1 and 2 are not in the register (queued as unmatched), 3 is (a case).
    membership.add_enterprise(make_uscc(3))
    await push(tax_partner, [fee_record(1), fee_record(2), fee_record(3)])
    assert await unplaced(session, app) == {}  # no run yet: they wait
    await run_period()
    assert await unplaced(session, app) == {}
    late = await push(tax_partner, [fee_record(4)])
    assert late.json()["accepted"] == 1
    ids = await record_ids(session)

    # Record 1's queue entry deleted, record 2's closed as if a later run had taken it up.
    await session.execute(
        text("DELETE FROM rebate.rebate_exception WHERE fee_record_id = :id"),
        {"id": ids["TAX-2026-000001"]},
    )
    await session.execute(
        text(
            "UPDATE rebate.rebate_exception SET resolved_at = now(), resolution = 'rerun' "
            "WHERE fee_record_id = :id"
        ),
        {"id": ids["TAX-2026-000002"]},
    )
    found = await unplaced(session, app)
    # Record 4 arrived after the run: it waits for the next one, and is no violation.
    assert set(found) == {ids["TAX-2026-000001"], ids["TAX-2026-000002"]}
    assert all("finished run passed over it" in detail for detail in found.values())

    # The next run places them again (and the late one): nothing is listed any more.
    await run_period()
    assert await unplaced(session, app) == {}


async def test_a_dismissed_record_and_records_of_runs_that_did_not_finish_are_no_loss(
    client: Any,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    policy: Any,
    run_period: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    await push(tax_partner, [fee_record(1)])
    await run_period()
    [entry] = (await client.get("/v1/exceptions", headers=auth("admin"))).json()
    dismissed = await client.post(
        f"/v1/exceptions/{entry['id']}/dismiss",
        json={"reason": "企业已注销"},
        headers=auth("admin"),
    )
    assert dismissed.status_code == 200, dismissed.text
    assert await unplaced(session, app) == {}  # a person's decision, not a loss

    # A run that failed (or is still queued) passed over nothing for certain.
    await push(tax_partner, [fee_record(2)])
    await session.execute(
        text(
            "UPDATE rebate.rebate_run SET started_at = now() + interval '1 minute'"
            ", status = 'failed'"
        )
    )
    assert await unplaced(session, app) == {}
    await session.execute(text("UPDATE rebate.rebate_run SET status = 'done'"))
    assert set(await unplaced(session, app)) == {(await record_ids(session))["TAX-2026-000002"]}
