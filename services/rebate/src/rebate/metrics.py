"""Rebate's own metrics: refunds paid counted as the bank's confirmation commits, and the
runs in flight read when /metrics is scraped."""

from decimal import Decimal

from prometheus_client import Counter, Gauge
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette

from rebate.models import OutboxMessage
from rebate.runs.models import RebateRun
from servicekit.telemetry import ScrapeReading, on_commit, outbox_reading, table_name

REFUNDS_PAID_YUAN = Counter(
    "rebate_refunds_paid_yuan", "Refunds paid to enterprises as their banks confirmed, in yuan"
)
PAYOUTS_PAID = Counter("rebate_payouts_paid", "Payouts their banks confirmed paid")
RUNS = Gauge("rebate_runs", "Rebate runs in flight", ["state"])
RUN_ENTERPRISES = Gauge(
    "rebate_run_enterprises", "Enterprises of the runs in flight, in all and done", ["state"]
)
RUN_OLDEST_SECONDS = Gauge(
    "rebate_run_oldest_in_flight_seconds", "Age of the oldest run queued or running (0: none)"
)
RUNS_UNHELD = Gauge(
    "rebate_runs_lease_expired",
    "Runs marked running whose worker's lease has run out: no live worker holds them",
)


def count_paid(session: AsyncSession, amount: Decimal) -> None:
    def paid() -> None:
        PAYOUTS_PAID.inc()
        # A counter is a float; yuan with two places stay exact far beyond any total paid.
        REFUNDS_PAID_YUAN.inc(float(amount))

    on_commit(session, paid)


_RUNS_QUERY = (
    "SELECT count(*) FILTER (WHERE status = 'queued'), "  # noqa: S608 (names from the model)
    "count(*) FILTER (WHERE status = 'running'), "
    "coalesce(sum(enterprises_total), 0), coalesce(sum(enterprises_done), 0), "
    "coalesce(extract(epoch FROM now() - min(started_at)), 0)::float8, "
    "count(*) FILTER (WHERE status = 'running' "
    "AND (lease_expires_at IS NULL OR lease_expires_at < now())) "
    f"FROM {table_name(RebateRun)} WHERE status IN ('queued', 'running')"
)


async def read_runs(app: Starlette) -> None:
    async with app.state.reads() as connection:
        queued, running, total, done, oldest, unheld = await connection.fetchrow(_RUNS_QUERY)
    RUNS.labels("queued").set(queued)
    RUNS.labels("running").set(running)
    RUN_ENTERPRISES.labels("total").set(total)
    RUN_ENTERPRISES.labels("done").set(done)
    RUN_OLDEST_SECONDS.set(oldest)
    RUNS_UNHELD.set(unheld)


READINGS: list[ScrapeReading] = [outbox_reading(OutboxMessage), read_runs]
