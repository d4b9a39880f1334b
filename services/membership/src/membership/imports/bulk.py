"""Enrolling a batch of people in one organisation with set-based SQL.

The same bookkeeping as `members.lifecycle` (affiliation, event, sub-tree tallies, monthly
joins), done once per batch instead of once per person, so 100,000 rows take seconds, not
hours. Rows whose person has an earlier, closed membership go through the lifecycle one by one.

The tallies of the org and its ancestors are added up over all batches and written once, by
`finish()`: the province's row is locked from that write until the commit, and every other
change in the province waits for it, so it is taken last rather than at the first batch.
"""

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import LargeBinary, Uuid, any_, bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from membership.members.lifecycle import Lifecycle, new_card_no
from membership.members.models import COUNTED_STATES, JoinChannel, Member, MemberState
from membership.members.repository import MemberRepository
from membership.metrics import count_bulk_joins
from membership.orgs.models import Org
from membership.people.models import EmploymentForm, Person
from membership.rollups.counts import Counts
from membership.rollups.repository import RollupRepository
from membership.rollups.service import Rollups
from servicekit.bulk import insert_unnest


@dataclass(frozen=True)
class StoredPerson:
    id: uuid.UUID
    employment_form: EmploymentForm


@dataclass(frozen=True)
class CandidateRow:
    row_number: int
    person: dict[str, Any]  # people.service.person_values: checked, encrypted, indexed, masked


CREATED = "created"
UNCHANGED = "unchanged"

_PERSON_TYPES = {
    "id": "uuid",
    "name": "varchar",
    "id_number_enc": "bytea",
    "id_number_index": "bytea",
    "id_number_masked": "varchar",
    "phone_enc": "bytea",
    "phone_index": "bytea",
    "phone_masked": "varchar",
    "employment_form": "varchar",
}


class BulkEnrolment:
    def __init__(
        self, session: AsyncSession, org: Org, actor: str, joined_at: datetime | None = None
    ) -> None:
        self.session = session
        self.org = org
        self.actor = actor
        # Historical records (demo data, migrations from old registers) keep their join date.
        self.joined_at = joined_at
        self.members = MemberRepository(session)
        self.rollups = Rollups(RollupRepository(session))
        self.enrolled = 0
        self.enrolled_new_form = 0
        self.joins_by_month: Counter[str] = Counter()

    async def apply(self, rows: list[CandidateRow]) -> dict[int, str]:
        """One batch, tallies included."""
        outcomes = await self.enrol(rows)
        await self.finish()
        return outcomes

    async def enrol(self, rows: list[CandidateRow]) -> dict[int, str]:
        """Outcome per row number: CREATED, UNCHANGED, or the reason the row was refused.
        The tallies wait for `finish()`."""
        outcomes: dict[int, str] = {}
        first_row_of: dict[bytes, int] = {}
        unique: list[CandidateRow] = []
        for row in rows:
            index = row.person["id_number_index"]
            if index in first_row_of:
                outcomes[row.row_number] = f"Same person as row {first_row_of[index]}"
                continue
            first_row_of[index] = row.row_number
            unique.append(row)
        if not unique:
            return outcomes

        people = await self._store_people(unique)
        # One array parameter rather than IN with a bind parameter per row.
        person_ids = bindparam("ids", [p.id for p in people.values()], type_=ARRAY(Uuid))
        existing = {
            m.person_id: m
            for m in await self.session.scalars(
                select(Member).where(Member.person_id == any_(person_ids))
            )
        }
        fresh: list[tuple[CandidateRow, StoredPerson]] = []
        for row in unique:
            stored = people[row.person["id_number_index"]]
            member = existing.get(stored.id)
            if member is None:
                fresh.append((row, stored))
            else:
                outcomes[row.row_number] = await self._rejoin(member, stored)
        await self._enrol_new(fresh)
        outcomes.update({row.row_number: CREATED for row, _ in fresh})
        return outcomes

    async def _store_people(self, rows: list[CandidateRow]) -> dict[bytes, StoredPerson]:
        values = {
            column: (pg_type, [_plain(r.person[column]) for r in rows])
            for column, pg_type in _PERSON_TYPES.items()
        }
        await insert_unnest(
            self.session,
            "membership.person",
            values,
            "ON CONFLICT (id_number_index) DO NOTHING",
        )
        indexes = bindparam(
            "indexes", [r.person["id_number_index"] for r in rows], type_=ARRAY(LargeBinary)
        )
        stored = await self.session.execute(
            select(Person.id, Person.id_number_index, Person.employment_form).where(
                Person.id_number_index == any_(indexes)
            )
        )
        return {index: StoredPerson(pid, form) for pid, index, form in stored}

    async def _rejoin(self, member: Member, stored: StoredPerson) -> str:
        if member.state in COUNTED_STATES or member.state is MemberState.APPLIED:
            if member.org_id == self.org.id:
                return UNCHANGED
            # One reason whatever the state: the other union's records are not the caller's.
            return "Registered with another union; ask for a transfer"
        person = await self.session.get(Person, stored.id)
        assert person is not None
        await Lifecycle(self.members).move(
            member,
            person,
            MemberState.ACTIVE,
            kind="imported",
            actor=self.actor,
            org_id=self.org.id,
            channel=JoinChannel.BULK_IMPORT,
        )
        return CREATED

    async def _enrol_new(self, fresh: list[tuple[CandidateRow, StoredPerson]]) -> None:
        if not fresh:
            return
        now = datetime.now(UTC)
        joined = self.joined_at or now
        numbers = list(
            await self.session.scalars(
                text("SELECT nextval('membership.membership_no_seq') FROM generate_series(1, :n)"),
                {"n": len(fresh)},
            )
        )
        member_ids = [uuid.uuid4() for _ in fresh]
        count = len(fresh)
        count_bulk_joins(self.session, JoinChannel.BULK_IMPORT, count)
        await insert_unnest(
            self.session,
            "membership.member",
            {
                "id": ("uuid", member_ids),
                "person_id": ("uuid", [person.id for _, person in fresh]),
                "membership_no": ("varchar", [f"GH{n:010d}" for n in numbers]),
                "card_no": ("varchar", [new_card_no() for _ in fresh]),
                "state": ("varchar", [MemberState.ACTIVE.value] * count),
                "org_id": ("uuid", [self.org.id] * count),
                "channel": ("varchar", [JoinChannel.BULK_IMPORT.value] * count),
                "joined_on": ("date", [joined.date()] * count),
                "version": ("integer", [1] * count),
            },
        )
        await insert_unnest(
            self.session,
            "membership.affiliation",
            {
                "id": ("uuid", [uuid.uuid4() for _ in fresh]),
                "member_id": ("uuid", member_ids),
                "org_id": ("uuid", [self.org.id] * count),
                "started_at": ("timestamptz", [joined] * count),
            },
        )
        await insert_unnest(
            self.session,
            "membership.member_event",
            {
                "member_id": ("uuid", member_ids),
                "at": ("timestamptz", [now] * count),
                "kind": ("varchar", ["imported"] * count),
                "to_state": ("varchar", [MemberState.ACTIVE.value] * count),
                "org_id": ("uuid", [self.org.id] * count),
                "actor": ("varchar", [self.actor] * count),
            },
        )
        self.enrolled += count
        self.enrolled_new_form += sum(1 for _, p in fresh if p.employment_form.is_new_form)
        self.joins_by_month[joined.strftime("%Y-%m")] += count

    async def finish(self) -> None:
        """Write the tallies and joins of everyone enrolled since the last call."""
        if not self.enrolled:
            return
        counts = Counts(members=self.enrolled, new_form_members=self.enrolled_new_form)
        await self.rollups.members_changed([(self.org.id, counts)])
        for month, joins in sorted(self.joins_by_month.items()):
            await self.rollups.joined(self.org.id, month, joins)
        self.enrolled = self.enrolled_new_form = 0
        self.joins_by_month.clear()


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, EmploymentForm) else value
