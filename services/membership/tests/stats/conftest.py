"""The sub-tree tallies checked against a recount from the base tables."""

import uuid
from collections import Counter
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

CheckRollups = Callable[[], Awaitable[None]]

COUNTS = (
    "organisations",
    "new_form_unions",
    "members",
    "new_form_members",
    "new_form_enterprises",
    "services",
)


def nonzero(joins: Counter[tuple[uuid.UUID, str]]) -> dict[tuple[uuid.UUID, str], int]:
    # Not Counter's unary +, which would also drop a (wrong) negative count.
    return {key: count for key, count in joins.items() if count != 0}


async def recount(
    session: AsyncSession,
) -> tuple[dict[uuid.UUID, tuple[int, ...]], dict[tuple[uuid.UUID, str], int]]:
    """Every org's sub-tree counts and monthly joins by the original definitions, summed in
    Python from the rows of org, member, person, enterprise and org_monthly_joins."""
    orgs = {
        org_id: (path.split("."), status == "active", new_form)
        for org_id, path, status, new_form in await session.execute(
            text("SELECT id, CAST(path AS text), status, new_form FROM membership.org")
        )
    }
    ids_by_label = {org_id.hex: org_id for org_id in orgs}

    def chain(org_id: uuid.UUID) -> list[uuid.UUID]:
        return [ids_by_label[label] for label in orgs[org_id][0]]

    totals: dict[uuid.UUID, Counter[str]] = {org_id: Counter() for org_id in orgs}
    for org_id, (_, active, new_form) in orgs.items():
        for ancestor in chain(org_id):
            totals[ancestor]["organisations"] += active
            totals[ancestor]["new_form_unions"] += active and new_form
    members = await session.execute(
        text(
            "SELECT m.org_id, p.employment_form FROM membership.member m"
            " JOIN membership.person p ON p.id = m.person_id"
            " WHERE m.state IN ('active', 'transferring', 'suspended')"
        )
    )
    for org_id, form in members:
        for ancestor in chain(org_id):
            totals[ancestor]["members"] += 1
            totals[ancestor]["new_form_members"] += form != "employee"
    # An enterprise counts in P when a new-form org N lies in P's sub-tree and its union
    # (else its federation) lies in N's sub-tree.
    enterprises = await session.execute(
        text("SELECT coalesce(union_org_id, affiliated_org_id) FROM membership.enterprise")
    )
    for (union_id,) in enterprises:
        counted_by: set[uuid.UUID] = set()
        for new_form_org in (o for o in chain(union_id) if orgs[o][2]):
            counted_by.update(chain(new_form_org))
        for org_id in counted_by:
            totals[org_id]["new_form_enterprises"] += 1

    for (org_id,) in await session.execute(text("SELECT org_id FROM membership.service_record")):
        for ancestor in chain(org_id):
            totals[ancestor]["services"] += 1

    joins: Counter[tuple[uuid.UUID, str]] = Counter()
    for org_id, month, count in await session.execute(
        text("SELECT org_id, month, joins FROM membership.org_monthly_joins")
    ):
        for ancestor in chain(org_id):
            joins[ancestor, month] += count
    return (
        {org_id: tuple(c[name] for name in COUNTS) for org_id, c in totals.items()},
        nonzero(joins),
    )


async def stored(
    session: AsyncSession,
) -> tuple[dict[uuid.UUID, tuple[int, ...]], dict[tuple[uuid.UUID, str], int]]:
    totals = {
        row[0]: tuple(row[1:])
        for row in await session.execute(
            text(f"SELECT org_id, {', '.join(COUNTS)} FROM membership.org_subtree_tally")  # noqa: S608
        )
    }
    joins: Counter[tuple[uuid.UUID, str]] = Counter()
    for org_id, month, count in await session.execute(
        text("SELECT org_id, month, joins FROM membership.org_subtree_monthly_joins")
    ):
        joins[org_id, month] = count
    return totals, nonzero(joins)


async def assert_rollups_match(session: AsyncSession) -> None:
    expected_totals, expected_joins = await recount(session)
    totals, joins = await stored(session)
    zero = tuple(0 for _ in COUNTS)
    wrong = {
        org_id: (totals.get(org_id, zero), want)
        for org_id, want in expected_totals.items()
        if totals.get(org_id, zero) != want
    }
    assert not wrong, f"(stored, recounted) {COUNTS} differ: {wrong}"
    assert joins == expected_joins


@pytest.fixture
def check_rollups(session: AsyncSession) -> CheckRollups:
    async def check() -> None:
        await assert_rollups_match(session)

    return check
