import uuid

from fastapi import APIRouter, Response, status

from membership.dependencies import InvitationServiceDep, PublicJoinDep
from membership.joining.qr import qr_png, qr_svg
from membership.joining.schemas import (
    InvitationCreate,
    InvitationRead,
    JoinInfo,
    JoinRequest,
    JoinResult,
)
from membership.members.service import JoinOutcome
from servicekit.app import Responses
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1", tags=["joining"], dependencies=[authenticated])
# Workers join from a phone without an account: the invitation code is the credential.
public_router = APIRouter(prefix="/v1/join", tags=["joining"])

NOT_FOUND: Responses = {404: {"description": "No such invitation in your sub-tree"}}
CLOSED: Responses = {410: {"description": "Expired, revoked or used up"}}


@router.post(
    "/orgs/{org_id}/invitations",
    summary="Create a QR-code invitation to join an organisation",
    status_code=status.HTTP_201_CREATED,
    response_model=InvitationRead,
    responses={404: {"description": "No such organisation in your sub-tree"}, **CLOSED},
)
async def create_invitation(
    org_id: uuid.UUID, invitation_in: InvitationCreate, invitations: InvitationServiceDep
) -> InvitationRead:
    return invitations.read(await invitations.create(org_id, invitation_in))


@router.get(
    "/orgs/{org_id}/invitations",
    summary="The organisation's invitations, newest first",
    response_model=list[InvitationRead],
    responses={404: {"description": "No such organisation in your sub-tree"}},
)
async def list_invitations(
    org_id: uuid.UUID, invitations: InvitationServiceDep
) -> list[InvitationRead]:
    return [invitations.read(i) for i in await invitations.list_for_org(org_id)]


@router.get(
    "/invitations/{invitation_id}",
    summary="Read an invitation",
    response_model=InvitationRead,
    responses=NOT_FOUND,
)
async def read_invitation(
    invitation_id: uuid.UUID, invitations: InvitationServiceDep
) -> InvitationRead:
    return invitations.read(await invitations.get(invitation_id))


@router.post(
    "/invitations/{invitation_id}/revoke",
    summary="Withdraw an invitation; its QR code stops working at once",
    response_model=InvitationRead,
    responses=NOT_FOUND,
)
async def revoke_invitation(
    invitation_id: uuid.UUID, invitations: InvitationServiceDep
) -> InvitationRead:
    return invitations.read(await invitations.revoke(invitation_id))


@router.get(
    "/invitations/{invitation_id}/qr.png",
    summary="The invitation's QR code as PNG",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}, **NOT_FOUND},
)
async def invitation_qr_png(
    invitation_id: uuid.UUID, invitations: InvitationServiceDep
) -> Response:
    invitation = invitations.read(await invitations.get(invitation_id))
    return Response(qr_png(invitation.join_url), media_type="image/png")


@router.get(
    "/invitations/{invitation_id}/qr.svg",
    summary="The invitation's QR code as SVG",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}, **NOT_FOUND},
)
async def invitation_qr_svg(
    invitation_id: uuid.UUID, invitations: InvitationServiceDep
) -> Response:
    invitation = invitations.read(await invitations.get(invitation_id))
    return Response(qr_svg(invitation.join_url), media_type="image/svg+xml")


@public_router.get(
    "/{code}",
    summary="What a scanned invitation is for (public)",
    response_model=JoinInfo,
    responses={404: {"description": "Not an invitation"}, **CLOSED},
)
async def join_info(code: str, public_join: PublicJoinDep) -> JoinInfo:
    return await public_join.info(code)


@public_router.post(
    "/{code}",
    summary="Join the union through a scanned invitation (public, no account needed)",
    status_code=status.HTTP_201_CREATED,
    response_model=JoinResult,
    responses={
        200: {
            "description": "Already joined through this union; nothing changed",
            "model": JoinResult,
        },
        404: {"description": "Not an invitation"},
        409: {"description": "Already a member of another union, or an application is pending"},
        **CLOSED,
    },
)
async def join(
    code: str, join_in: JoinRequest, public_join: PublicJoinDep, response: Response
) -> JoinResult:
    result, outcome = await public_join.join(code, join_in)
    if outcome is JoinOutcome.UNCHANGED:
        response.status_code = status.HTTP_200_OK
    return result
