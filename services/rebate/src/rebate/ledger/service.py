"""Double-entry bookkeeping of every movement: fees collected, refunds payable and paid,
overpayments receivable. A transaction's lines always balance; nothing is ever edited."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from rebate.access import sees_enterprise_ledger
from rebate.ledger.models import Account
from rebate.ledger.repository import LedgerRepository, Line
from servicekit.auth import Principal
from servicekit.errors import NotFoundError

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
        self.repo = LedgerRepository(session)

    async def post(self, postings: Sequence[Posting]) -> None:
        """Two lines per posting (debit one account, credit another), in one statement."""
        rows = [p for p in postings if p.amount != ZERO]
        if not rows:
            return
        for posting in rows:
            if money(posting.amount) < ZERO or posting.debit == posting.credit:
                raise UnbalancedTransactionError(f"invalid posting {posting}")
        txns = [(p, uuid.uuid4()) for p in rows]
        debits = [_line(p, t, p.debit, p.amount, ZERO) for p, t in txns]
        credits = [_line(p, t, p.credit, ZERO, p.amount) for p, t in txns]
        await self.repo.add(debits + credits)

    async def balances(
        self, uscc: str | None = None, period: str | None = None
    ) -> dict[Account, Decimal]:
        """Debit-positive balance per account, for everything or one enterprise (and period)."""
        result = await self.repo.balances(uscc, period)
        return {account: result.get(account, ZERO) for account in Account}

    async def enterprise_balances(
        self, principal: Principal, uscc: str, period: str | None
    ) -> dict[Account, Decimal]:
        """One enterprise's balances, for the enterprise itself and admins; to anyone else the
        enterprise has no ledger."""
        if not sees_enterprise_ledger(principal, uscc):
            raise NotFoundError("No ledger for this enterprise is visible to you")
        return await self.balances(uscc, period)

    async def granted(self, uscc: str, period: str) -> Decimal:
        """Refunds granted to the enterprise for the period, net of every reduction and
        overpayment: the debit-positive balance of the refunds account."""
        return await self.repo.balance(Account.REFUNDS, uscc, period) or ZERO


def _line(
    posting: Posting, txn_id: uuid.UUID, account: Account, debit: Decimal, credit: Decimal
) -> Line:
    return Line(
        txn_id=txn_id,
        kind=posting.kind,
        account=account,
        uscc=posting.uscc,
        period=posting.period,
        debit=debit,
        credit=credit,
        case_id=posting.case_id,
        fee_record_id=posting.fee_record_id,
        payout_id=posting.payout_id,
    )
