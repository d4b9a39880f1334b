"""Request-scoped providers, all `async def` (a plain `def` would cost a thread hop each).
Every service a router uses is built here; routers take them as parameters."""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial
from typing import Annotated

from fastapi import Depends, Request

from rebate.access import is_reviewer
from rebate.applications.service import ApplicationService
from rebate.audit.checkpoints import CheckpointSigner
from rebate.audit.service import AuditLog
from rebate.cases.service import CaseService
from rebate.clients.membership import MembershipClient
from rebate.fees.service import FeeIntake
from rebate.ledger.service import Ledger
from rebate.partners.reads import PartnerReads
from rebate.partners.service import PartnerService, PartnerView
from rebate.payouts.delivery import OutboxAdmin
from rebate.payouts.service import PayoutService
from rebate.policies.service import PolicyService
from rebate.queue.service import QueueService
from rebate.reconciliation.schemas import Reconciliation
from rebate.reconciliation.service import reconcile
from rebate.runs.service import RunService
from rebate.settings import RebateSettings
from rebate.stats.repository import StatsRepository
from rebate.stats.service import StatsService
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


async def _policy_service(session: SessionDep, pii: PiiDep) -> PolicyService:
    return PolicyService(session, pii)


PolicyServiceDep = Annotated[PolicyService, Depends(_policy_service)]


async def _payout_service(
    session: SessionDep, pii: PiiDep, membership: MembershipDep
) -> PayoutService:
    return PayoutService(session, pii, membership)


PayoutServiceDep = Annotated[PayoutService, Depends(_payout_service)]


async def _case_service(
    session: SessionDep, principal: CurrentPrincipal, payouts: PayoutServiceDep
) -> CaseService:
    return CaseService(session, principal, payouts)


CaseServiceDep = Annotated[CaseService, Depends(_case_service)]


async def _run_service(session: SessionDep, principal: CurrentPrincipal, pii: PiiDep) -> RunService:
    return RunService(session, principal, pii)


RunServiceDep = Annotated[RunService, Depends(_run_service)]


async def _queue_service(
    session: SessionDep, principal: ReviewerPrincipal, pii: PiiDep, membership: MembershipDep
) -> QueueService:
    return QueueService(session, principal, pii, membership)


QueueServiceDep = Annotated[QueueService, Depends(_queue_service)]


async def _application_service(
    session: SessionDep, principal: CurrentPrincipal, pii: PiiDep, membership: MembershipDep
) -> ApplicationService:
    return ApplicationService(session, principal, pii, membership)


ApplicationServiceDep = Annotated[ApplicationService, Depends(_application_service)]


async def _stats_service(
    session: SessionDep, membership: MembershipDep, principal: ReviewerPrincipal
) -> StatsService:
    return StatsService(StatsRepository(session), membership, principal)


StatsServiceDep = Annotated[StatsService, Depends(_stats_service)]


async def _fee_intake(session: SessionDep, pii: PiiDep) -> FeeIntake:
    return FeeIntake(session, pii)


FeeIntakeDep = Annotated[FeeIntake, Depends(_fee_intake)]


async def _audit_log(session: SessionDep) -> AuditLog:
    return AuditLog(session)


AuditLogDep = Annotated[AuditLog, Depends(_audit_log)]


async def _ledger(session: SessionDep) -> Ledger:
    return Ledger(session)


LedgerDep = Annotated[Ledger, Depends(_ledger)]


async def _outbox_admin(session: SessionDep) -> OutboxAdmin:
    return OutboxAdmin(session)


OutboxAdminDep = Annotated[OutboxAdmin, Depends(_outbox_admin)]

# The reconciliation of one period (None: every period), as the caller may see it.
Reconcile = Callable[[str | None], Awaitable[Reconciliation]]


async def _reconcile(
    session: SessionDep, signer: AuditSignerDep, principal: ReviewerPrincipal
) -> Reconcile:
    return partial(reconcile, session, signer=signer, principal=principal)


ReconcileDep = Annotated[Reconcile, Depends(_reconcile)]
