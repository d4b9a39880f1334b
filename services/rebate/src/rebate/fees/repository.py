"""Fee records in the database: the current version of each, their place in the queue, and
the rows of a delivery stored in one COPY."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, any_, bindparam, or_, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.fees.errors import RecordsChangedError
from rebate.fees.models import FeeRecord
from rebate.partners.models import WebhookDelivery
from rebate.runs.models import ExceptionReason, RebateException, Resolution
from servicekit.bulk import copy_records

# Transaction-scoped advisory lock: one delivery at a time decides which report of a payment
# is the first (`FeeRepository.one_delivery_at_a_time`).
PAYMENTS_LOCK = 0x7265626174652D70  # "rebate-p"


FEE_COLUMNS = (
    "id",
    "partner_id",
    "record_id",
    "version",
    "content_sha256",
    "uscc",
    "enterprise_name",
    "region_code",
    "period",
    "payroll_total",
    "fee_amount",
    "paid_at",
    "payer_bank",
    "payer_account_name",
    "payer_account_no_enc",
    "payer_account_no_masked",
    "tax_office",
    "webhook_id",
    "received_at",
    "payment_fingerprint",
)


@dataclass(frozen=True)
class Existing:
    id: uuid.UUID
    version: int
    content_sha256: str
    uscc: str
    period: str
    fee_amount: Decimal
    voided: bool
    payment_fingerprint: str | None


class FeeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(
        self,
        partner_id: uuid.UUID,
        webhook_id: str,
        event_type: str,
        received_at: datetime,
        body_sha256: str,
    ) -> bool:
        """Claim the webhook-id: False when it was received before (a concurrent duplicate
        waits here for the first to commit, then finds it taken)."""
        claimed = await self.session.execute(
            insert(WebhookDelivery)
            .values(
                partner_id=partner_id,
                webhook_id=webhook_id,
                event_type=event_type,
                received_at=received_at,
                body_sha256=body_sha256,
            )
            .on_conflict_do_nothing()
            .returning(WebhookDelivery.webhook_id)
        )
        return claimed.first() is not None

    async def delivery(self, partner_id: uuid.UUID, webhook_id: str) -> WebhookDelivery | None:
        return await self.session.get(WebhookDelivery, (partner_id, webhook_id))

    async def current(self, partner_id: uuid.UUID, record_ids: list[str]) -> dict[str, Existing]:
        if not record_ids:
            return {}
        # One index probe per record id of the delivery, whatever the table's size: as a plain
        # join the planner prefers a scan of the whole table once it holds a few hundred
        # thousand rows (10,000 random probes look dearer to it), 50 µs a record at a million.
        # LIMIT 1 (there is at most one current version) keeps the subquery from being
        # flattened into such a join; an array, as `IN` would bind 10,000 parameters.
        rows = await self.session.execute(
            text(
                """
                SELECT wanted.record_id, f.id, f.version, f.content_sha256, f.uscc, f.period,
                       f.fee_amount, f.voided_at IS NOT NULL, f.payment_fingerprint
                FROM unnest(CAST(:record_ids AS varchar[])) AS wanted (record_id)
                CROSS JOIN LATERAL (
                    SELECT * FROM rebate.fee_record f
                    WHERE f.partner_id = :partner_id AND f.record_id = wanted.record_id
                      AND f.superseded_at IS NULL
                    LIMIT 1
                ) f
                """
            ),
            {"record_ids": record_ids, "partner_id": partner_id},
        )
        return {rid: Existing(*row) for rid, *row in rows}

    async def held(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, ExceptionReason]:
        """Of these records, those a person holds out of the count: an open probable
        duplicate, or an entry a person dismissed."""
        if not ids:
            return {}
        rows = await self.session.execute(
            select(RebateException.fee_record_id, RebateException.reason).where(
                RebateException.fee_record_id.in_(ids),
                or_(
                    and_(
                        RebateException.resolved_at.is_(None),
                        RebateException.reason == ExceptionReason.PROBABLE_DUPLICATE,
                    ),
                    RebateException.resolution == Resolution.DISMISSED,
                ),
            )
        )
        return {record_id: reason for record_id, reason in rows if record_id is not None}

    async def retire(self, ids: list[uuid.UUID], now: datetime, *, superseded: bool) -> None:
        """Superseded or voided records leave the queue: their entries are closed. Only a
        record still current is retired: one another delivery superseded or voided since it
        was read (the read takes no lock) refuses the whole delivery, which the partner
        sends again and is then answered from what is current."""
        if not ids:
            return
        column = FeeRecord.superseded_at if superseded else FeeRecord.voided_at
        ids_param = bindparam("ids", ids, type_=ARRAY(FeeRecord.id.type))
        retired = await self.session.scalars(
            update(FeeRecord)
            .where(
                FeeRecord.id == any_(ids_param),
                FeeRecord.superseded_at.is_(None),
                FeeRecord.voided_at.is_(None),
            )
            .values({column: now})
            .returning(FeeRecord.id)
        )
        if len(retired.all()) != len(set(ids)):
            raise RecordsChangedError(
                "Records of this delivery were changed by another delivery while it was "
                "taken in; nothing of it was kept: send it again"
            )
        await self.session.execute(
            update(RebateException)
            .where(
                RebateException.fee_record_id
                == any_(bindparam("ids", ids, type_=ARRAY(FeeRecord.id.type))),
                RebateException.resolved_at.is_(None),
            )
            .values(resolved_at=now, resolution=Resolution.VOIDED)
        )

    async def one_delivery_at_a_time(self) -> None:
        """From the look-up of earlier reports of its payments to its commit, a delivery
        stores records alone: two deliveries of one payment (from two partners, or re-keyed
        by one) would otherwise each find no other and both be counted. Taken once the
        records are checked and their rows built, so that another delivery does that work
        meanwhile; the second to take it finds the first's records committed."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": PAYMENTS_LOCK}
        )

    async def first_reports(self, prints: list[str]) -> dict[str, uuid.UUID]:
        """Of these payments, the current records already stored that report them (looked
        up before this delivery's own are stored: they are never their own duplicates)."""
        rows = await self.session.execute(
            text(
                """
                SELECT f.payment_fingerprint, f.id FROM rebate.fee_record f
                WHERE f.payment_fingerprint = ANY(CAST(:prints AS varchar[]))
                  AND f.superseded_at IS NULL AND f.voided_at IS NULL
                ORDER BY f.received_at, f.id
                """
            ),
            {"prints": prints},
        )
        earlier: dict[str, uuid.UUID] = {}
        for fingerprint, record_id in rows:
            earlier.setdefault(fingerprint, record_id)
        return earlier

    async def case_paths(self, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The sub-tree of each enterprise's latest live case for the period, where it has one."""
        usccs, periods = zip(*pairs, strict=True) if pairs else ((), ())
        rows = await self.session.execute(
            text(
                """
                SELECT DISTINCT ON (c.uscc, c.period) c.uscc, c.period, c.org_path
                FROM unnest(CAST(:usccs AS varchar[]), CAST(:periods AS varchar[])) AS t (u, p)
                JOIN rebate.rebate_case c ON c.uscc = t.u AND c.period = t.p
                WHERE c.status <> 'rejected'
                ORDER BY c.uscc, c.period, c.created_at DESC
                """
            ),
            {"usccs": list(usccs), "periods": list(periods)},
        )
        return {(uscc, period): path for uscc, period, path in rows}

    async def store(self, rows: list[tuple[Any, ...]]) -> None:
        await copy_records(self.session, "fee_record", FEE_COLUMNS, rows, schema="rebate")

    async def hold(self, entries: list[RebateException]) -> None:
        self.session.add_all(entries)
        await self.session.flush()
