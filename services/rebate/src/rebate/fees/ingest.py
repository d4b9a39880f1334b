"""Taking in fee records, from a signed webhook or a CSV file: checked one by one, stored
once per (partner, record_id), corrections as new versions, every amount on the ledger."""

import hashlib
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import and_, any_, bindparam, or_, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.service import AuditLog, Step
from rebate.cases.settlement import Settlement
from rebate.fees.ids import new_ids
from rebate.fees.models import PAYER_ACCOUNT_FIELD, FeeRecord
from rebate.fees.schemas import DeliveryResult, FeeRecordIn, FeeVoidIn, Rejection
from rebate.ledger.models import Account
from rebate.ledger.service import ZERO, Ledger, Posting
from rebate.partners.models import Partner, WebhookDelivery
from rebate.runs.models import ExceptionReason, RebateException, Resolution
from servicekit.bulk import copy_records
from servicekit.pii import PiiCipher, mask_account_number

RECORDED = "fee.recorded"
CORRECTED = "fee.corrected"
VOIDED = "fee.voided"
PAYMENT_FIELD = "fee_record.payment"
# Transaction-scoped advisory lock: one delivery at a time decides which report of a payment
# is the first (`FeeIntake._one_delivery_at_a_time`).
PAYMENTS_LOCK = 0x7265626174652D70  # "rebate-p"
_records = TypeAdapter(list[FeeRecordIn])
_record = TypeAdapter(FeeRecordIn)
_void = TypeAdapter(FeeVoidIn)


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


@dataclass
class Outcome:
    rejected: list[Rejection]
    accepted: int = 0
    duplicates: int = 0
    corrections: int = 0
    voided: int = 0
    probable_duplicates: list[str] = field(default_factory=list)
    # The enterprises and periods whose cases must be brought in line with the records.
    touched: set[tuple[str, str]] = field(default_factory=set)


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


def content_hash(raw: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(raw, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _amount_problem(record: FeeRecordIn, correcting: bool) -> str | None:
    # A correction to 0.00 takes the payment back in full; a new record of nothing is a mistake.
    if record.fee_amount < 0 or (record.fee_amount == 0 and not correcting):
        return "fee_amount must be above 0.00"
    if record.fee_amount > record.payroll_total:
        return "fee_amount exceeds payroll_total"
    return None


def check_voids(raw: Sequence[Any]) -> tuple[list[str], list[Rejection]]:
    """A void names a record: {"record_id": "..."}; each record id once."""
    wanted: list[str] = []
    bad: list[Rejection] = []
    for item in raw:
        try:
            wanted.append(_void.validate_python(item).record_id)
        except ValidationError as exc:
            rid = item.get("record_id") if isinstance(item, dict) else None
            bad.append(
                Rejection(record_id=str(rid) if rid is not None else None, reason=_reason(exc))
            )
    counts = Counter(wanted)
    for rid, n in counts.items():
        if n > 1:
            bad.append(
                Rejection(record_id=rid, reason=f"record_id appears {n} times in this delivery")
            )
    return [rid for rid in dict.fromkeys(wanted) if counts[rid] == 1], bad


def check_records(
    raw: Sequence[Any], correcting: bool = False
) -> tuple[list[tuple[FeeRecordIn, dict[str, Any]]], list[Rejection]]:
    """Valid records with their raw form, and a reason for each invalid one."""
    try:
        # One pass over the whole list in pydantic-core: the common, all-valid case is fast.
        parsed: list[FeeRecordIn | ValidationError] = list(_records.validate_python(list(raw)))
    except ValidationError:
        parsed = []
        for item in raw:
            try:
                parsed.append(_record.validate_python(item))
            except ValidationError as exc:
                parsed.append(exc)
    good: list[tuple[FeeRecordIn, dict[str, Any]]] = []
    bad: list[Rejection] = []
    for item, outcome in zip(raw, parsed, strict=True):
        record_id = item.get("record_id") if isinstance(item, dict) else None
        rid = str(record_id) if record_id is not None else None
        if isinstance(outcome, ValidationError):
            bad.append(Rejection(record_id=rid, reason=_reason(outcome)))
        elif (problem := _amount_problem(outcome, correcting)) is not None:
            bad.append(Rejection(record_id=rid, reason=problem))
        else:
            good.append((outcome, item))
    return _once_each(good, bad)


def _once_each(
    good: list[tuple[FeeRecordIn, dict[str, Any]]], bad: list[Rejection]
) -> tuple[list[tuple[FeeRecordIn, dict[str, Any]]], list[Rejection]]:
    """A record id twice in one delivery is ambiguous (which one is meant?): every
    occurrence is refused as such, and none is stored."""
    counts = Counter(record.record_id for record, _ in good)
    twice = {rid for rid, n in counts.items() if n > 1}
    if not twice:
        return good, bad
    for rid in sorted(twice):
        bad.append(
            Rejection(
                record_id=rid,
                reason=f"record_id appears {counts[rid]} times in this delivery",
            )
        )
    return [(r, raw) for r, raw in good if r.record_id not in twice], bad


def _within_regions(
    partner: Partner, good: list[tuple[FeeRecordIn, dict[str, Any]]], rejected: list[Rejection]
) -> list[tuple[FeeRecordIn, dict[str, Any]]]:
    """A tax partner sends the records of its regions only; any other is refused (it is not
    this partner's to report, and would be refunded by a federation that never vouched for
    it). A correction is held to the same: it cannot move a record out of them."""
    prefixes = tuple(partner.region_prefixes)
    inside = [(record, raw) for record, raw in good if record.region_code.startswith(prefixes)]
    if len(inside) == len(good):
        return good
    registered = ", ".join(prefixes) or "none yet; an admin sets them"
    rejected.extend(
        Rejection(
            record_id=record.record_id,
            reason=f"region_code {record.region_code} is outside the regions this partner "
            f"is registered for ({registered})",
        )
        for record, _ in good
        if not record.region_code.startswith(prefixes)
    )
    return inside


class FeeIntake:
    def __init__(self, session: AsyncSession, pii: PiiCipher) -> None:
        self.session = session
        self.pii = pii

    async def seen(self, partner_id: uuid.UUID, webhook_id: str) -> DeliveryResult | None:
        """The first answer, in full, to a delivery already received under this webhook-id."""
        delivery = await self.session.get(WebhookDelivery, (partner_id, webhook_id))
        if delivery is None:
            return None
        first = DeliveryResult.model_validate(
            delivery.answer
            or {"accepted": delivery.accepted, "duplicates": delivery.duplicates, "rejected": []}
        )
        return first.model_copy(update={"duplicate": True})

    async def take(
        self,
        partner: Partner,
        webhook_id: str,
        event_type: str,
        raw_records: Sequence[object],
        body_sha256: str,
        actor: str,
    ) -> DeliveryResult:
        now = datetime.now(UTC)
        # Claim the webhook-id first: a concurrent duplicate waits here, then finds it taken.
        claimed = await self.session.execute(
            insert(WebhookDelivery)
            .values(
                partner_id=partner.id,
                webhook_id=webhook_id,
                event_type=event_type,
                received_at=now,
                body_sha256=body_sha256,
            )
            .on_conflict_do_nothing()
            .returning(WebhookDelivery.webhook_id)
        )
        if claimed.first() is None:
            answer = await self.seen(partner.id, webhook_id)
            assert answer is not None
            return answer

        if event_type == VOIDED:
            result = await self._void(partner, raw_records, now)
        else:
            result = await self._record(partner, webhook_id, event_type, raw_records, now)
        await Settlement(self.session).settle_all(result.touched, actor)

        delivery = await self.session.get(WebhookDelivery, (partner.id, webhook_id))
        assert delivery is not None
        answer = DeliveryResult(
            accepted=result.accepted,
            duplicates=result.duplicates,
            rejected=result.rejected,
            probable_duplicates=result.probable_duplicates,
        )
        delivery.accepted, delivery.duplicates, delivery.rejected = (
            result.accepted,
            result.duplicates,
            len(result.rejected),
        )
        delivery.answer = answer.model_dump(mode="json")
        await AuditLog(self.session).append(
            Step(
                "fees.received",
                actor,
                {
                    "partner_id": str(partner.id),
                    "webhook_id": webhook_id,
                    "type": event_type,
                    "body_sha256": body_sha256,
                    "accepted": result.accepted,
                    "corrections": result.corrections,
                    "voided": result.voided,
                    "duplicates": result.duplicates,
                    "probable_duplicates": len(result.probable_duplicates),
                    "rejected": len(result.rejected),
                },
            )
        )
        return answer

    async def _record(
        self,
        partner: Partner,
        webhook_id: str,
        event_type: str,
        raw_records: Sequence[object],
        now: datetime,
    ) -> Outcome:
        correcting = event_type == CORRECTED
        good, rejected = check_records(raw_records, correcting)
        good = _within_regions(partner, good, rejected)
        existing = await self._current(partner.id, [r.record_id for r, _ in good])
        outcome = Outcome(rejected=rejected)
        fresh: list[tuple[FeeRecordIn, str, int]] = []
        superseded: list[Existing] = []
        for record, raw in good:
            digest = content_hash(raw)
            known = existing.get(record.record_id)
            if known is None:
                if record.fee_amount == 0:
                    outcome.rejected.append(
                        Rejection(
                            record_id=record.record_id, reason="fee_amount must be above 0.00"
                        )
                    )
                    continue
                fresh.append((record, digest, 1))
            elif known.voided:
                outcome.rejected.append(
                    Rejection(record_id=record.record_id, reason="the record was voided")
                )
            elif known.content_sha256 == digest:
                outcome.duplicates += 1
            elif correcting:
                superseded.append(known)
                fresh.append((record, digest, known.version + 1))
            else:
                outcome.rejected.append(
                    Rejection(
                        record_id=record.record_id,
                        reason=(
                            "record_id already received with other content; "
                            "send fee.corrected to change it"
                        ),
                    )
                )
        held = await self._held([s.id for s in superseded])
        await self._retire([s.id for s in superseded], now, superseded=True)
        prints = [self._fingerprint(r) for r, _, _ in fresh]
        ids = new_ids(len(fresh))
        rows = self._rows(partner.id, webhook_id, fresh, ids, prints, now)
        earlier: dict[str, uuid.UUID] = {}
        if fresh:
            await self._one_delivery_at_a_time()
            earlier = await self._first_reports(prints)
            await copy_records(self.session, "fee_record", FEE_COLUMNS, rows, schema="rebate")
        await self._post(fresh, existing)
        await self._keep_held(fresh, ids, existing, held)
        # A correction that leaves the payment as it was keeps its record's place (and one
        # held before stays held, above); one that makes it another payment is checked anew.
        keep_place = {
            row_id
            for (record, _, version), row_id, fingerprint in zip(fresh, ids, prints, strict=True)
            if version > 1
            and (
                existing[record.record_id].payment_fingerprint == fingerprint
                or existing[record.record_id].id in held
            )
        }
        outcome.probable_duplicates = await self._queue_probable_duplicates(
            fresh, ids, prints, earlier, keep_place
        )
        outcome.accepted = len(fresh)
        outcome.corrections = len(superseded)
        outcome.touched = {(r.uscc, r.period) for r, _, _ in fresh} | {
            (s.uscc, s.period) for s in superseded
        }
        return outcome

    async def _void(
        self, partner: Partner, raw_records: Sequence[object], now: datetime
    ) -> Outcome:
        """`fee.voided`: the partner takes payments back in full; every version stays, the
        current one is marked voided and its amount leaves what was collected."""
        wanted, rejected = check_voids(raw_records)
        existing = await self._current(partner.id, wanted)
        outcome = Outcome(rejected=rejected)
        for rid in wanted:
            if rid in existing and existing[rid].voided:
                outcome.duplicates += 1
                del existing[rid]
            elif rid not in existing:
                outcome.rejected.append(
                    Rejection(record_id=rid, reason="no current record with this record_id")
                )
        found = [existing[rid] for rid in wanted if rid in existing]
        await self._retire([f.id for f in found], now, superseded=False)
        await Ledger(self.session).post(
            [
                Posting(
                    "collected_void",
                    f.uscc,
                    f.period,
                    f.fee_amount,
                    Account.FEES_COLLECTED,
                    Account.FEES_HELD,
                    fee_record_id=f.id,
                )
                for f in found
            ]
        )
        outcome.voided = outcome.accepted = len(found)
        outcome.touched = {(f.uscc, f.period) for f in found}
        return outcome

    async def _retire(self, ids: list[uuid.UUID], now: datetime, *, superseded: bool) -> None:
        """Superseded or voided records leave the queue: their entries are closed."""
        if not ids:
            return
        column = FeeRecord.superseded_at if superseded else FeeRecord.voided_at
        ids_param = bindparam("ids", ids, type_=ARRAY(FeeRecord.id.type))
        await self.session.execute(
            update(FeeRecord).where(FeeRecord.id == any_(ids_param)).values({column: now})
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

    async def _held(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, ExceptionReason]:
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

    async def _keep_held(
        self,
        fresh: list[tuple[FeeRecordIn, str, int]],
        ids: list[uuid.UUID],
        existing: dict[str, Existing],
        held: dict[uuid.UUID, ExceptionReason],
    ) -> None:
        """A correction does not release a held record: its new version waits for a person
        too (else one payment reported twice would be counted twice after a correction)."""
        entries = [
            RebateException(
                id=uuid.uuid4(),
                fee_record_id=row_id,
                uscc=record.uscc,
                period=record.period,
                reason=held[existing[record.record_id].id],
                detail="Held before this correction; a person decides again",
            )
            for (record, _, version), row_id in zip(fresh, ids, strict=True)
            if version > 1 and existing[record.record_id].id in held
        ]
        self.session.add_all(entries)
        await self.session.flush()

    def _fingerprint(self, record: FeeRecordIn) -> str:
        payment = "|".join(
            (
                record.uscc,
                record.period,
                record.payer_account.account_no,
                str(record.fee_amount),
                record.paid_at.astimezone(UTC).isoformat(),
            )
        )
        return self.pii.blind_index(PAYMENT_FIELD, payment).hex()

    async def _one_delivery_at_a_time(self) -> None:
        """From the look-up of earlier reports of its payments to its commit, a delivery
        stores records alone: two deliveries of one payment (from two partners, or re-keyed
        by one) would otherwise each find no other and both be counted. Taken after the
        records are checked and their rows built, so that another delivery does that work
        meanwhile; the audit chain serialises the end of every delivery anyway."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": PAYMENTS_LOCK}
        )

    async def _first_reports(self, prints: list[str]) -> dict[str, uuid.UUID]:
        """Of these payments, the current records already stored that report them (before
        this delivery's own rows are: they are never their own duplicates)."""
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

    async def _queue_probable_duplicates(
        self,
        fresh: list[tuple[FeeRecordIn, str, int]],
        ids: list[uuid.UUID],
        prints: list[str],
        earlier: dict[str, uuid.UUID],
        keep_place: set[uuid.UUID],
    ) -> list[str]:
        """The same payment as another current record (any partner, any record id) is held
        in the queue for a person, not summed: one payment is refunded once."""
        queued: list[str] = []
        entries: list[RebateException] = []
        for (record, _, _), row_id, fingerprint in zip(fresh, ids, prints, strict=True):
            # The first report of a payment counts (an earlier delivery's, else the first in
            # this one); later ones are held.
            first = earlier.setdefault(fingerprint, row_id)
            if row_id in keep_place or first == row_id:
                continue
            queued.append(record.record_id)
            entries.append(
                RebateException(
                    id=uuid.uuid4(),
                    fee_record_id=row_id,
                    uscc=record.uscc,
                    period=record.period,
                    reason=ExceptionReason.PROBABLE_DUPLICATE,
                    detail=f"The same payment as fee record {first}",
                )
            )
        self.session.add_all(entries)
        await self.session.flush()
        return queued

    async def _current(self, partner_id: uuid.UUID, record_ids: list[str]) -> dict[str, Existing]:
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

    def _rows(
        self,
        partner_id: uuid.UUID,
        webhook_id: str,
        fresh: list[tuple[FeeRecordIn, str, int]],
        ids: list[uuid.UUID],
        prints: list[str],
        now: datetime,
    ) -> list[tuple[Any, ...]]:
        """The rows to COPY: new by construction (checked against the current versions
        above). A concurrent delivery of the same records still meets the unique indexes:
        the later one then stores nothing and is answered 409, and its retry finds
        duplicates."""
        encrypt = self.pii.encrypt
        return [
            (
                row_id,
                partner_id,
                r.record_id,
                version,
                digest,
                r.uscc,
                r.enterprise_name,
                r.region_code,
                r.period,
                r.payroll_total,
                r.fee_amount,
                r.paid_at,
                r.payer_account.bank,
                r.payer_account.account_name,
                encrypt(PAYER_ACCOUNT_FIELD, r.payer_account.account_no),
                mask_account_number(r.payer_account.account_no),
                r.tax_office,
                webhook_id,
                now,
                fingerprint,
            )
            for row_id, (r, digest, version), fingerprint in zip(ids, fresh, prints, strict=True)
        ]

    async def _post(
        self, fresh: list[tuple[FeeRecordIn, str, int]], existing: dict[str, Existing]
    ) -> None:
        """Collected: one transaction per enterprise and period of the delivery, for the sum
        of its new records and, apart, the net change of its corrections (a correction takes
        back the old amount where it was booked and books the new one). The fee records are
        the detail under these postings (each carries its webhook_id); a line per record
        would triple the rows this intake writes."""
        totals: dict[tuple[str, str, str], Decimal] = {}
        for record, _, version in fresh:
            kind = "collected" if version == 1 else "collected_correction"
            key = (kind, record.uscc, record.period)
            totals[key] = totals.get(key, ZERO) + record.fee_amount
            if version > 1:
                before = existing[record.record_id]
                key = (kind, before.uscc, before.period)
                totals[key] = totals.get(key, ZERO) - before.fee_amount
        postings = []
        for (kind, uscc, period), delta in totals.items():
            debit, credit = Account.FEES_HELD, Account.FEES_COLLECTED
            if delta < 0:
                debit, credit = credit, debit
            postings.append(Posting(kind, uscc, period, abs(delta), debit, credit))
        await Ledger(self.session).post(postings)
