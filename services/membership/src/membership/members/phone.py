"""The phone on record, which one-time codes go to: set by a cadre of the member's union who
has seen the person (a member imported without one, a lost number). The change is recorded in
the member's history and the old number is told, so a changed number cannot go unnoticed."""

import uuid
from datetime import UTC, datetime

from membership.access import Access, Permission
from membership.identity.repository import IdentityRepository
from membership.members.errors import MemberNotFoundError
from membership.members.models import MemberEvent
from membership.members.repository import MemberRepository
from membership.members.schemas import MemberRead
from membership.members.service import member_read
from membership.people.id_numbers import normalise_phone
from membership.people.service import PHONE
from membership.sms.senders import SmsOutbox
from servicekit.pii import PiiCipher, mask_phone


class PhoneOnRecord:
    def __init__(
        self, repo: MemberRepository, pii: PiiCipher, access: Access, sms: SmsOutbox
    ) -> None:
        self.repo = repo
        self.identity = IdentityRepository(repo.session)
        self.pii = pii
        self.access = access
        self.sms = sms

    async def set(self, member_id: uuid.UUID, raw_phone: str) -> MemberRead:
        found = await self.repo.with_person(member_id)
        if found is None or not await self.access.covers(found[2].path):
            raise MemberNotFoundError()
        self.access.require(Permission.MANAGE_MEMBERS)
        member, person, org = found
        phone = normalise_phone(raw_phone)
        if person.phone_enc is not None:
            old = self.pii.decrypt(PHONE, person.phone_enc)
            if old == phone:
                return member_read(member, person, org)
            self.sms.queue(
                old,
                f"【工会】您在{org.name}登记的手机号已变更为 {mask_phone(phone)}。"
                "如非本人申请，请立即联系工会。",
            )
        person.phone_enc = self.pii.encrypt(PHONE, phone)
        person.phone_index = self.pii.blind_index(PHONE, phone)
        person.phone_masked = mask_phone(phone)
        # A code already sent to the old number no longer opens the account.
        await self.identity.retire_codes(person.id, datetime.now(UTC))
        await self.repo.add(
            MemberEvent(
                member_id=member.id,
                at=datetime.now(UTC),
                kind="phone_changed",
                from_state=member.state.value,
                to_state=member.state.value,
                org_id=member.org_id,
                actor=self.access.actor,
                reason=f"phone on record now {person.phone_masked}",
            )
        )
        return member_read(member, person, org)
