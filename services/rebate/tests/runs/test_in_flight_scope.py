"""At most one run of a policy, period and region is in flight: a new version of the policy is
the same policy, a region inside (or around) a running one's is the same region, and of two
starts at the same moment one is queued and the other answered 409 naming it."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy import column, table, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from rebate.policies.models import Policy, PolicyMode
from rebate.runs.models import RebateRun, RunStatus
from servicekit.testing.plugin import (
    ServiceUnderTest,
    database_at,
    downgrade_to,
    run_alembic,
    upgrade_to,
)
from servicekit.testing.tokens import TokenMinter

KEY = "fj-2026-small-micro"
RUN = {"period": "2026-03", "region_prefix": "35", "policy_key": KEY}
POLICY_FIELDS = ("name", "region_prefixes", "period_from", "period_to", "size_classes")


async def start(client: httpx.AsyncClient, auth: Any, **scope: str) -> httpx.Response:
    return await client.post("/v1/runs", json={**RUN, **scope}, headers=auth("admin"))


async def test_a_new_version_of_the_policy_does_not_start_a_second_run(
    client: httpx.AsyncClient, auth: Any, policy: Any
) -> None:
    first = await start(client, auth)
    assert first.status_code == 202, first.text
    revised = await client.put(
        f"/v1/policies/{KEY}",
        json={**{k: policy[k] for k in POLICY_FIELDS}, "refund_ratio": "0.5000"},
        headers=auth("admin"),
    )
    assert revised.status_code == 200, revised.text

    second = await start(client, auth)
    assert second.status_code == 409, second.text
    assert second.json()["type"] == "urn:gonghui:problem:run-in-flight"
    assert second.json()["run_id"] == first.json()["id"]
    assert first.json()["id"] in second.json()["detail"]


@pytest.mark.parametrize(("running", "wanted"), [("35", "3501"), ("3501", "35")])
async def test_a_region_overlapping_a_run_in_flight_is_409_naming_it(
    client: httpx.AsyncClient, auth: Any, policy: Any, running: str, wanted: str
) -> None:
    first = await start(client, auth, region_prefix=running)
    assert first.status_code == 202, first.text
    second = await start(client, auth, region_prefix=wanted)
    assert second.status_code == 409, second.text
    assert second.json()["run_id"] == first.json()["id"]


async def test_other_regions_and_periods_and_finished_runs_do_not_block(
    client: httpx.AsyncClient, auth: Any, policy: Any, process_runs: Any
) -> None:
    assert (await start(client, auth, region_prefix="3501")).status_code == 202
    assert (await start(client, auth, region_prefix="3502")).status_code == 202
    assert (await start(client, auth, region_prefix="3501", period="2026-04")).status_code == 202
    assert await process_runs() == 3
    assert (await start(client, auth)).status_code == 202  # nothing is in flight any more


async def test_the_database_refuses_a_second_run_in_flight_whoever_writes_it(
    client: httpx.AsyncClient,
    auth: Any,
    policy: Any,
    session: AsyncSession,
    process_runs: Any,
) -> None:
    first = await start(client, auth)
    revised = await client.put(
        f"/v1/policies/{KEY}",
        json={k: policy[k] for k in POLICY_FIELDS},
        headers=auth("admin"),
    )

    async def import_a_run() -> None:
        # Written past the service, as a script or a future code path might.
        run = RebateRun(
            id=uuid.uuid4(),
            period="2026-03",
            region_prefix="350102",
            policy_id=uuid.UUID(revised.json()["id"]),
            status=RunStatus.QUEUED,
            started_by="import",
            started_at=datetime.now(UTC),
            enterprises_total=0,
            enterprises_done=0,
            cases_created=0,
            queued=0,
        )
        async with session.begin_nested():
            session.add(run)
            await session.flush()

    with pytest.raises(IntegrityError) as refused:
        await import_a_run()
    assert first.json()["id"] in str(refused.value)

    await process_runs()  # the first one finishes: the region is free again
    await import_a_run()


# --- On databases of their own: what these tests commit is dropped with them. ---------


@pytest.fixture
async def database_at_head(
    postgres_admin_url: str, service_under_test: ServiceUnderTest
) -> AsyncIterator[AsyncEngine]:
    async with database_at(postgres_admin_url, service_under_test, "run_race", "head") as engine:
        yield engine


@pytest.fixture
async def database_at_0010(
    postgres_admin_url: str, service_under_test: ServiceUnderTest
) -> AsyncIterator[AsyncEngine]:
    async with database_at(postgres_admin_url, service_under_test, "runs_0010", "0010") as engine:
        yield engine


async def waiting_on_locks(conn: asyncpg.Connection, count: int) -> None:
    """Until `count` other backends of this database wait on a lock."""
    for _ in range(500):
        # Activity is read once per transaction unless the snapshot is let go.
        await conn.execute("SELECT pg_stat_clear_snapshot()")
        waiting = await conn.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        if waiting >= count:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{count} requests never came to wait on a lock")


async def test_two_identical_starts_at_once_queue_one_run_and_name_it_to_the_other(
    database_at_head: AsyncEngine, service_under_test: ServiceUnderTest
) -> None:
    # Two requests on connections of their own (the `app` fixture's share one), committing.
    url = database_at_head.url.render_as_string(hide_password=False)
    app = service_under_test.app_factory(service_under_test.settings_factory(url))
    minter = TokenMinter()
    admin = minter.headers(roles=["admin"])
    async with LifespanManager(app):
        app.state.token_verifier.set_keys(minter.verification_keys())
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            created = await client.post(
                "/v1/policies",
                json={
                    "policy_key": KEY,
                    "name": "福建省小微企业工会经费全额返还",
                    "region_prefixes": ["35"],
                    "period_from": "2026-01",
                    "period_to": "2026-12",
                },
                headers=admin,
            )
            assert created.status_code == 201, created.text

            # Both requests are let through together: until the gate opens, no run can be
            # written, so each gets as far as it can before the other has committed.
            gate = await asyncpg.connect(
                database_at_head.url.set(drivername="postgresql").render_as_string(
                    hide_password=False
                )
            )
            try:
                opened = gate.transaction()
                await opened.start()
                await gate.execute("LOCK TABLE rebate.rebate_run IN SHARE ROW EXCLUSIVE MODE")
                racing = [
                    asyncio.create_task(client.post("/v1/runs", json=RUN, headers=admin))
                    for _ in range(2)
                ]
                await waiting_on_locks(gate, 2)
                await opened.rollback()
                answers = await asyncio.gather(*racing)
            finally:
                await gate.close()

            statuses = sorted(a.status_code for a in answers)
            assert statuses == [202, 409], [a.text for a in answers]
            queued = next(a for a in answers if a.status_code == 202).json()
            refused = next(a for a in answers if a.status_code == 409).json()
            assert refused["type"] == "urn:gonghui:problem:run-in-flight", refused
            assert refused["run_id"] == queued["id"]
            listed = (await client.get("/v1/runs", headers=admin)).json()
            assert [r["id"] for r in listed] == [queued["id"]]


async def test_the_upgrade_refuses_to_start_over_two_runs_already_in_flight_together(
    database_at_0010: AsyncEngine, service_under_test: ServiceUnderTest
) -> None:
    engine = database_at_0010
    versions = [
        Policy(
            id=uuid.uuid4(),
            policy_key=KEY,
            version=version,
            name="福建省小微企业工会经费全额返还",
            region_prefixes=["35"],
            period_from="2026-01",
            period_to="2026-12",
            size_classes=["micro"],
            excluded_usccs=[],
            refund_ratio=Decimal("1.0000"),
            destinations=["union_account"],
            review_steps=1,
            mode=PolicyMode.AUTOMATIC,
            bank_rules=[],
            created_by="admin",
        )
        for version in (1, 2)
    ]
    # Started before this rule: version 1 over Fujian, version 2 over Fuzhou.
    runs = [
        RebateRun(
            id=uuid.uuid4(),
            period="2026-03",
            region_prefix=region,
            policy_id=policy.id,
            status=RunStatus.QUEUED,
            started_by="admin",
            started_at=datetime.now(UTC),
            enterprises_total=0,
            enterprises_done=0,
            cases_created=0,
            queued=0,
        )
        for policy, region in zip(versions, ("35", "3501"), strict=True)
    ]
    # The policy table as it stood at 0010 (later migrations add columns the model has).
    policy_then = table(
        "policy",
        *(column(c.name, c.type) for c in Policy.__table__.columns if c.name != "queue_offices"),
        schema="rebate",
    )
    async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
        for version in versions:
            values = {c.name: getattr(version, c.key) for c in policy_then.columns}
            await session.execute(
                policy_then.insert().values({k: v for k, v in values.items() if v is not None})
            )
        session.add_all(runs)

    with pytest.raises(DBAPIError, match="both in flight") as refused:
        await run_alembic(engine, service_under_test.alembic_ini, upgrade_to("head"))
    assert all(str(run.id) in str(refused.value) for run in runs)

    async with AsyncSession(engine) as session, session.begin():
        await session.execute(
            update(RebateRun).where(RebateRun.id == runs[1].id).values(status=RunStatus.FAILED)
        )
    await run_alembic(engine, service_under_test.alembic_ini, upgrade_to("head"))
    # And it can be taken back and made again.
    await run_alembic(engine, service_under_test.alembic_ini, downgrade_to("0010"))
    await run_alembic(engine, service_under_test.alembic_ini, upgrade_to("head"))
