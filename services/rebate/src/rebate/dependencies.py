"""Request-scoped providers, all `async def` (a plain `def` would cost a thread hop each)."""

from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request

from rebate.access import is_reviewer
from rebate.audit.checkpoints import CheckpointSigner
from rebate.clients.membership import MembershipClient
from rebate.partners.reads import PartnerReads
from rebate.partners.service import PartnerService, PartnerView
from rebate.settings import RebateSettings
from servicekit.auth import CurrentPrincipal, Principal, Role, require_roles
from servicekit.db import SessionDep
from servicekit.errors import ForbiddenError
from servicekit.outbound_urls import UrlGuard
from servicekit.pii import PiiCipher


async def _settings(request: Request) -> RebateSettings:
    settings: RebateSettings = request.app.state.settings
    return settings


async def _pii(request: Request) -> PiiCipher:
    pii: PiiCipher = request.app.state.pii
    return pii


async def _membership(request: Request) -> MembershipClient:
    client: MembershipClient = request.app.state.membership
    return client


SettingsDep = Annotated[RebateSettings, Depends(_settings)]
PiiDep = Annotated[PiiCipher, Depends(_pii)]
MembershipDep = Annotated[MembershipClient, Depends(_membership)]
AdminPrincipal = Annotated[Principal, Depends(require_roles(Role.ADMIN))]


async def _url_guard(request: Request) -> UrlGuard:
    guard: UrlGuard = request.app.state.url_guard
    return guard


async def _audit_signer(request: Request) -> CheckpointSigner:
    signer: CheckpointSigner = request.app.state.audit_signer
    return signer


UrlGuardDep = Annotated[UrlGuard, Depends(_url_guard)]
AuditSignerDep = Annotated[CheckpointSigner, Depends(_audit_signer)]


async def _partner_service(
    session: SessionDep, pii: PiiDep, settings: SettingsDep, url_guard: UrlGuardDep
) -> PartnerService:
    grace = timedelta(hours=settings.secret_rotation_grace_hours)
    return PartnerService(session, pii, grace, url_guard)


PartnerServiceDep = Annotated[PartnerService, Depends(_partner_service)]


async def _partner_view(request: Request) -> PartnerView:
    return PartnerView(PartnerReads(request.app.state.reads))


PartnerViewDep = Annotated[PartnerView, Depends(_partner_view)]


async def _reviewer(principal: CurrentPrincipal) -> Principal:
    """Admins, and cadres allowed to review rebates (their sub-tree is checked per object)."""
    if is_reviewer(principal):
        return principal
    raise ForbiddenError("This needs the review_rebates permission")


ReviewerPrincipal = Annotated[Principal, Depends(_reviewer)]
