"""Membership's own metrics: joins, approvals and honours counted as their transactions
commit, and the imports in progress read when /metrics is scraped."""

import functools

from prometheus_client import Counter, Gauge
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette

from membership.events.models import OutboxMessage
from membership.honours.models import Honour
from membership.joining.models import ImportJob
from membership.members.models import JoinChannel, Member, MemberState
from servicekit.telemetry import ScrapeReading, on_commit, outbox_reading, table_name

JOINS = Counter(
    "membership_joins",
    "People who joined a union (an application or a membership begun), by channel",
    ["channel"],
)
APPROVALS = Counter("membership_approvals", "Membership applications approved")
HONOURS_GRANTED = Counter("membership_honours_granted", "Honours granted", ["kind", "level"])
IMPORTS_RUNNING = Gauge("membership_imports_running", "Member imports in progress")
IMPORT_ROWS = Gauge(
    "membership_import_rows", "Rows of the imports in progress, in all and processed", ["state"]
)
IMPORT_OLDEST_RUNNING = Gauge(
    "membership_import_oldest_running_seconds",
    "Age of the oldest import still in progress (0: none)",
)

# A membership begins from no record, from services alone (先服务后入会), or after it ended
# or was refused.
_NOT_A_MEMBER = frozenset(
    {None, MemberState.SERVICE_RECIPIENT, MemberState.WITHDRAWN, MemberState.REJECTED}
)
_JOINED = frozenset({MemberState.APPLIED, MemberState.ACTIVE})


def count_membership_change(
    session: AsyncSession, member: Member, from_state: MemberState | None, kind: str
) -> None:
    if member.state in _JOINED and from_state in _NOT_A_MEMBER:
        on_commit(session, JOINS.labels(member.channel.value).inc)
    if kind == "approved":
        on_commit(session, APPROVALS.inc)


def count_bulk_joins(session: AsyncSession, channel: JoinChannel, count: int) -> None:
    """Memberships begun by the row in bulk (imports: the worker), as `count_membership_change`
    counts them one at a time."""
    on_commit(session, functools.partial(JOINS.labels(channel.value).inc, count))


def count_honour(session: AsyncSession, honour: Honour) -> None:
    on_commit(session, HONOURS_GRANTED.labels(honour.kind.value, honour.level.value).inc)


_IMPORTS_QUERY = (
    "SELECT count(*), coalesce(sum(total_rows), 0), "  # noqa: S608 (names from the model)
    "coalesce(sum(created_rows + unchanged_rows + error_rows), 0), "
    "coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 "
    f"FROM {table_name(ImportJob)} WHERE status = 'running'"
)


async def read_imports(app: Starlette) -> None:
    async with app.state.reads() as connection:
        running, total, processed, oldest = await connection.fetchrow(_IMPORTS_QUERY)
    IMPORTS_RUNNING.set(running)
    IMPORT_ROWS.labels("total").set(total)
    IMPORT_ROWS.labels("processed").set(processed)
    IMPORT_OLDEST_RUNNING.set(oldest)


READINGS: list[ScrapeReading] = [outbox_reading(OutboxMessage), read_imports]
