from typing import Annotated

from fastapi import APIRouter, Depends

from rebate.audit.checkpoints import signed_time, statement
from rebate.audit.schemas import ChainCheck, CheckpointPage, CheckpointRead
from rebate.dependencies import AdminPrincipal, AuditLogDep, AuditSignerDep
from servicekit.auth import Principal, Role, authenticated, require_roles
from servicekit.pagination import CursorParam, LimitParam, cursor_key, encode_cursor

router = APIRouter(prefix="/v1/audit", tags=["audit"], dependencies=[authenticated])

# Outside witnesses (a monitoring or audit system with a service token) keep copies of these.
CheckpointReader = Annotated[Principal, Depends(require_roles(Role.ADMIN, Role.SERVICE))]


@router.get(
    "/verify",
    summary=(
        "校验审计链 · "
        "Recompute the audit hash chain and hold it against the signed checkpoints (admin)"
    ),
    response_model=ChainCheck,
)
async def verify_chain(_: AdminPrincipal, audit: AuditLogDep, signer: AuditSignerDep) -> ChainCheck:
    report = await audit.verify(signer)
    return ChainCheck(
        intact=report.intact,
        events_checked=report.events_checked,
        checkpoints_checked=report.checkpoints_checked,
        anchored_events=report.anchored_events,
        problem=report.problem,
        first_broken_event_id=report.broken.id if report.broken else None,
        first_broken_kind=report.broken.kind if report.broken else None,
    )


@router.get(
    "/checkpoints",
    summary=(
        "审计链签名检查点 · "
        "Signed checkpoints of the audit chain's head, newest first, with the public key "
        "(admin, service)"
    ),
    response_model=CheckpointPage,
)
async def list_checkpoints(
    _: CheckpointReader,
    audit: AuditLogDep,
    signer: AuditSignerDep,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> CheckpointPage:
    key = cursor_key(cursor, int)
    rows = await audit.checkpoints(key[0] if key else None, limit + 1)
    items = [
        CheckpointRead(
            id=c.id,
            event_count=c.event_count,
            head_hash=c.head_hash,
            at=signed_time(c.at),
            key_id=c.key_id,
            signature=c.signature,
            statement=statement(c.event_count, c.head_hash, c.at),
        )
        for c in rows[:limit]
    ]
    return CheckpointPage(
        items=items,
        next_cursor=encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None,
        key_id=signer.key_id,
        public_key=signer.public_key_b64,
        retired_keys=signer.retired,
    )
