import secrets
import uuid
from datetime import UTC, datetime, timedelta

from membership.access import Access, Permission
from membership.identity.activation import Activation
from membership.joining.errors import (
    InvitationClosedError,
    InvitationNotFoundError,
)
from membership.joining.models import Invitation, JoinApplication, JoinApplicationState
from membership.joining.repository import InvitationRepository
from membership.joining.schemas import (
    InvitationCreate,
    InvitationRead,
    JoinInfo,
    JoinReceived,
    JoinRequest,
)
from membership.members.models import JoinChannel, MemberState
from membership.members.service import Joining
from membership.orgs.errors import OrgNotFoundError
from membership.orgs.models import Org, OrgStatus
from membership.orgs.repository import OrgRepository
from membership.people.id_numbers import normalise_phone
from membership.people.models import Person
from membership.people.repository import PersonRepository
from membership.people.service import PHONE, new_person
from servicekit.pii import PiiCipher, mask_phone


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
    """The worker's side: scan, read what the union is, fill in the form. No account needed.

    The caller may be anyone holding the poster, so a join never changes an existing
    person's record and answers alike whether or not the ID number is on the register: a
    new person is enrolled and gets their membership number and an activation code by SMS;
    an ID number already on the register becomes an application for the inviting union to
    review, and the phone on record is told of it."""

    def __init__(
        self,
        repo: InvitationRepository,
        orgs: OrgRepository,
        people: PersonRepository,
        joining: Joining,
        activation: Activation,
        pii: PiiCipher,
    ) -> None:
        self.repo = repo
        self.orgs = orgs
        self.people = people
        self.joining = joining
        self.activation = activation
        self.pii = pii

    async def _open(self, code: str) -> tuple[Invitation, Org]:
        invitation = await self.repo.by_code(code)
        org = await self.orgs.get(invitation.org_id) if invitation else None
        if invitation is None or org is None:
            raise InvitationNotFoundError("This QR code is not a union invitation")
        if invitation.revoked_at is not None:
            raise InvitationClosedError("This invitation was withdrawn by the union")
        if invitation.expires_at <= datetime.now(UTC):
            raise InvitationClosedError("This invitation has expired")
        if org.status is OrgStatus.CLOSED:
            raise InvitationClosedError(f"{org.name} is closed and takes no new members")
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

    async def join(self, code: str, join_in: JoinRequest) -> JoinReceived:
        invitation, org = await self._open(code)
        candidate = new_person(join_in, self.pii)  # a malformed form is refused first
        # Every join uses the invitation up alike, before a membership number is spent.
        if not await self.repo.take_one_use(invitation.id):
            raise InvitationClosedError("This invitation has been used up")
        person = await self.people.by_id_number_index(candidate.id_number_index)
        if person is None:
            person = await self.people.insert_if_absent(candidate)
            if person.id == candidate.id:
                await self._enrol(invitation, org, person, join_in.phone)
                return JoinReceived(org_name=org.name)
        await self._apply(invitation, org, person, join_in)
        return JoinReceived(org_name=org.name)

    async def _enrol(self, invitation: Invitation, org: Org, person: Person, phone: str) -> None:
        state = MemberState.ACTIVE if invitation.auto_approve else MemberState.APPLIED
        member = await self.joining.lifecycle.enrol(
            person, org.id, state, JoinChannel.QR_CODE, f"invitation:{invitation.id}"
        )
        code = await self.activation.issue(person)
        joined = "您已加入" if state is MemberState.ACTIVE else "您已申请加入"
        self.activation.text(
            normalise_phone(phone),
            f"【工会】{joined}{org.name}，会员号 {member.membership_no}。"
            f"开通会员账号的验证码为 {code}，{self.activation.minutes} 分钟内有效；"
            "过期后可凭身份证号和本手机号重新获取。",
        )

    async def _apply(
        self, invitation: Invitation, org: Org, person: Person, join_in: JoinRequest
    ) -> None:
        if await self.repo.pending_application(person.id, org.id) is not None:
            return  # one application per union and person: a stranger cannot flood the phone
        await self.repo.add(
            JoinApplication(
                id=uuid.uuid4(),
                org_id=org.id,
                invitation_id=invitation.id,
                person_id=person.id,
                name=join_in.name.strip(),
                phone_masked=mask_phone(normalise_phone(join_in.phone)),
                employment_form=join_in.employment_form,
                state=JoinApplicationState.PENDING,
            )
        )
        if person.phone_enc is not None:
            self.activation.text(
                self.pii.decrypt(PHONE, person.phone_enc),
                f"【工会】有人使用您的身份证号申请加入{org.name}。如系本人申请，请等待工会审核；"
                "如非本人操作，请联系该工会或拨打 12351 职工服务热线。",
            )
