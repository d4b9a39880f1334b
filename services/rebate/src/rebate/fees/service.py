"""Taking in fee records, from a signed webhook or a CSV file: checked one by one, stored
once per (partner, record_id), corrections as new versions, every amount on the ledger, one
refund per payment."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.service import AuditLog, Step
from rebate.cases.settlement import Settlement
from rebate.fees.checks import check_records, check_voids, content_hash, outside_regions
from rebate.fees.ids import new_ids
from rebate.fees.models import PAYER_ACCOUNT_FIELD
from rebate.fees.repository import Existing, FeeRepository
from rebate.fees.schemas import DeliveryResult, FeeRecordIn, Rejection
from rebate.ledger.models import Account
from rebate.ledger.service import ZERO, Ledger, Posting
from rebate.partners.models import Partner
from rebate.policies.service import PolicyService
from rebate.runs.models import ExceptionReason, RebateException
from servicekit.pii import PiiCipher, mask_account_number

RECORDED = "fee.recorded"
CORRECTED = "fee.corrected"
VOIDED = "fee.voided"
PAYMENT_FIELD = "fee_record.payment"


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


class FeeIntake:
    def __init__(self, session: AsyncSession, pii: PiiCipher) -> None:
        self.session = session
        self.pii = pii
        self.fees = FeeRepository(session)

    async def seen(self, partner_id: uuid.UUID, webhook_id: str) -> DeliveryResult | None:
        """The first answer, in full, to a delivery already received under this webhook-id."""
        delivery = await self.fees.delivery(partner_id, webhook_id)
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
        if not await self.fees.claim(partner.id, webhook_id, event_type, now, body_sha256):
            answer = await self.seen(partner.id, webhook_id)
            assert answer is not None
            return answer

        if event_type == VOIDED:
            result = await self._void(partner, raw_records, now)
        else:
            result = await self._record(partner, webhook_id, event_type, raw_records, now)
        await Settlement(self.session).settle_all(result.touched, actor)

        delivery = await self.fees.delivery(partner.id, webhook_id)
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
        existing = await self.fees.current(partner.id, [r.record_id for r, _ in good])
        outcome = Outcome(rejected=rejected)
        fresh: list[tuple[FeeRecordIn, str, int]] = []
        superseded: list[Existing] = []
        regions = tuple(partner.region_prefixes)
        for record, raw in good:
            if not record.region_code.startswith(regions):
                outcome.rejected.append(outside_regions(record, regions))
                continue
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
        held = await self.fees.held([s.id for s in superseded])
        await self.fees.retire([s.id for s in superseded], now, superseded=True)
        prints = [self._fingerprint(r) for r, _, _ in fresh]
        ids = new_ids(len(fresh))
        rows = self._rows(partner.id, webhook_id, fresh, ids, prints, now)
        earlier: dict[str, uuid.UUID] = {}
        if fresh:
            await self.fees.one_delivery_at_a_time()
            earlier = await self.fees.first_reports(prints)
            await self.fees.store(rows)
        await self._post(fresh, existing)
        await self._keep_held(fresh, ids, existing, held)
        # A correction that leaves the payment as it was keeps its record's place: counted
        # if it was (it is still that payment's report, ahead of any new record of this
        # delivery), held if it was held (above). One that makes it another payment is
        # checked anew.
        counted_on: dict[uuid.UUID, str] = {}
        still_held: set[uuid.UUID] = set()
        corrections = zip(fresh, ids, prints, strict=True) if superseded else iter(())
        for (record, _, version), row_id, fingerprint in corrections:
            if version == 1:
                continue
            before = existing[record.record_id]
            if before.id in held:
                still_held.add(row_id)
            elif before.payment_fingerprint == fingerprint:
                counted_on[row_id] = fingerprint
        outcome.probable_duplicates = await self._queue_probable_duplicates(
            fresh, ids, prints, earlier, counted_on, still_held
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
        existing = await self.fees.current(partner.id, wanted)
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
        await self.fees.retire([f.id for f in found], now, superseded=False)
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
            (
                RebateException(
                    id=uuid.uuid4(),
                    fee_record_id=row_id,
                    uscc=record.uscc,
                    period=record.period,
                    reason=held[existing[record.record_id].id],
                    detail="Held before this correction; a person decides again",
                ),
                record.region_code,
            )
            for (record, _, version), row_id in zip(fresh, ids, strict=True)
            if version > 1 and existing[record.record_id].id in held
        ]
        await self._hold(entries)

    async def _hold(self, entries: list[tuple[RebateException, str]]) -> None:
        """Held records (with their region codes) go to the queue of the people who decide
        them: the federation of the enterprise's case for the period where it has one, else
        the office the policy in force names for the record's region, else admins alone."""
        if not entries:
            return
        cases = await self.fees.case_paths({(e.uscc, e.period) for e, _ in entries})
        policies = PolicyService(self.session, self.pii)
        offices: dict[tuple[str, str], str | None] = {}
        for entry, region in entries:
            path = cases.get((entry.uscc, entry.period))
            if path is None and (entry.period, region) not in offices:
                policy = await policies.covering(entry.period, region)
                offices[entry.period, region] = policy.office_for(region) if policy else None
            entry.org_path = path or offices[entry.period, region]
        await self.fees.hold([entry for entry, _ in entries])

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

    async def _queue_probable_duplicates(
        self,
        fresh: list[tuple[FeeRecordIn, str, int]],
        ids: list[uuid.UUID],
        prints: list[str],
        earlier: dict[str, uuid.UUID],
        counted_on: dict[uuid.UUID, str],
        still_held: set[uuid.UUID],
    ) -> list[str]:
        """The same payment as another current record (any partner, any record id) is held
        in the queue for a person, not summed: one payment is refunded once."""
        queued: list[str] = []
        entries: list[tuple[RebateException, str]] = []
        # The first report of a payment counts: an earlier delivery's, else a counted
        # record's correction that keeps its payment, else the first in this delivery; later
        # ones are held.
        for row_id, fingerprint in counted_on.items():
            earlier.setdefault(fingerprint, row_id)
        for (record, _, _), row_id, fingerprint in zip(fresh, ids, prints, strict=True):
            first = earlier.setdefault(fingerprint, row_id)
            if row_id in counted_on or row_id in still_held or first == row_id:
                continue
            queued.append(record.record_id)
            entries.append(
                (
                    RebateException(
                        id=uuid.uuid4(),
                        fee_record_id=row_id,
                        uscc=record.uscc,
                        period=record.period,
                        reason=ExceptionReason.PROBABLE_DUPLICATE,
                        detail=f"The same payment as fee record {first}",
                    ),
                    record.region_code,
                )
            )
        await self._hold(entries)
        return queued

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
