import secrets
import uuid
from datetime import UTC, datetime, timedelta

from membership.access import Access, Permission
from membership.identity.service import AccountService
from membership.joining.errors import InvitationClosedError, InvitationNotFoundError
from membership.joining.models import Invitation
from membership.joining.repository import InvitationRepository
from membership.joining.schemas import (
    InvitationCreate,
    InvitationRead,
    JoinInfo,
    JoinRequest,
    JoinResult,
)
from membership.members.models import JoinChannel, MemberState
from membership.members.service import Joining, JoinOutcome
from membership.orgs.errors import OrgNotFoundError
from membership.orgs.models import Org, OrgStatus
from membership.orgs.repository import OrgRepository


def invitation_read(invitation: Invitation, public_base_url: str) -> InvitationRead:
    return InvitationRead.model_validate(
        {
            **{c: getattr(invitation, c) for c in InvitationRead.model_fields if c != "join_url"},
            "join_url": f"{public_base_url.rstrip('/')}/v1/join/{invitation.code}",
        }
    )


class InvitationService:
    """Cadres' side: QR invitations of the organisations in their sub-tree."""

    def __init__(self, repo: InvitationRepository, access: Access, public_base_url: str) -> None:
        self.repo = repo
        self.access = access
        self.public_base_url = public_base_url

    def read(self, invitation: Invitation) -> InvitationRead:
        return invitation_read(invitation, self.public_base_url)

    async def create(self, org_id: uuid.UUID, invitation_in: InvitationCreate) -> Invitation:
        org = await self.access.org_for(org_id, Permission.MANAGE_MEMBERS)
        if org.status is OrgStatus.CLOSED:
            raise InvitationClosedError(f"{org.name} is closed")
        invitation = Invitation(
            id=uuid.uuid4(),
            org_id=org.id,
            code=secrets.token_urlsafe(24),
            expires_at=datetime.now(UTC) + timedelta(hours=invitation_in.expires_in_hours),
            max_uses=invitation_in.max_uses,
            use_count=0,
            auto_approve=invitation_in.auto_approve,
            created_by=self.access.actor,
        )
        await self.repo.add(invitation)
        return invitation

    async def list_for_org(self, org_id: uuid.UUID) -> list[Invitation]:
        await self.access.org_for(org_id, Permission.MANAGE_MEMBERS)
        return await self.repo.for_org(org_id)

    async def get(self, invitation_id: uuid.UUID) -> Invitation:
        invitation = await self.repo.get(invitation_id)
        if invitation is None:
            raise InvitationNotFoundError()
        try:
            await self.access.org_for(invitation.org_id, Permission.MANAGE_MEMBERS)
        except OrgNotFoundError:
            raise InvitationNotFoundError() from None
        return invitation

    async def revoke(self, invitation_id: uuid.UUID) -> Invitation:
        invitation = await self.get(invitation_id)
        if invitation.revoked_at is None:
            invitation.revoked_at = datetime.now(UTC)
            await self.repo.session.flush()
        return invitation


class PublicJoin:
    """The worker's side: scan, read what the union is, fill in the form. No account needed."""

    def __init__(
        self,
        repo: InvitationRepository,
        orgs: OrgRepository,
        joining: Joining,
        accounts: AccountService,
    ) -> None:
        self.repo = repo
        self.orgs = orgs
        self.joining = joining
        self.accounts = accounts

    async def _open(self, code: str) -> tuple[Invitation, Org]:
        invitation = await self.repo.by_code(code)
        org = await self.orgs.get(invitation.org_id) if invitation else None
        if invitation is None or org is None:
            raise InvitationNotFoundError("This QR code is not a union invitation")
        if invitation.revoked_at is not None:
            raise InvitationClosedError("This invitation was withdrawn by the union")
        if invitation.expires_at <= datetime.now(UTC):
            raise InvitationClosedError("This invitation has expired")
        return invitation, org

    async def info(self, code: str) -> JoinInfo:
        invitation, org = await self._open(code)
        if invitation.max_uses is not None and invitation.use_count >= invitation.max_uses:
            raise InvitationClosedError("This invitation has been used up")
        return JoinInfo(
            org_name=org.name,
            region_code=org.region_code,
            auto_approve=invitation.auto_approve,
            expires_at=invitation.expires_at,
        )

    async def join(self, code: str, join_in: JoinRequest) -> tuple[JoinResult, JoinOutcome]:
        invitation, org = await self._open(code)
        state = MemberState.ACTIVE if invitation.auto_approve else MemberState.APPLIED
        member, person, outcome = await self.joining.join(
            join_in, org, state, JoinChannel.QR_CODE, f"invitation:{invitation.id}"
        )
        # Only a new application uses up the invitation (checked atomically against the cap);
        # someone who joined through it scanning again just sees their result.
        if outcome is JoinOutcome.CREATED and not await self.repo.take_one_use(invitation.id):
            raise InvitationClosedError("This invitation has been used up")
        username = None
        if join_in.password and outcome is JoinOutcome.CREATED:
            username = await self.accounts.open_member_account(
                person.id, member.membership_no, person.name, join_in.password
            )
        result = JoinResult(
            membership_no=member.membership_no,
            state=member.state,
            org_name=org.name,
            account_username=username,
        )
        return result, outcome
