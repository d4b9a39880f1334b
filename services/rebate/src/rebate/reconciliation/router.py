from typing import Annotated

from fastapi import APIRouter, Query

from rebate.dependencies import ReconcileDep
from rebate.reconciliation.schemas import Reconciliation
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1", tags=["reconciliation"], dependencies=[authenticated])


@router.get(
    "/reconciliation",
    summary=(
        "资金一致性检查 · Every violation of the money invariants, recomputed now; empty is normal"
    ),
    response_model=Reconciliation,
    responses={403: {"description": "Not an admin or a rebate reviewer"}},
)
async def read_reconciliation(
    reconcile: ReconcileDep,
    period: Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] = None,
) -> Reconciliation:
    return await reconcile(period)
