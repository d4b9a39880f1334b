from typing import Annotated

from fastapi import APIRouter, Query

from rebate.dependencies import AdminPrincipal, LedgerDep
from rebate.ledger.schemas import Balances
from servicekit.auth import CurrentPrincipal, authenticated

router = APIRouter(prefix="/v1/ledger", tags=["ledger"], dependencies=[authenticated])


@router.get(
    "/trial-balance",
    summary=(
        "账户余额试算 · Every account's balance (debit positive); the total is always zero (admin)"
    ),
    response_model=Balances,
)
async def trial_balance(_: AdminPrincipal, ledger: LedgerDep) -> Balances:
    return Balances.of(None, None, await ledger.balances())


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
    return Balances.of(uscc, period, await ledger.enterprise_balances(principal, uscc, period))
