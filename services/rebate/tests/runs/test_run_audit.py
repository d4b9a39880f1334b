"""A run's start and its failure are steps of the audit chain, and the chain verifies."""

from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.models import AuditEvent

MARCH = {"period": "2026-03", "region_prefix": "3501", "policy_key": "fj-2026-small-micro"}


async def test_a_started_and_a_failed_run_are_on_the_chain(
    client: httpx.AsyncClient,
    auth: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    policy: Any,
    process_runs: Any,
    session: AsyncSession,
    monkeypatch: Any,
) -> None:
    await push(tax_partner, [fee_record(1)])
    answer = membership.handle

    def down(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/enterprises/lookup":
            return httpx.Response(503)
        return answer(request)  # type: ignore[no-any-return]

    monkeypatch.setattr(membership, "handle", down)
    started = await client.post("/v1/runs", json=MARCH, headers=auth("admin", subject="admin-3"))
    assert started.status_code == 202, started.text
    run_id = started.json()["id"]
    await process_runs()

    chained = list(
        await session.scalars(
            select(AuditEvent)
            .where(AuditEvent.kind.in_(("run.started", "run.failed")))
            .order_by(AuditEvent.id)
        )
    )
    assert [(e.kind, e.actor, e.detail["run_id"]) for e in chained] == [
        ("run.started", "admin-3", run_id),
        ("run.failed", "admin-3", run_id),
    ]
    assert chained[0].detail["policy_id"] == policy["id"]
    assert (chained[0].detail["period"], chained[0].detail["region_prefix"]) == ("2026-03", "3501")
    assert chained[1].detail["failure"] == (
        "MembershipUnavailableError: membership answered 503 to /v1/enterprises/lookup"
    )
    verified = (await client.get("/v1/audit/verify", headers=auth("admin"))).json()
    assert verified["intact"] is True, verified
    assert verified["events_checked"] == await session.scalar(
        select(func.count()).select_from(AuditEvent)
    )
