"""Proof of possession: a member names their ID number and the phone number on record,
receives a one-time code there, and sets a password with it. The same path opens an
account that never existed and resets a forgotten password. Nothing in the answers says
whether the ID number is on the register: only the phone on record learns it."""

import hmac
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from membership.identity.errors import InvalidCodeError, UsernameTakenError
from membership.identity.models import Account, OneTimeCode
from membership.identity.passwords import hash_secret
from membership.identity.repository import IdentityRepository
from membership.identity.service import account_key
from membership.identity.throttle import Throttle, address_key
from membership.people.id_numbers import normalise_id_number, normalise_phone
from membership.people.models import Person
from membership.people.repository import PersonRepository
from membership.people.service import ID_NUMBER, PHONE
from membership.settings import MembershipSettings
from membership.sms.senders import SmsOutbox
from servicekit.auth import Role
from servicekit.pii import PiiCipher

CODE_FIELD = "one_time_code"


class Activation:
    def __init__(
        self,
        repo: IdentityRepository,
        people: PersonRepository,
        pii: PiiCipher,
        settings: MembershipSettings,
        sms: SmsOutbox,
    ) -> None:
        self.repo = repo
        self.people = people
        self.pii = pii
        self.sms = sms
        self.throttle = Throttle(repo, settings)
        self.ttl = timedelta(seconds=settings.one_time_code_ttl_seconds)
        self.max_attempts = settings.one_time_code_max_attempts
        self.requests_per_address = settings.code_requests_per_address

    @property
    def minutes(self) -> int:
        return max(1, int(self.ttl.total_seconds()) // 60)

    def _hash(self, code_id: uuid.UUID, code: str) -> bytes:
        # Keyed: six digits hashed plainly would fall to a million guesses offline.
        return self.pii.blind_index(CODE_FIELD, f"{code_id}:{code}")

    async def issue(self, person: Person) -> str:
        """A new code for the person; it replaces any code sent before."""
        code = f"{secrets.randbelow(10**6):06d}"
        record = OneTimeCode(
            id=uuid.uuid4(),
            person_id=person.id,
            expires_at=datetime.now(UTC) + self.ttl,
            attempts=0,
            created_at=datetime.now(UTC),
        )
        record.code_hash = self._hash(record.id, code)
        await self.repo.add(record)
        return code

    def text(self, phone: str, message: str) -> None:
        """An SMS sent once the request has committed."""
        self.sms.queue(phone, message)

    async def request_code(self, raw_id_number: str, raw_phone: str, address: str) -> None:
        id_number = normalise_id_number(raw_id_number)
        phone = normalise_phone(raw_phone)
        index = self.pii.blind_index(ID_NUMBER, id_number)
        # Every request counts, on the register or not, so the limit reveals nothing either.
        person_key = f"code-request:{index.hex()}"
        address_counter = "code-request-" + address_key(address)
        await self.throttle.check([person_key, address_counter])
        await self.throttle.count([person_key], "one-time code requests")
        # Many workers may activate from one service centre's network.
        await self.throttle.count(
            [address_counter], "one-time code requests", self.requests_per_address
        )
        person = await self.people.by_id_number_index(index)
        if person is None or person.phone_index != self.pii.blind_index(PHONE, phone):
            return
        if await self.repo.member_by_person(person.id) is None:
            return
        code = await self.issue(person)
        self.text(
            phone,
            f"【工会】您的验证码为 {code}，{self.minutes} 分钟内有效，"
            "用于开通会员账号或重设密码。请勿告诉他人。",
        )

    async def set_password(self, raw_id_number: str, code: str, password: str, address: str) -> str:
        """The member's user name (their membership number) once the code holds."""
        index = self.pii.blind_index(ID_NUMBER, normalise_id_number(raw_id_number))
        keys = [f"code:{index.hex()}", address_key(address)]
        await self.throttle.check(keys)
        person = await self.people.by_id_number_index(index)
        record = await self.repo.newest_code(person.id) if person else None
        now = datetime.now(UTC)
        usable = (
            record is not None
            and record.used_at is None
            and record.expires_at > now
            and record.attempts < self.max_attempts
        )
        if not usable or record is None or person is None:
            await self.throttle.count(keys, "one-time code")
            raise InvalidCodeError()
        if not hmac.compare_digest(record.code_hash, self._hash(record.id, code.strip())):
            record.attempts += 1
            await self.throttle.count(keys, "one-time code")
            raise InvalidCodeError()
        record.used_at = now
        await self.throttle.clear(keys[0])
        return await self._account_with_password(person, password)

    async def _account_with_password(self, person: Person, password: str) -> str:
        password_hash = await hash_secret(password)
        account = await self.repo.account_by_person(person.id)
        if account is not None:
            account.password_hash = password_hash
            # Proof of possession ends a lockout the owner may have run into.
            await self.throttle.clear(account_key(account.id))
            return account.username
        member = await self.repo.member_by_person(person.id)
        assert member is not None  # codes are only issued to people with a membership
        account = Account(
            id=uuid.uuid4(),
            username=member.membership_no.lower(),
            password_hash=password_hash,
            display_name=person.name,
            roles=[Role.MEMBER.value],
            org_scope=[],
            permissions=[],
            person_id=person.id,
        )
        if not await self.repo.add_unique(account):
            raise UsernameTakenError("The member's user name is taken")
        return account.username
