import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from membership.members.models import (
    MEMBERSHIP_NO_SEQUENCE,
    Affiliation,
    Member,
    MemberEvent,
    MemberState,
)
from membership.orgs.models import Org
from membership.orgs.repository import within
from membership.people.models import Person


class MemberRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, member_id: uuid.UUID) -> Member | None:
        return await self.session.get(Member, member_id)

    async def with_person(self, member_id: uuid.UUID) -> tuple[Member, Person, Org] | None:
        row = (
            await self.session.execute(
                select(Member, Person, Org)
                .join(Person, Person.id == Member.person_id)
                .join(Org, Org.id == Member.org_id)
                .where(Member.id == member_id)
            )
        ).first()
        return (row[0], row[1], row[2]) if row else None

    async def by_person(self, person_id: uuid.UUID) -> Member | None:
        return await self.session.scalar(select(Member).where(Member.person_id == person_id))

    async def by_membership_no(self, membership_no: str) -> Member | None:
        return await self.session.scalar(
            select(Member).where(Member.membership_no == membership_no)
        )

    async def by_card_no(self, card_no: str) -> Member | None:
        return await self.session.scalar(select(Member).where(Member.card_no == card_no))

    async def next_membership_no(self) -> str:
        value = await self.session.scalar(MEMBERSHIP_NO_SEQUENCE.next_value())
        return f"GH{value:010d}"

    async def add(self, record: Member | MemberEvent | Affiliation) -> None:
        self.session.add(record)
        await self.session.flush()

    async def close_affiliation(self, member_id: uuid.UUID, at: datetime, reason: str) -> None:
        await self.session.execute(
            update(Affiliation)
            .where(Affiliation.member_id == member_id, Affiliation.ended_at.is_(None))
            .values(ended_at=at, end_reason=reason)
        )

    async def in_subtree(
        self,
        path: str,
        states: list[MemberState] | None,
        after: tuple[str, uuid.UUID] | None,
        limit: int,
    ) -> Sequence[Row[Member, Person, Org]]:
        query = (
            select(Member, Person, Org)
            .join(Org, Org.id == Member.org_id)
            .join(Person, Person.id == Member.person_id)
            .where(within(path))
        )
        if states:
            query = query.where(Member.state.in_(states))
        if after is not None:
            query = query.where(
                tuple_(Member.membership_no, Member.id) > tuple_(after[0], after[1])
            )
        query = query.order_by(Member.membership_no, Member.id).limit(limit)
        return (await self.session.execute(query)).all()

    async def by_membership_nos(
        self, membership_nos: Sequence[str]
    ) -> Sequence[Row[Member, Person, Org]]:
        query = (
            select(Member, Person, Org)
            .join(Person, Person.id == Member.person_id)
            .join(Org, Org.id == Member.org_id)
            .where(Member.membership_no.in_(list(membership_nos)))
        )
        return (await self.session.execute(query)).all()

    async def events(self, member_id: uuid.UUID) -> list[MemberEvent]:
        query = (
            select(MemberEvent).where(MemberEvent.member_id == member_id).order_by(MemberEvent.id)
        )
        return list(await self.session.scalars(query))

    async def affiliations(self, member_id: uuid.UUID) -> Sequence[Row[Affiliation, str, str]]:
        query = (
            select(Affiliation, Org.name, Org.path)
            .join(Org, Org.id == Affiliation.org_id)
            .where(Affiliation.member_id == member_id)
            .order_by(Affiliation.started_at)
        )
        return (await self.session.execute(query)).all()
