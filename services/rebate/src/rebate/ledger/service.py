"""Double-entry bookkeeping of every movement: fees collected, refunds payable and paid,
overpayments receivable. A transaction's lines always balance; nothing is ever edited."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.ledger.models import Account, LedgerEntry
from servicekit.bulk import insert_unnest

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


class UnbalancedTransactionError(Exception):
    pass


@dataclass(frozen=True)
class Posting:
    """One balanced transaction about one enterprise and period."""

    kind: str
    uscc: str
    period: str
    amount: Decimal
    debit: Account
    credit: Account
    case_id: uuid.UUID | None = None
    fee_record_id: uuid.UUID | None = None
    payout_id: uuid.UUID | None = None


def money(value: Decimal) -> Decimal:
    if value != value.quantize(CENT):
        raise ValueError(f"{value} has more than two decimal places")
    return value.quantize(CENT)


def refund_of(collected: Decimal, ratio: Decimal) -> Decimal:
    """The refund on what was collected, rounded half up to the fen as Chinese finance
    rounds (1,000.25 × 0.5 = 500.13), not half to even."""
    return (collected * ratio).quantize(CENT, rounding=ROUND_HALF_UP)


class Ledger:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def post(self, postings: Sequence[Posting]) -> None:
        """Two lines per posting (debit one account, credit another), in one statement."""
        rows = [p for p in postings if p.amount != ZERO]
        if not rows:
            return
        for posting in rows:
            if money(posting.amount) < ZERO or posting.debit == posting.credit:
                raise UnbalancedTransactionError(f"invalid posting {posting}")
        txn_ids = [uuid.uuid4() for _ in rows]
        lines = [(p, t, p.debit, p.amount, ZERO) for p, t in zip(rows, txn_ids, strict=True)]
        lines += [(p, t, p.credit, ZERO, p.amount) for p, t in zip(rows, txn_ids, strict=True)]
        await insert_unnest(
            self.session,
            "rebate.ledger_entry",
            {
                "txn_id": ("uuid", [t for _, t, _, _, _ in lines]),
                "kind": ("varchar", [p.kind for p, _, _, _, _ in lines]),
                "account": ("varchar", [a.value for _, _, a, _, _ in lines]),
                "uscc": ("varchar", [p.uscc for p, _, _, _, _ in lines]),
                "period": ("varchar", [p.period for p, _, _, _, _ in lines]),
                "debit": ("numeric", [d for _, _, _, d, _ in lines]),
                "credit": ("numeric", [c for _, _, _, _, c in lines]),
                "case_id": ("uuid", [p.case_id for p, _, _, _, _ in lines]),
                "fee_record_id": ("uuid", [p.fee_record_id for p, _, _, _, _ in lines]),
                "payout_id": ("uuid", [p.payout_id for p, _, _, _, _ in lines]),
            },
        )

    async def balances(
        self, uscc: str | None = None, period: str | None = None
    ) -> dict[Account, Decimal]:
        """Debit-positive balance per account, for everything or one enterprise (and period)."""
        query = select(
            LedgerEntry.account, func.sum(LedgerEntry.debit) - func.sum(LedgerEntry.credit)
        ).group_by(LedgerEntry.account)
        if uscc is not None:
            query = query.where(LedgerEntry.uscc == uscc)
        if period is not None:
            query = query.where(LedgerEntry.period == period)
        result = {Account(a): Decimal(b) for a, b in await self.session.execute(query)}
        return {account: result.get(account, ZERO) for account in Account}

    async def granted(self, uscc: str, period: str) -> Decimal:
        """Refunds granted to the enterprise for the period, net of every reduction and
        overpayment: the debit-positive balance of the refunds account."""
        total = await self.session.scalar(
            select(func.coalesce(func.sum(LedgerEntry.debit - LedgerEntry.credit), ZERO)).where(
                LedgerEntry.account == Account.REFUNDS.value,
                LedgerEntry.uscc == uscc,
                LedgerEntry.period == period,
            )
        )
        return Decimal(total or ZERO)
