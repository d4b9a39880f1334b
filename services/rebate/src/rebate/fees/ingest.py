"""Taking in fee records, from a signed webhook or a CSV file: checked one by one, stored
once per (partner, record_id), corrections as new versions, every amount on the ledger."""

import hashlib
import os
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import any_, bindparam, text, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.service import AuditLog, Step
from rebate.fees.corrections import settle_corrections
from rebate.fees.models import FeeRecord
from rebate.fees.schemas import DeliveryResult, FeeRecordIn, Rejection
from rebate.ledger.models import Account
from rebate.ledger.service import ZERO, Ledger, Posting
from rebate.partners.models import Partner, WebhookDelivery
from servicekit.bulk import copy_records
from servicekit.pii import PiiCipher, mask_account_number

RECORDED = "fee.recorded"
CORRECTED = "fee.corrected"
PAYER_ACCOUNT_FIELD = "fee_record.payer_account_no"
_records = TypeAdapter(list[FeeRecordIn])
_record = TypeAdapter(FeeRecordIn)


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
)


@dataclass(frozen=True)
class Existing:
    id: uuid.UUID
    version: int
    content_sha256: str
    uscc: str
    period: str
    fee_amount: Decimal


_VERSION_FIELD, _VERSION_7 = 0xF << 76, 0x7 << 76
_VARIANT_FIELD, _VARIANT_RFC = 0b11 << 62, 0b10 << 62


def new_ids(count: int) -> list[uuid.UUID]:
    """Time-ordered ids (UUID version 7, RFC 9562; `uuid.uuid7` arrives with Python 3.14), with
    one system call for all of them instead of one each. A batch's ids sit side by side in
    the primary-key index, so its inserts and the foreign-key checks that look its rows up
    touch a few pages instead of one random page per row."""
    # 48 bits of Unix milliseconds, then 80 random bits less the version and variant fields.
    prefix = (time.time_ns() // 1_000_000) << 80
    pool = os.urandom(10 * count)
    ids = []
    for i in range(0, 10 * count, 10):
        n = prefix | int.from_bytes(pool[i : i + 10])
        n = (n & ~_VERSION_FIELD | _VERSION_7) & ~_VARIANT_FIELD | _VARIANT_RFC
        ids.append(uuid.UUID(int=n))
    return ids


def content_hash(raw: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(raw, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _amount_problem(record: FeeRecordIn) -> str | None:
    if record.fee_amount <= 0:
        return "fee_amount must be above 0.00"
    if record.fee_amount > record.payroll_total:
        return "fee_amount exceeds payroll_total"
    return None


def check_records(
    raw: Sequence[Any],
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
        elif (problem := _amount_problem(outcome)) is not None:
            bad.append(Rejection(record_id=rid, reason=problem))
        else:
            good.append((outcome, item))
    return good, bad


class FeeIntake:
    def __init__(self, session: AsyncSession, pii: PiiCipher) -> None:
        self.session = session
        self.pii = pii

    async def seen(self, partner_id: uuid.UUID, webhook_id: str) -> DeliveryResult | None:
        """The first answer to a delivery already received under this webhook-id."""
        delivery = await self.session.get(WebhookDelivery, (partner_id, webhook_id))
        if delivery is None:
            return None
        return DeliveryResult(
            accepted=delivery.accepted, duplicates=delivery.duplicates, rejected=[]
        )

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

        good, rejected = check_records(raw_records)
        existing = await self._current(partner.id, [r.record_id for r, _ in good])
        fresh: list[tuple[FeeRecordIn, str, int]] = []
        superseded: list[Existing] = []
        duplicates = 0
        seen_here: dict[str, str] = {}
        for record, raw in good:
            digest = content_hash(raw)
            if record.record_id in seen_here:
                if seen_here[record.record_id] == digest:
                    duplicates += 1
                else:
                    rejected.append(
                        Rejection(
                            record_id=record.record_id,
                            reason="record_id twice in this delivery, with different content",
                        )
                    )
                continue
            seen_here[record.record_id] = digest
            known = existing.get(record.record_id)
            if known is None:
                fresh.append((record, digest, 1))
            elif known.content_sha256 == digest:
                duplicates += 1
            elif event_type == CORRECTED:
                superseded.append(known)
                fresh.append((record, digest, known.version + 1))
            else:
                rejected.append(
                    Rejection(
                        record_id=record.record_id,
                        reason=(
                            "record_id already received with other content; "
                            "send fee.corrected to change it"
                        ),
                    )
                )

        if superseded:
            await self.session.execute(
                update(FeeRecord)
                .where(
                    FeeRecord.id
                    == any_(
                        bindparam("ids", [s.id for s in superseded], type_=ARRAY(FeeRecord.id.type))
                    )
                )
                .values(superseded_at=now)
            )
        new_ids = await self._store(partner.id, webhook_id, fresh, now)
        await self._post(fresh, existing)
        if superseded:
            replacements = {
                existing[record.record_id].id: new_id
                for (record, _, version), new_id in zip(fresh, new_ids, strict=True)
                if version > 1
            }
            await settle_corrections(self.session, replacements, actor)

        delivery = await self.session.get(WebhookDelivery, (partner.id, webhook_id))
        assert delivery is not None
        delivery.accepted, delivery.duplicates, delivery.rejected = (
            len(fresh),
            duplicates,
            len(rejected),
        )
        await AuditLog(self.session).append(
            Step(
                "fees.received",
                actor,
                {
                    "partner_id": str(partner.id),
                    "webhook_id": webhook_id,
                    "type": event_type,
                    "body_sha256": body_sha256,
                    "accepted": len(fresh),
                    "corrections": len(superseded),
                    "duplicates": duplicates,
                    "rejected": len(rejected),
                },
            )
        )
        return DeliveryResult(accepted=len(fresh), duplicates=duplicates, rejected=rejected)

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
                       f.fee_amount
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
        return {rid: Existing(i, v, h, u, p, a) for rid, i, v, h, u, p, a in rows}

    async def _store(
        self,
        partner_id: uuid.UUID,
        webhook_id: str,
        fresh: list[tuple[FeeRecordIn, str, int]],
        now: datetime,
    ) -> list[uuid.UUID]:
        """COPY: the rows are new by construction (checked against the current versions
        above). A concurrent delivery of the same records still meets the unique indexes:
        this one then stores nothing and is answered 409, and its retry finds duplicates."""
        ids = new_ids(len(fresh))
        if not fresh:
            return ids
        encrypt = self.pii.encrypt
        rows = [
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
            )
            for row_id, (r, digest, version) in zip(ids, fresh, strict=True)
        ]
        await copy_records(self.session, "fee_record", FEE_COLUMNS, rows, schema="rebate")
        return ids

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
