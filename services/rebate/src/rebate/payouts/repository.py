"""Every query of the payout part: payouts, the ledger balances it decides on, the accounts
it pays to and the partners it tells."""

import uuid
from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.cases.models import CaseFee
from rebate.fees.models import FeeRecord
from rebate.ledger.models import Account, LedgerEntry
from rebate.partners.models import Partner, PartnerKind, WebhookDelivery
from rebate.payouts.models import BankAnswer, CallbackOutcome, Payout, PayoutStatus

ZERO = Decimal("0.00")


class PayoutRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_enterprise(self, uscc: str) -> None:
        """Serialises payout decisions per enterprise: two periods' approvals must not both
        set off the same receivable."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"rebate-payout:{uscc}"}
        )

    async def of_case(self, case_id: uuid.UUID) -> list[Payout]:
        return list(
            await self.session.scalars(
                select(Payout).where(Payout.case_id == case_id).order_by(Payout.attempt)
            )
        )

    async def by_key(self, idempotency_key: str, *, lock: bool = False) -> Payout | None:
        query = select(Payout).where(Payout.idempotency_key == idempotency_key)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        return await self.session.scalar(query)

    async def in_flight(self, case_id: uuid.UUID) -> bool:
        """A payout of the case is with the bank. A paid one of an earlier approval does not
        count: a case can come back to review after it (paid after failed) and be approved."""
        found = await self.session.scalar(
            select(Payout.id)
            .where(Payout.case_id == case_id, Payout.status == PayoutStatus.INSTRUCTED)
            .limit(1)
        )
        return found is not None

    async def next_attempt(self, case_id: uuid.UUID) -> int:
        last = await self.session.scalar(
            select(func.max(Payout.attempt)).where(Payout.case_id == case_id)
        )
        return int(last or 0) + 1

    async def _balance(self, account: Account, *criteria: ColumnElement[bool]) -> Decimal:
        """Debit-positive balance of one account over the entries matching `criteria`."""
        total = await self.session.scalar(
            select(func.coalesce(func.sum(LedgerEntry.debit - LedgerEntry.credit), ZERO)).where(
                LedgerEntry.account == account.value, *criteria
            )
        )
        return Decimal(total or ZERO)

    async def collected(self, uscc: str, period: str) -> Decimal:
        return -await self._balance(
            Account.FEES_COLLECTED, LedgerEntry.uscc == uscc, LedgerEntry.period == period
        )

    async def payable(self, case_id: uuid.UUID) -> Decimal:
        """What the case still owes the enterprise on the ledger."""
        return -await self._balance(Account.REFUNDS_PAYABLE, LedgerEntry.case_id == case_id)

    async def receivable(self, uscc: str) -> Decimal:
        """Overpaid refunds the enterprise still owes, whatever the period."""
        return await self._balance(Account.RECEIVABLE, LedgerEntry.uscc == uscc)

    async def newest_fee_record(self, case_id: uuid.UUID) -> FeeRecord | None:
        return await self.session.scalar(
            select(FeeRecord)
            .join(CaseFee, CaseFee.fee_record_id == FeeRecord.id)
            .where(CaseFee.case_id == case_id)
            .order_by(FeeRecord.paid_at.desc(), FeeRecord.received_at.desc())
            .limit(1)
        )

    async def bank_partner(self) -> Partner | None:
        """The bank that carries out payouts: the longest-registered active one we can reach."""
        return await self.session.scalar(
            select(Partner)
            .where(
                Partner.kind == PartnerKind.BANK,
                Partner.is_active.is_(True),
                Partner.webhook_url.is_not(None),
            )
            .order_by(Partner.created_at, Partner.id)
            .limit(1)
        )

    async def active_bank(self, partner_id: uuid.UUID) -> Partner | None:
        return await self.session.scalar(
            select(Partner).where(
                Partner.id == partner_id,
                Partner.kind == PartnerKind.BANK,
                Partner.is_active.is_(True),
                Partner.webhook_url.is_not(None),
            )
        )

    async def region_of(self, case_id: uuid.UUID) -> str | None:
        """The region code of the case's newest fee record."""
        record = await self.newest_fee_record(case_id)
        return record.region_code if record else None

    async def callback_outcome(self, partner_id: uuid.UUID, webhook_id: str) -> CallbackOutcome:
        found = await self.session.scalar(
            select(BankAnswer.outcome).where(
                BankAnswer.partner_id == partner_id, BankAnswer.webhook_id == webhook_id
            )
        )
        return found or CallbackOutcome.REPEATED

    async def refunded_records(self, case_id: uuid.UUID) -> dict[uuid.UUID, list[str]]:
        """The tax partners whose records the case refunds, with their record ids."""
        rows = await self.session.execute(
            select(FeeRecord.partner_id, FeeRecord.record_id)
            .join(CaseFee, CaseFee.fee_record_id == FeeRecord.id)
            .where(CaseFee.case_id == case_id)
            .order_by(FeeRecord.partner_id, FeeRecord.record_id)
        )
        found: dict[uuid.UUID, list[str]] = defaultdict(list)
        for partner_id, record_id in rows:
            found[partner_id].append(record_id)
        return dict(found)

    async def claim(
        self, partner_id: uuid.UUID, webhook_id: str, event_type: str, body_sha256: str
    ) -> bool:
        """Record a delivery's webhook-id; False when it was received before. A concurrent
        duplicate waits on the insert, then finds it taken."""
        claimed = await self.session.execute(
            insert(WebhookDelivery)
            .values(
                partner_id=partner_id,
                webhook_id=webhook_id,
                event_type=event_type,
                received_at=datetime.now(UTC),
                body_sha256=body_sha256,
                accepted=1,
            )
            .on_conflict_do_nothing()
            .returning(WebhookDelivery.webhook_id)
        )
        return claimed.first() is not None
