"""Taking in fee records, from a signed webhook or a CSV file: checked one by one, stored
once per (partner, record_id), corrections as new versions, every amount on the ledger."""

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.service import AuditLog, Step
from rebate.fees.corrections import settle_corrections
from rebate.fees.models import FeeRecord
from rebate.fees.schemas import DeliveryResult, FeeRecordIn, Rejection
from rebate.ledger.models import Account
from rebate.ledger.service import Ledger, Posting
from rebate.partners.models import Partner, WebhookDelivery
from servicekit.bulk import insert_unnest
from servicekit.pii import PiiCipher, mask_account_number

RECORDED = "fee.recorded"
CORRECTED = "fee.corrected"
PAYER_ACCOUNT_FIELD = "fee_record.payer_account_no"
_records = TypeAdapter(list[FeeRecordIn])
_record = TypeAdapter(FeeRecordIn)


@dataclass(frozen=True)
class Existing:
    id: uuid.UUID
    version: int
    content_sha256: str
    fee_amount: Any


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
                .where(FeeRecord.id.in_([s.id for s in superseded]))
                .values(superseded_at=now)
            )
        new_ids = await self._store(partner.id, webhook_id, fresh, now)
        await self._post(fresh, new_ids, existing, superseded)
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
        rows = await self.session.execute(
            select(
                FeeRecord.record_id,
                FeeRecord.id,
                FeeRecord.version,
                FeeRecord.content_sha256,
                FeeRecord.fee_amount,
            ).where(
                FeeRecord.partner_id == partner_id,
                FeeRecord.superseded_at.is_(None),
                FeeRecord.record_id.in_(record_ids),
            )
        )
        return {rid: Existing(i, v, h, a) for rid, i, v, h, a in rows}

    async def _store(
        self,
        partner_id: uuid.UUID,
        webhook_id: str,
        fresh: list[tuple[FeeRecordIn, str, int]],
        now: datetime,
    ) -> list[uuid.UUID]:
        ids = [uuid.uuid4() for _ in fresh]
        if not fresh:
            return ids
        records = [r for r, _, _ in fresh]
        n = len(fresh)
        await insert_unnest(
            self.session,
            "rebate.fee_record",
            {
                "id": ("uuid", ids),
                "partner_id": ("uuid", [partner_id] * n),
                "record_id": ("varchar", [r.record_id for r in records]),
                "version": ("integer", [v for _, _, v in fresh]),
                "content_sha256": ("varchar", [h for _, h, _ in fresh]),
                "uscc": ("varchar", [r.uscc for r in records]),
                "enterprise_name": ("varchar", [r.enterprise_name for r in records]),
                "region_code": ("varchar", [r.region_code for r in records]),
                "period": ("varchar", [r.period for r in records]),
                "payroll_total": ("numeric", [r.payroll_total for r in records]),
                "fee_amount": ("numeric", [r.fee_amount for r in records]),
                "paid_at": ("timestamptz", [r.paid_at for r in records]),
                "payer_bank": ("varchar", [r.payer_account.bank for r in records]),
                "payer_account_name": ("varchar", [r.payer_account.account_name for r in records]),
                "payer_account_no_enc": (
                    "bytea",
                    [
                        self.pii.encrypt(PAYER_ACCOUNT_FIELD, r.payer_account.account_no)
                        for r in records
                    ],
                ),
                "payer_account_no_masked": (
                    "varchar",
                    [mask_account_number(r.payer_account.account_no) for r in records],
                ),
                "tax_office": ("varchar", [r.tax_office for r in records]),
                "webhook_id": ("varchar", [webhook_id] * n),
                "received_at": ("timestamptz", [now] * n),
            },
        )
        return ids

    async def _post(
        self,
        fresh: list[tuple[FeeRecordIn, str, int]],
        new_ids: list[uuid.UUID],
        existing: dict[str, Existing],
        superseded: list[Existing],
    ) -> None:
        """Collected: the whole amount of a new record, the difference for a correction."""
        replaced = {s.id for s in superseded}
        postings = []
        for (record, _, version), record_id in zip(fresh, new_ids, strict=True):
            before = existing.get(record.record_id)
            delta = record.fee_amount - (
                before.fee_amount if before and before.id in replaced and version > 1 else 0
            )
            debit, credit = (Account.FEES_HELD, Account.FEES_COLLECTED)
            if delta < 0:
                debit, credit, delta = credit, debit, -delta
            postings.append(
                Posting(
                    kind="collected" if version == 1 else "collected_correction",
                    uscc=record.uscc,
                    period=record.period,
                    amount=delta,
                    debit=debit,
                    credit=credit,
                    fee_record_id=record_id,
                )
            )
        await Ledger(self.session).post(postings)
