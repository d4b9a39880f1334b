from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from rebate.dependencies import AdminPrincipal, LedgerDep
from rebate.ledger.models import Account
from servicekit.auth import CurrentPrincipal, Role, authenticated
from servicekit.errors import NotFoundError

router = APIRouter(prefix="/v1/ledger", tags=["ledger"], dependencies=[authenticated])


class Balances(BaseModel):
    uscc: str | None
    period: str | None
    balances: dict[Account, Decimal]
    total: Decimal


@router.get(
    "/trial-balance",
    summary=(
        "账户余额试算 · Every account's balance (debit positive); the total is always zero (admin)"
    ),
    response_model=Balances,
)
async def trial_balance(_: AdminPrincipal, ledger: LedgerDep) -> Balances:
    balances = await ledger.balances()
    return Balances(
        uscc=None, period=None, balances=balances, total=sum(balances.values(), Decimal("0.00"))
    )


@router.get(
    "/enterprises/{uscc}",
    summary="企业经费收支余额 · An enterprise's balances: collected, refunded, payable, receivable",
    response_model=Balances,
    responses={404: {"description": "Not your enterprise"}},
)
async def enterprise_balance(
    uscc: str,
    principal: CurrentPrincipal,
    ledger: LedgerDep,
    period: Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] = None,
) -> Balances:
    own = principal.has_role(Role.ENTERPRISE) and principal.enterprise_scope == uscc
    if not (principal.is_admin or own):
        raise NotFoundError("No ledger for this enterprise is visible to you")
    balances = await ledger.balances(uscc, period)
    return Balances(
        uscc=uscc, period=period, balances=balances, total=sum(balances.values(), Decimal("0.00"))
    )
