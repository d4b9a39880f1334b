"""Request-scoped providers. Every provider is `async def`: FastAPI runs a plain `def`
dependency in a worker thread, a thread hop per provider on every request."""

from typing import Annotated

from fastapi import Depends, Request

from competition.access import Access
from competition.appeals.service import AppealService
from competition.awards.service import AwardService
from competition.clients.membership import MembershipClient
from competition.contests.lookup import Contests, ContestView
from competition.contests.notice import NoticeRule
from competition.contests.reads import ContestReads
from competition.contests.repository import ContestRepository
from competition.contests.service import ContestService
from competition.entries.repository import EntryRepository
from competition.entries.service import EntryService
from competition.judging.repository import JudgeRepository
from competition.judging.service import JudgingService
from competition.orgsync.repository import OrgEventRepository
from competition.orgsync.service import OrgSync
from competition.ranking.ranker import Ranker
from competition.scoring.repository import ScoreRepository
from competition.scoring.service import ScoringService
from competition.settings import CompetitionSettings
from competition.stages.repository import StageRepository
from competition.stages.service import StageService
from competition.stats.repository import StatsRepository
from competition.stats.service import StatsService
from servicekit.auth import CurrentPrincipal
from servicekit.db import SessionDep


async def _membership(request: Request) -> MembershipClient:
    membership: MembershipClient = request.app.state.membership
    return membership


MembershipDep = Annotated[MembershipClient, Depends(_membership)]


async def _settings(request: Request) -> CompetitionSettings:
    settings: CompetitionSettings = request.app.state.settings
    return settings


SettingsDep = Annotated[CompetitionSettings, Depends(_settings)]


async def _notice(settings: SettingsDep) -> NoticeRule:
    return NoticeRule(settings.notice_days_min_provincial, settings.notice_days_min)


NoticeDep = Annotated[NoticeRule, Depends(_notice)]


async def _access(principal: CurrentPrincipal) -> Access:
    return Access(principal)


AccessDep = Annotated[Access, Depends(_access)]


async def _contests(session: SessionDep, access: AccessDep) -> Contests:
    return Contests(ContestRepository(session), access)


ContestsDep = Annotated[Contests, Depends(_contests)]


async def _contest_view(request: Request, principal: CurrentPrincipal) -> ContestView:
    # Access built here, not through AccessDep: each nested dependency is a solve per request.
    return ContestView(ContestReads(request.app.state.reads), Access(principal))


ContestViewDep = Annotated[ContestView, Depends(_contest_view)]


async def _contest_service(
    contests: ContestsDep, membership: MembershipDep, notice: NoticeDep
) -> ContestService:
    return ContestService(contests, membership, notice)


ContestServiceDep = Annotated[ContestService, Depends(_contest_service)]


async def _entry_service(
    session: SessionDep, contests: ContestsDep, membership: MembershipDep
) -> EntryService:
    return EntryService(EntryRepository(session), contests, membership)


EntryServiceDep = Annotated[EntryService, Depends(_entry_service)]


async def _judging_service(
    session: SessionDep, contests: ContestsDep, membership: MembershipDep
) -> JudgingService:
    return JudgingService(JudgeRepository(session), EntryRepository(session), contests, membership)


JudgingServiceDep = Annotated[JudgingService, Depends(_judging_service)]


async def _stage_service(
    session: SessionDep, contests: ContestsDep, notice: NoticeDep
) -> StageService:
    return StageService(StageRepository(session), Ranker(session), contests, notice)


StageServiceDep = Annotated[StageService, Depends(_stage_service)]


async def _scoring_service(session: SessionDep, contests: ContestsDep) -> ScoringService:
    return ScoringService(ScoreRepository(session), EntryRepository(session), contests)


ScoringServiceDep = Annotated[ScoringService, Depends(_scoring_service)]


async def _appeal_service(
    session: SessionDep, stages: StageServiceDep, contests: ContestsDep
) -> AppealService:
    return AppealService(session, stages, contests)


AppealServiceDep = Annotated[AppealService, Depends(_appeal_service)]


async def _award_service(session: SessionDep, contests: ContestsDep) -> AwardService:
    return AwardService(session, contests)


AwardServiceDep = Annotated[AwardService, Depends(_award_service)]


async def _stats_service(
    session: SessionDep, access: AccessDep, membership: MembershipDep
) -> StatsService:
    return StatsService(StatsRepository(session), access, membership)


StatsServiceDep = Annotated[StatsService, Depends(_stats_service)]


async def _org_sync(session: SessionDep, settings: SettingsDep) -> OrgSync:
    return OrgSync(OrgEventRepository(session), settings.membership_webhook_secrets)


OrgSyncDep = Annotated[OrgSync, Depends(_org_sync)]
