from decimal import Decimal

from pydantic import BaseModel

from rebate.ledger.models import Account


class Balances(BaseModel):
    uscc: str | None
    period: str | None
    balances: dict[Account, Decimal]
    total: Decimal

    @classmethod
    def of(
        cls, uscc: str | None, period: str | None, balances: dict[Account, Decimal]
    ) -> "Balances":
        return cls(
            uscc=uscc,
            period=period,
            balances=balances,
            total=sum(balances.values(), Decimal("0.00")),
        )
