import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, String, any_, bindparam, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.elements import ColumnElement

from membership.enterprises.models import Enterprise, EnterpriseAffiliation, EnterpriseReview
from membership.orgs.models import Org
from membership.orgs.repository import within

USCC_UNIQUE = "uq_enterprise_uscc"
# Rows of LOOKUP_COLUMNS, read by attribute name.
LookupRow = Row[*tuple[Any, ...]]
# Only what a lookup answers: the ciphertext never leaves the database on this path.
LOOKUP_COLUMNS = (
    Enterprise.id,
    Enterprise.uscc,
    Enterprise.name,
    Enterprise.size_class,
    Enterprise.region_code,
    Enterprise.needs_review,
    Enterprise.affiliated_org_id,
    Enterprise.union_org_id,
    Enterprise.union_account_no_masked,
    Org.path.label("org_path"),
)


class EnterpriseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_with_org(self, enterprise_id: uuid.UUID) -> tuple[Enterprise, Org] | None:
        """The enterprise and the org it is affiliated to, whose path decides who sees it."""
        return await self._with_org(Enterprise.id == enterprise_id)

    async def by_uscc_with_org(self, uscc: str) -> tuple[Enterprise, Org] | None:
        return await self._with_org(Enterprise.uscc == uscc)

    async def _with_org(self, condition: ColumnElement[bool]) -> tuple[Enterprise, Org] | None:
        query = (
            select(Enterprise, Org)
            .join(Org, Org.id == Enterprise.affiliated_org_id)
            .where(condition)
        )
        row = (await self.session.execute(query)).one_or_none()
        return None if row is None else (row[0], row[1])

    async def add_unique(self, enterprise: Enterprise, affiliation: EnterpriseAffiliation) -> bool:
        """Insert both; False when the credit code is already taken (even by a racing insert)."""
        try:
            async with self.session.begin_nested():
                self.session.add(enterprise)
                await self.session.flush()
                self.session.add(affiliation)
        except IntegrityError as exc:
            if USCC_UNIQUE not in str(exc.orig):
                raise
            return False
        return True

    async def save(self) -> bool:
        """Flush pending changes; False when another request changed the same row first."""
        try:
            await self.session.flush()
        except StaleDataError:
            return False
        return True

    async def open_affiliation(self, enterprise_id: uuid.UUID) -> EnterpriseAffiliation | None:
        query = select(EnterpriseAffiliation).where(
            EnterpriseAffiliation.enterprise_id == enterprise_id,
            EnterpriseAffiliation.ended_at.is_(None),
        )
        return (await self.session.scalars(query)).one_or_none()

    async def add_affiliation(self, affiliation: EnterpriseAffiliation) -> None:
        self.session.add(affiliation)
        await self.session.flush()

    async def add_review(self, review: EnterpriseReview) -> None:
        self.session.add(review)
        await self.session.flush()

    async def reviews(self, enterprise_id: uuid.UUID) -> list[EnterpriseReview]:
        query = (
            select(EnterpriseReview)
            .where(EnterpriseReview.enterprise_id == enterprise_id)
            .order_by(EnterpriseReview.reviewed_at)
        )
        return list(await self.session.scalars(query))

    async def affiliations(self, enterprise_id: uuid.UUID) -> list[EnterpriseAffiliation]:
        query = (
            select(EnterpriseAffiliation)
            .where(EnterpriseAffiliation.enterprise_id == enterprise_id)
            .order_by(EnterpriseAffiliation.started_at, EnterpriseAffiliation.ended_at.nulls_last())
        )
        return list(await self.session.scalars(query))

    async def in_subtree(
        self,
        path: str,
        after: tuple[str, uuid.UUID] | None,
        limit: int,
        needs_review: bool | None = None,
    ) -> list[Enterprise]:
        query = select(Enterprise).join(Org, Org.id == Enterprise.affiliated_org_id)
        query = query.where(within(path))
        if needs_review is not None:
            query = query.where(Enterprise.needs_review.is_(needs_review))
        if after is not None:
            # tuple_(): a Python tuple comparison would silently compare the names alone.
            query = query.where(tuple_(Enterprise.name, Enterprise.id) > tuple_(*after))
        query = query.order_by(Enterprise.name, Enterprise.id).limit(limit)
        return list(await self.session.scalars(query))

    async def lookup(self, usccs: Sequence[str]) -> Sequence[LookupRow]:
        """One statement with one array parameter, however many codes are asked for."""
        codes = bindparam("codes", list(usccs), type_=ARRAY(String))
        query = (
            select(*LOOKUP_COLUMNS)
            .join(Org, Org.id == Enterprise.affiliated_org_id)
            .where(Enterprise.uscc == any_(codes))
        )
        return (await self.session.execute(query)).all()
