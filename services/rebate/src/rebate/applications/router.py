import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, status
from fastapi.responses import JSONResponse

from rebate.applications.schemas import ApplicationIn, ApplicationRead
from rebate.dependencies import ApplicationServiceDep
from rebate.models import IdempotencyRecord
from servicekit.auth import CurrentPrincipal, authenticated
from servicekit.db import SessionDep
from servicekit.idempotency import idempotent
from servicekit.pagination import LimitParam

router = APIRouter(prefix="/v1/applications", tags=["applications"], dependencies=[authenticated])

IdempotencyKey = Annotated[
    str | None,
    Header(description="Optional; a retry with the same key answers the first application"),
]


@router.post(
    "",
    summary=(
        "申请返还工会经费 · "
        "Apply for the refund of a period (an enterprise account; admins on its behalf)"
    ),
    status_code=status.HTTP_201_CREATED,
    response_model=ApplicationRead,
    responses={
        403: {
            "description": "Not your enterprise, not an enterprise account, or an admin naming "
            "the account to pay to"
        },
        409: {"description": "The enterprise already has a case for the period"},
        422: {"description": "Refused, with the reason: no records, outside or not eligible"},
    },
)
async def apply(
    application_in: ApplicationIn,
    applications: ApplicationServiceDep,
    session: SessionDep,
    principal: CurrentPrincipal,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def run() -> ApplicationRead:
        return await applications.apply(application_in)

    return await idempotent(
        session,
        IdempotencyRecord,
        key=idempotency_key,
        scope=f"{principal.subject}:applications",
        request=application_in,
        run=run,
        status_code=status.HTTP_201_CREATED,
        headers=lambda body: {"Location": f"/v1/applications/{body['id']}"},
    )


@router.get(
    "",
    summary=(
        "返还申请列表 · "
        "Applications you may see: an enterprise's own, a cadre's sub-tree, or all (admin)"
    ),
    response_model=list[ApplicationRead],
)
async def list_applications(
    applications: ApplicationServiceDep,
    period: Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] = None,
    limit: LimitParam = 50,
) -> list[ApplicationRead]:
    return await applications.listing(period, limit)


@router.get(
    "/{application_id}",
    summary="查看返还申请及状态 · An application and its state (the status of the case it became)",
    response_model=ApplicationRead,
    responses={404: {"description": "No such application visible to you"}},
)
async def read_application(
    application_id: uuid.UUID, applications: ApplicationServiceDep
) -> ApplicationRead:
    return await applications.visible(application_id)
