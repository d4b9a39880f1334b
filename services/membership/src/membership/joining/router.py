import uuid

from fastapi import APIRouter, Response, status

from membership.dependencies import (
    InvitationServiceDep,
    JoinApplicationsDep,
    Paced,
    PublicJoinDep,
)
from membership.joining.models import JoinApplicationState
from membership.joining.qr import qr_png, qr_svg
from membership.joining.schemas import (
    InvitationCreate,
    InvitationRead,
    JoinApplicationRead,
    JoinInfo,
    JoinReceived,
    JoinRequest,
)
from membership.members.schemas import ReasonRequired
from servicekit.app import Responses
from servicekit.auth import authenticated

router = APIRouter(prefix="/v1", tags=["joining"], dependencies=[authenticated])
# Workers join from a phone without an account: the invitation code is the credential.
public_router = APIRouter(prefix="/v1/join", tags=["joining"])

NOT_FOUND: Responses = {404: {"description": "No such invitation in your sub-tree"}}
CLOSED: Responses = {410: {"description": "Expired, revoked or used up"}}


@router.post(
    "/orgs/{org_id}/invitations",
    summary="创建入会二维码邀请 · Create a QR-code invitation to join an organisation",
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
    summary="组织的入会邀请 · The organisation's invitations, newest first",
    response_model=list[InvitationRead],
    responses={404: {"description": "No such organisation in your sub-tree"}},
)
async def list_invitations(
    org_id: uuid.UUID, invitations: InvitationServiceDep
) -> list[InvitationRead]:
    return [invitations.read(i) for i in await invitations.list_for_org(org_id)]


@router.get(
    "/invitations/{invitation_id}",
    summary="查看邀请 · Read an invitation",
    response_model=InvitationRead,
    responses=NOT_FOUND,
)
async def read_invitation(
    invitation_id: uuid.UUID, invitations: InvitationServiceDep
) -> InvitationRead:
    return invitations.read(await invitations.get(invitation_id))


@router.post(
    "/invitations/{invitation_id}/revoke",
    summary="撤销邀请 · Withdraw an invitation; its QR code stops working at once",
    response_model=InvitationRead,
    responses=NOT_FOUND,
)
async def revoke_invitation(
    invitation_id: uuid.UUID, invitations: InvitationServiceDep
) -> InvitationRead:
    return invitations.read(await invitations.revoke(invitation_id))


@router.get(
    "/invitations/{invitation_id}/qr.png",
    summary="邀请二维码（PNG） · The invitation's QR code as PNG",
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
    summary="邀请二维码（SVG） · The invitation's QR code as SVG",
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
    summary="查看扫码邀请（公开） · What a scanned invitation is for (public)",
    response_model=JoinInfo,
    responses={404: {"description": "Not an invitation"}, **CLOSED},
)
async def join_info(code: str, public_join: PublicJoinDep) -> JoinInfo:
    return await public_join.info(code)


@public_router.post(
    "/{code}",
    summary=(
        "扫码申请入会（公开） · "
        "Apply to join the union through a scanned invitation (public, no account needed)"
    ),
    description="The answer is the same whoever the ID number belongs to; the outcome (for a "
    "new member: the membership number and an activation code) goes by SMS to the phone on "
    "record.",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JoinReceived,
    responses={404: {"description": "Not an invitation"}, **CLOSED},
    # First, so that its pause comes after the commit.
    dependencies=[Paced],
)
async def join(code: str, join_in: JoinRequest, public_join: PublicJoinDep) -> JoinReceived:
    return await public_join.join(code, join_in)


@router.get(
    "/orgs/{org_id}/join-applications",
    summary=(
        "待核实的扫码入会 · Public joins naming a person already on record, for the union to review"
    ),
    response_model=list[JoinApplicationRead],
    responses={404: {"description": "No such organisation in your sub-tree"}},
)
async def list_join_applications(
    org_id: uuid.UUID,
    applications: JoinApplicationsDep,
    state: JoinApplicationState | None = JoinApplicationState.PENDING,
) -> list[JoinApplicationRead]:
    return await applications.list_for_org(org_id, state)


APPLICATION_NOT_FOUND: Responses = {404: {"description": "No such application in your sub-tree"}}


@router.post(
    "/join-applications/{application_id}/approve",
    summary=(
        "核实身份后批准入会 · "
        "Approve after seeing the person: their membership comes into the union"
    ),
    response_model=JoinApplicationRead,
    responses={
        **APPLICATION_NOT_FOUND,
        409: {"description": "Decided already, or registered with another union (transfer)"},
    },
)
async def approve_join_application(
    application_id: uuid.UUID, applications: JoinApplicationsDep
) -> JoinApplicationRead:
    return await applications.approve(application_id)


@router.post(
    "/join-applications/{application_id}/dismiss",
    summary="驳回返还申请 · Dismiss an application, with the reason",
    response_model=JoinApplicationRead,
    responses={**APPLICATION_NOT_FOUND, 409: {"description": "Decided already"}},
)
async def dismiss_join_application(
    application_id: uuid.UUID, decision: ReasonRequired, applications: JoinApplicationsDep
) -> JoinApplicationRead:
    return await applications.dismiss(application_id, decision.reason)
