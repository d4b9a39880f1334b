"""Every query of the ledger: lines written in one statement, balances summed per account."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.ledger.models import Account, LedgerEntry
from servicekit.bulk import insert_unnest


@dataclass(frozen=True)
class Line:
    """One side of a transaction: a debit or a credit of one account."""

    txn_id: uuid.UUID
    kind: str
    account: Account
    uscc: str
    period: str
    debit: Decimal
    credit: Decimal
    case_id: uuid.UUID | None
    fee_record_id: uuid.UUID | None
    payout_id: uuid.UUID | None


class LedgerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, lines: list[Line]) -> None:
        await insert_unnest(
            self.session,
            "rebate.ledger_entry",
            {
                "txn_id": ("uuid", [line.txn_id for line in lines]),
                "kind": ("varchar", [line.kind for line in lines]),
                "account": ("varchar", [line.account.value for line in lines]),
                "uscc": ("varchar", [line.uscc for line in lines]),
                "period": ("varchar", [line.period for line in lines]),
                "debit": ("numeric", [line.debit for line in lines]),
                "credit": ("numeric", [line.credit for line in lines]),
                "case_id": ("uuid", [line.case_id for line in lines]),
                "fee_record_id": ("uuid", [line.fee_record_id for line in lines]),
                "payout_id": ("uuid", [line.payout_id for line in lines]),
            },
        )

    async def balances(self, uscc: str | None, period: str | None) -> dict[Account, Decimal]:
        """Debit-positive balance of each account that has lines."""
        query = select(
            LedgerEntry.account, func.sum(LedgerEntry.debit) - func.sum(LedgerEntry.credit)
        ).group_by(LedgerEntry.account)
        if uscc is not None:
            query = query.where(LedgerEntry.uscc == uscc)
        if period is not None:
            query = query.where(LedgerEntry.period == period)
        return {Account(a): Decimal(b) for a, b in await self.session.execute(query)}

    async def balance(self, account: Account, uscc: str, period: str) -> Decimal | None:
        """Debit-positive balance of one account; None when it has no lines."""
        total = await self.session.scalar(
            select(func.sum(LedgerEntry.debit - LedgerEntry.credit)).where(
                LedgerEntry.account == account.value,
                LedgerEntry.uscc == uscc,
                LedgerEntry.period == period,
            )
        )
        return None if total is None else Decimal(total)
