from typing import Annotated

from fastapi import Depends, Request

from membership.access import Access
from membership.identity.keys import SigningKeys
from membership.identity.service import AccountService, TokenService
from membership.orgs.repository import OrgRepository
from membership.orgs.service import OrgService
from membership.settings import MembershipSettings
from servicekit.auth import CurrentPrincipal, Principal, Role, require_roles
from servicekit.db import SessionDep


def _settings(request: Request) -> MembershipSettings:
    settings: MembershipSettings = request.app.state.settings
    return settings


def _signing_keys(request: Request) -> SigningKeys:
    keys: SigningKeys = request.app.state.signing_keys
    return keys


SettingsDep = Annotated[MembershipSettings, Depends(_settings)]
SigningKeysDep = Annotated[SigningKeys, Depends(_signing_keys)]


def _token_service(
    session: SessionDep, keys: SigningKeysDep, settings: SettingsDep
) -> TokenService:
    return TokenService(session, keys, settings)


def _account_service(session: SessionDep) -> AccountService:
    return AccountService(session)


TokenServiceDep = Annotated[TokenService, Depends(_token_service)]
AccountServiceDep = Annotated[AccountService, Depends(_account_service)]
AdminPrincipal = Annotated[Principal, Depends(require_roles(Role.ADMIN))]


def _access(principal: CurrentPrincipal, session: SessionDep) -> Access:
    return Access(principal, OrgRepository(session))


AccessDep = Annotated[Access, Depends(_access)]


def _org_service(access: AccessDep) -> OrgService:
    return OrgService(access.orgs, access)


OrgServiceDep = Annotated[OrgService, Depends(_org_service)]
