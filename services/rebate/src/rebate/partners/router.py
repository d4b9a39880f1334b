import uuid

from fastapi import APIRouter, status

from rebate.dependencies import AdminPrincipal, PartnerServiceDep, PartnerViewDep
from rebate.partners.schemas import (
    PartnerCreate,
    PartnerCreated,
    PartnerRead,
    PartnerUpdate,
    SecretRotated,
)
from servicekit.app import Responses
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1/partners", tags=["partners"], dependencies=[authenticated])

NOT_FOUND: Responses = {404: {"description": "No such partner"}}
URL_REFUSED: Responses = {
    422: {
        "description": "The webhook URL is not https, or names or resolves to a private "
        "address; or the regions do not suit the partner's kind"
    }
}


@router.post(
    "",
    summary=(
        "登记税务或银行合作方 · "
        "Register a tax or bank partner; its webhook secret is shown once (admin)"
    ),
    status_code=status.HTTP_201_CREATED,
    response_model=PartnerCreated,
    responses=URL_REFUSED,
)
async def create_partner(
    partner_in: PartnerCreate,
    admin: AdminPrincipal,
    partners: PartnerServiceDep,
) -> PartnerCreated:
    partner, secret = await partners.create(partner_in, admin.subject)
    return PartnerCreated(id=partner.id, name=partner.name, kind=partner.kind, secret=secret)


@router.get("", summary="合作方列表 · Every partner (admin)", response_model=list[PartnerRead])
async def list_partners(_admin: AdminPrincipal, partners: PartnerServiceDep) -> list[PartnerRead]:
    return [PartnerRead.model_validate(p) for p in await partners.all()]


@router.get(
    "/{partner_id}",
    summary="查看合作方 · Read a partner (admin)",
    response_model=PartnerRead,
    responses=NOT_FOUND,
)
async def read_partner(
    partner_id: uuid.UUID, _admin: AdminPrincipal, partners: PartnerViewDep
) -> PartnerRead:
    return await partners.read(partner_id)


@router.patch(
    "/{partner_id}",
    summary=("修改合作方信息 · Change a partner's name, webhook URL, regions or activity (admin)"),
    response_model=PartnerRead,
    responses={**NOT_FOUND, **URL_REFUSED},
)
async def update_partner(
    partner_id: uuid.UUID,
    partner_in: PartnerUpdate,
    admin: AdminPrincipal,
    partners: PartnerServiceDep,
) -> PartnerRead:
    partner = await partners.update(partner_id, partner_in, admin.subject)
    return PartnerRead.model_validate(partner)


@router.post(
    "/{partner_id}/rotate-secret",
    summary=(
        "轮换 Webhook 密钥 · "
        "Issue a new webhook secret; the old one stays valid for a grace period (admin)"
    ),
    response_model=SecretRotated,
    responses=NOT_FOUND,
)
async def rotate_secret(
    partner_id: uuid.UUID,
    admin: AdminPrincipal,
    partners: PartnerServiceDep,
) -> SecretRotated:
    return await partners.rotate(partner_id, admin.subject)
