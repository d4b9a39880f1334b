import secrets
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.errors import (
    AccountNotFoundError,
    ClientIdTakenError,
    InvalidClientError,
    InvalidGrantError,
    UnknownScopeOrgError,
    UsernameTakenError,
)
from membership.identity.keys import SigningKeys
from membership.identity.models import Account, ServiceClient
from membership.identity.passwords import hash_secret, verify_secret
from membership.identity.reads import AccountReads
from membership.identity.repository import IdentityRepository
from membership.identity.schemas import (
    AccountCreate,
    AccountLookupRead,
    AccountRead,
    ServiceClientCreate,
    TokenRead,
)
from membership.identity.throttle import Throttle, address_key
from membership.people.errors import InvalidPersonDataError
from membership.people.id_numbers import normalise_id_number, normalise_phone
from membership.people.service import ID_NUMBER, PHONE
from membership.settings import MembershipSettings
from servicekit.auth import Principal, Role
from servicekit.pii import PiiCipher

CLIENT_SUBJECT_PREFIX = "client:"


def account_key(account_id: uuid.UUID) -> str:
    return f"account:{account_id}"


class TokenService:
    def __init__(
        self,
        session: AsyncSession,
        keys: SigningKeys,
        settings: MembershipSettings,
        pii: PiiCipher,
    ) -> None:
        self.repo = IdentityRepository(session)
        self.keys = keys
        self.settings = settings
        self.pii = pii
        self.throttle = Throttle(self.repo, settings)

    def _token(self, subject: str, claims: dict[str, Any]) -> TokenRead:
        now = int(time.time())
        ttl = self.settings.access_token_ttl_seconds
        payload = {
            "iss": self.settings.jwt_issuer,
            "aud": self.settings.jwt_audience,
            "sub": subject,
            "iat": now,
            "nbf": now,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
            **claims,
        }
        return TokenRead(access_token=self.keys.sign(payload), expires_in=ttl)

    async def _account_for(self, login: str) -> Account | None:
        """The account a sign-in name means: a user name (a member's is their membership
        number), else a member's ID number or phone number. A phone shared by two members'
        records names neither."""
        account = await self.repo.account_by_username(login)
        if account is not None:
            return account
        try:
            id_number = normalise_id_number(login)
        except InvalidPersonDataError:
            pass
        else:
            return await self.repo.account_by_id_number(self.pii.blind_index(ID_NUMBER, id_number))
        try:
            phone = normalise_phone(login)
        except InvalidPersonDataError:
            return None
        accounts = await self.repo.member_accounts_by_phone(self.pii.blind_index(PHONE, phone))
        return accounts[0] if len(accounts) == 1 else None

    async def token_for_password(self, login: str, password: str, address: str) -> TokenRead:
        login = login.strip()
        account = await self._account_for(login)
        # Failures count against the account, however it was named; a name that is no
        # account counts under its keyed digest, so both lock alike.
        subject = (
            account_key(account.id)
            if account
            else "login:" + self.pii.blind_index("login", login.lower()).hex()
        )
        keys = [subject, address_key(address)]
        await self.throttle.hold(keys)
        await self.throttle.check(keys)
        # An unknown name verifies a dummy hash: it takes as long as a wrong password.
        valid = await verify_secret(password, account.password_hash if account else None)
        if account is None or not valid or not account.is_active:
            await self.throttle.count(keys, "sign-in")
            raise InvalidGrantError()
        await self.throttle.clear(subject)
        account.last_login_at = datetime.now(UTC)
        return self._token(
            str(account.id),
            {
                "name": account.display_name,
                "roles": account.roles,
                "org_scope": account.org_scope,
                "org_scope_paths": await self.repo.org_paths(account.org_scope),
                "enterprise_scope": account.enterprise_scope,
                "permissions": account.permissions,
                # A member's own account: what "me" means in member-facing routes.
                **({"person_id": str(account.person_id)} if account.person_id else {}),
            },
        )

    async def token_for_client(self, client_id: str, client_secret: str) -> TokenRead:
        client = await self.repo.client_by_client_id(client_id)
        valid = await verify_secret(client_secret, client.secret_hash if client else None)
        if client is None or not valid or not client.is_active:
            raise InvalidClientError()
        return self._token(
            CLIENT_SUBJECT_PREFIX + client.client_id,
            {"name": client.name, "roles": client.roles, "permissions": client.permissions},
        )


class AccountService:
    def __init__(self, session: AsyncSession) -> None:
        self.repo = IdentityRepository(session)

    async def create_account(self, account_in: AccountCreate) -> Account:
        # A scope naming no organisation would sign tokens whose scope no service can place.
        scope = list(dict.fromkeys(account_in.org_scope))
        if len(await self.repo.org_paths(scope)) != len(scope):
            raise UnknownScopeOrgError("Every org_scope entry must be the id of an organisation")
        account = Account(
            username=account_in.username.lower(),
            password_hash=await hash_secret(account_in.password),
            display_name=account_in.display_name,
            roles=[str(role) for role in account_in.roles],
            org_scope=scope,
            enterprise_scope=account_in.enterprise_scope,
            permissions=account_in.permissions,
        )
        if not await self.repo.add_unique(account):
            raise UsernameTakenError(f"The user name {account_in.username!r} is taken")
        return account

    async def ensure_admin(self, username: str, password: str) -> bool:
        """Create the admin unless an account of that name exists; True when created."""
        if await self.repo.account_by_username(username) is not None:
            return False
        await self.create_account(
            AccountCreate(
                username=username,
                password=password,
                display_name="Administrator",
                roles=[Role.ADMIN],
            )
        )
        return True

    async def ensure_service_client(
        self,
        client_id: str,
        name: str,
        secret: str,
        roles: list[str],
        permissions: list[str] | None = None,
    ) -> bool:
        """Create the client, or set its secret, roles and permissions; True when something
        changed."""
        permissions = permissions or []
        client = await self.repo.client_by_client_id(client_id)
        if client is None:
            await self.repo.add_unique(
                ServiceClient(
                    client_id=client_id,
                    secret_hash=await hash_secret(secret),
                    name=name,
                    roles=roles,
                    permissions=permissions,
                )
            )
            return True
        if (
            await verify_secret(secret, client.secret_hash)
            and client.roles == roles
            and client.permissions == permissions
        ):
            return False
        client.secret_hash = await hash_secret(secret)
        client.roles = roles
        client.permissions = permissions
        client.is_active = True
        return True

    async def lookup(self, username: str) -> AccountLookupRead:
        """An active account by username, for other services (service tokens only)."""
        account = await self.repo.account_by_username(username)
        if account is None or not account.is_active:
            raise AccountNotFoundError("No active account of that name")
        # A judge's conflicts are assessed against every organisation the account acts for,
        # not only the first: a second one in the scope is no way around them.
        org_ids = []
        for raw in account.org_scope:
            try:
                org_ids.append(uuid.UUID(raw))
            except ValueError:
                continue
        return AccountLookupRead(
            id=account.id,
            username=account.username,
            display_name=account.display_name,
            permissions=account.permissions,
            org_id=org_ids[0] if org_ids else None,
            org_ids=org_ids,
            is_active=account.is_active,
        )

    async def account(self, account_id: uuid.UUID) -> Account:
        account = await self.repo.account_by_id(account_id)
        if account is None:
            raise AccountNotFoundError()
        return account

    async def create_service_client(
        self, client_in: ServiceClientCreate
    ) -> tuple[ServiceClient, str]:
        secret = secrets.token_urlsafe(32)
        client = ServiceClient(
            client_id=client_in.client_id,
            secret_hash=await hash_secret(secret),
            name=client_in.name,
            roles=[str(role) for role in client_in.roles],
            permissions=list(client_in.permissions),
        )
        if not await self.repo.add_unique(client):
            raise ClientIdTakenError(f"The client id {client_in.client_id!r} is taken")
        return client, secret


class OwnAccount:
    """The account a token was issued to; a service client's token has none."""

    def __init__(self, accounts: AccountReads) -> None:
        self.accounts = accounts

    async def read(self, principal: Principal) -> AccountRead:
        account = None
        if not principal.subject.startswith(CLIENT_SUBJECT_PREFIX):
            account = await self.accounts.account(uuid.UUID(principal.subject))
        if account is None:
            raise AccountNotFoundError("This token does not belong to a staff account")
        return account
