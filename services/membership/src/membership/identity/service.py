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
from membership.identity.repository import IdentityRepository
from membership.identity.schemas import AccountCreate, ServiceClientCreate, TokenRead
from membership.settings import MembershipSettings
from servicekit.auth import Principal, Role

CLIENT_SUBJECT_PREFIX = "client:"


class TokenService:
    def __init__(
        self, session: AsyncSession, keys: SigningKeys, settings: MembershipSettings
    ) -> None:
        self.repo = IdentityRepository(session)
        self.keys = keys
        self.settings = settings

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

    async def token_for_password(self, username: str, password: str) -> TokenRead:
        account = await self.repo.account_by_username(username)
        valid = await verify_secret(password, account.password_hash if account else None)
        if account is None or not valid or not account.is_active:
            raise InvalidGrantError()
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
            CLIENT_SUBJECT_PREFIX + client.client_id, {"name": client.name, "roles": client.roles}
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
        self, client_id: str, name: str, secret: str, roles: list[str]
    ) -> bool:
        """Create the client, or set its secret and roles; True when something changed."""
        client = await self.repo.client_by_client_id(client_id)
        if client is None:
            await self.repo.add_unique(
                ServiceClient(
                    client_id=client_id,
                    secret_hash=await hash_secret(secret),
                    name=name,
                    roles=roles,
                )
            )
            return True
        if await verify_secret(secret, client.secret_hash) and client.roles == roles:
            return False
        client.secret_hash = await hash_secret(secret)
        client.roles = roles
        client.is_active = True
        return True

    async def open_member_account(
        self, person_id: uuid.UUID, membership_no: str, display_name: str, password: str
    ) -> str | None:
        """A member's own sign-in, named by the membership number; None if one exists."""
        if await self.repo.account_by_person(person_id) is not None:
            return None
        account = Account(
            username=membership_no.lower(),
            password_hash=await hash_secret(password),
            display_name=display_name,
            roles=[Role.MEMBER.value],
            org_scope=[],
            permissions=[],
            person_id=person_id,
        )
        return account.username if await self.repo.add_unique(account) else None

    async def own_account(self, principal: Principal) -> Account:
        account = None
        if not principal.subject.startswith(CLIENT_SUBJECT_PREFIX):
            account = await self.repo.account_by_id(uuid.UUID(principal.subject))
        if account is None:
            raise AccountNotFoundError("This token does not belong to a staff account")
        return account

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
        )
        if not await self.repo.add_unique(client):
            raise ClientIdTakenError(f"The client id {client_in.client_id!r} is taken")
        return client, secret
