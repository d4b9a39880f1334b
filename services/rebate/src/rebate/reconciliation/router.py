from typing import Annotated

from fastapi import APIRouter, Query

from rebate.dependencies import AuditSignerDep, ReviewerPrincipal
from rebate.reconciliation.schemas import Reconciliation
from rebate.reconciliation.service import reconcile
from servicekit.auth import authenticated
from servicekit.db import SessionDep

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
    principal: ReviewerPrincipal,
    session: SessionDep,
    signer: AuditSignerDep,
    period: Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] = None,
) -> Reconciliation:
    return await reconcile(session, period, signer, principal)
