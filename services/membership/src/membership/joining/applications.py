"""The inviting union's review of public joins that named a person already on record."""

import uuid
from datetime import UTC, datetime

from membership.access import Access, Permission
from membership.joining.errors import JoinApplicationNotFoundError
from membership.joining.models import JoinApplication, JoinApplicationState
from membership.joining.repository import InvitationRepository
from membership.joining.schemas import JoinApplicationRead
from membership.members.errors import InvalidTransitionError
from membership.members.models import JoinChannel, MemberState
from membership.members.service import Joining
from membership.orgs.errors import OrgClosedError, OrgNotFoundError
from membership.orgs.models import Org, OrgStatus


class JoinApplications:
    def __init__(self, repo: InvitationRepository, joining: Joining, access: Access) -> None:
        self.repo = repo
        self.joining = joining
        self.access = access

    @staticmethod
    def read(application: JoinApplication, id_number_masked: str) -> JoinApplicationRead:
        return JoinApplicationRead.model_validate(
            {
                **{
                    c: getattr(application, c)
                    for c in JoinApplicationRead.model_fields
                    if c != "id_number_masked"
                },
                "id_number_masked": id_number_masked,
            }
        )

    async def list_for_org(
        self, org_id: uuid.UUID, state: JoinApplicationState | None
    ) -> list[JoinApplicationRead]:
        await self.access.org_for(org_id, Permission.REVIEW_JOINS)
        return [self.read(a, m) for a, m in await self.repo.applications_for_org(org_id, state)]

    async def _pending(self, application_id: uuid.UUID) -> tuple[JoinApplication, Org]:
        application = await self.repo.application(application_id)
        if application is None:
            raise JoinApplicationNotFoundError()
        try:
            org = await self.access.org_for(application.org_id, Permission.REVIEW_JOINS)
        except OrgNotFoundError:
            raise JoinApplicationNotFoundError() from None
        if application.state is not JoinApplicationState.PENDING:
            raise InvalidTransitionError("This application has been decided already")
        return application, org

    async def approve(self, application_id: uuid.UUID) -> JoinApplicationRead:
        """The reviewer has seen the person: their membership comes into the union, or, if
        another union holds it, the answer is to ask for a transfer."""
        application, org = await self._pending(application_id)
        if org.status is OrgStatus.CLOSED:
            raise OrgClosedError(f"{org.name} is closed and takes no new members")
        person = await self.joining.people.repo.get(application.person_id)
        assert person is not None
        member = await self.joining.repo.by_person(person.id)
        actor = self.access.actor
        if member is None:
            await self.joining.lifecycle.enrol(
                person, org.id, MemberState.ACTIVE, JoinChannel.QR_CODE, actor
            )
        else:
            await self.joining.admit(
                member, person, org, MemberState.ACTIVE, JoinChannel.QR_CODE, actor
            )
            if member.state is MemberState.APPLIED:
                await self.joining.lifecycle.move(
                    member, person, MemberState.ACTIVE, kind="approved", actor=actor
                )
        return await self._decide(application, JoinApplicationState.APPROVED, None)

    async def dismiss(self, application_id: uuid.UUID, reason: str) -> JoinApplicationRead:
        application, _ = await self._pending(application_id)
        return await self._decide(application, JoinApplicationState.DISMISSED, reason)

    async def _decide(
        self, application: JoinApplication, state: JoinApplicationState, reason: str | None
    ) -> JoinApplicationRead:
        application.state = state
        application.decided_by = self.access.actor
        application.decided_at = datetime.now(UTC)
        application.reason = reason
        await self.repo.session.flush()
        person = await self.joining.people.repo.get(application.person_id)
        assert person is not None
        return self.read(application, person.id_number_masked)
