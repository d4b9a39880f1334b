from fastapi import APIRouter
from pydantic import BaseModel

from rebate.audit.service import AuditLog
from rebate.dependencies import AdminPrincipal
from servicekit.auth import authenticated
from servicekit.db import SessionDep

router = APIRouter(prefix="/v1/audit", tags=["audit"], dependencies=[authenticated])


class ChainCheck(BaseModel):
    intact: bool
    events_checked: int
    first_broken_event_id: int | None = None
    first_broken_kind: str | None = None


@router.get(
    "/verify",
    summary="Recompute the audit hash chain and name the first broken link (admin)",
    response_model=ChainCheck,
)
async def verify_chain(_: AdminPrincipal, session: SessionDep) -> ChainCheck:
    checked, broken = await AuditLog(session).verify()
    if broken is None:
        return ChainCheck(intact=True, events_checked=checked)
    return ChainCheck(
        intact=False,
        events_checked=checked,
        first_broken_event_id=broken.id,
        first_broken_kind=broken.kind,
    )
