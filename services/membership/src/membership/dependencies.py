"""Request-scoped providers. Every provider is `async def`: FastAPI runs a plain `def`
dependency in a worker thread, a thread hop per provider on every request."""

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import BackgroundTasks, Depends, Request

from membership.access import Access
from membership.cards.service import CardService
from membership.events.service import OrgEvents
from membership.honours.repository import HonourRepository
from membership.honours.service import HonourService
from membership.identity.activation import Activation
from membership.identity.keys import SigningKeys
from membership.identity.reads import AccountReads
from membership.identity.repository import IdentityRepository
from membership.identity.service import AccountService, OwnAccount, TokenService
from membership.imports.service import ImportService
from membership.joining.applications import JoinApplications
from membership.joining.repository import InvitationRepository
from membership.joining.service import InvitationService, PublicJoin
from membership.members.lookup import LookupService, MemberLookup
from membership.members.phone import PhoneOnRecord
from membership.members.repository import MemberRepository
from membership.members.service import Joining, MemberService
from membership.orgs.repository import OrgRepository
from membership.orgs.service import OrgService
from membership.people.repository import PersonRepository
from membership.people.service import PersonService
from membership.serving.repository import ServingRepository
from membership.serving.service import ServingService
from membership.settings import MembershipSettings
from membership.sms.senders import SmsOutbox
from membership.stats.repository import StatsRepository
from membership.stats.service import StatsService
from membership.transfers.repository import TransferRepository
from membership.transfers.service import TransferService
from servicekit.auth import CurrentPrincipal, Principal, Role, require_roles
from servicekit.db import SessionDep
from servicekit.pii import PiiCipher


async def _settings(request: Request) -> MembershipSettings:
    settings: MembershipSettings = request.app.state.settings
    return settings


async def _signing_keys(request: Request) -> SigningKeys:
    keys: SigningKeys = request.app.state.signing_keys
    return keys


async def _pii(request: Request) -> PiiCipher:
    pii: PiiCipher = request.app.state.pii
    return pii


SettingsDep = Annotated[MembershipSettings, Depends(_settings)]
PiiDep = Annotated[PiiCipher, Depends(_pii)]
SigningKeysDep = Annotated[SigningKeys, Depends(_signing_keys)]


async def _client_address(request: Request) -> str:
    # Behind the gateway this is the client it saw (X-Forwarded-For, trusted by uvicorn from
    # the gateway's address only, see --forwarded-allow-ips).
    return request.client.host if request.client else "unknown"


ClientAddressDep = Annotated[str, Depends(_client_address)]


async def _paced(request: Request) -> AsyncIterator[None]:
    # Released after the session's commit (a dependency declared before it exits after it),
    # before the answer, refusals included, goes out: the pause holds no database connection.
    floor = request.app.state.settings.public_answer_min_seconds
    until = time.monotonic() + floor
    try:
        yield
    except Exception:
        await asyncio.sleep(max(0.0, until - time.monotonic()))
        raise
    await asyncio.sleep(max(0.0, until - time.monotonic()))


Paced = Depends(_paced, scope="function")


async def _sms(request: Request, tasks: BackgroundTasks) -> SmsOutbox:
    outbox = SmsOutbox(request.app.state.sms_sender)
    # After the answer, hence after the commit; an error answer runs no background task.
    tasks.add_task(outbox.flush)
    return outbox


SmsDep = Annotated[SmsOutbox, Depends(_sms)]


async def _token_service(
    session: SessionDep, keys: SigningKeysDep, settings: SettingsDep, pii: PiiDep
) -> TokenService:
    return TokenService(session, keys, settings, pii)


async def _activation(
    session: SessionDep, pii: PiiDep, settings: SettingsDep, sms: SmsDep
) -> Activation:
    return Activation(IdentityRepository(session), PersonRepository(session), pii, settings, sms)


ActivationDep = Annotated[Activation, Depends(_activation)]


async def _account_service(session: SessionDep) -> AccountService:
    return AccountService(session)


async def _own_account(request: Request) -> OwnAccount:
    return OwnAccount(AccountReads(request.app.state.reads))


TokenServiceDep = Annotated[TokenService, Depends(_token_service)]
AccountServiceDep = Annotated[AccountService, Depends(_account_service)]
OwnAccountDep = Annotated[OwnAccount, Depends(_own_account)]
AdminPrincipal = Annotated[Principal, Depends(require_roles(Role.ADMIN))]


async def _access(principal: CurrentPrincipal, session: SessionDep) -> Access:
    return Access(principal, OrgRepository(session))


AccessDep = Annotated[Access, Depends(_access)]


async def _org_service(access: AccessDep, settings: SettingsDep) -> OrgService:
    events = OrgEvents(access.orgs.session, settings.org_event_subscribers)
    return OrgService(access.orgs, access, events)


OrgServiceDep = Annotated[OrgService, Depends(_org_service)]


async def _person_service(session: SessionDep, pii: PiiDep) -> PersonService:
    return PersonService(PersonRepository(session), pii)


PersonServiceDep = Annotated[PersonService, Depends(_person_service)]


async def _member_service(
    session: SessionDep, people: PersonServiceDep, access: AccessDep
) -> MemberService:
    return MemberService(MemberRepository(session), people, access)


MemberServiceDep = Annotated[MemberService, Depends(_member_service)]


async def _phone_on_record(
    session: SessionDep, pii: PiiDep, access: AccessDep, sms: SmsDep
) -> PhoneOnRecord:
    return PhoneOnRecord(MemberRepository(session), pii, access, sms)


PhoneOnRecordDep = Annotated[PhoneOnRecord, Depends(_phone_on_record)]


async def _lookup_service(request: Request, access: AccessDep, pii: PiiDep) -> LookupService:
    return LookupService(MemberLookup(request.app.state.reads), pii, access)


LookupServiceDep = Annotated[LookupService, Depends(_lookup_service)]


async def _invitation_service(
    session: SessionDep, access: AccessDep, settings: SettingsDep
) -> InvitationService:
    return InvitationService(InvitationRepository(session), access, settings.public_base_url)


async def _public_join(
    session: SessionDep, people: PersonServiceDep, activation: ActivationDep
) -> PublicJoin:
    return PublicJoin(
        InvitationRepository(session),
        OrgRepository(session),
        people.repo,
        Joining(MemberRepository(session), people),
        activation,
        people.pii,
    )


async def _join_applications(
    session: SessionDep, people: PersonServiceDep, access: AccessDep
) -> JoinApplications:
    return JoinApplications(
        InvitationRepository(session), Joining(MemberRepository(session), people), access
    )


InvitationServiceDep = Annotated[InvitationService, Depends(_invitation_service)]
PublicJoinDep = Annotated[PublicJoin, Depends(_public_join)]
JoinApplicationsDep = Annotated[JoinApplications, Depends(_join_applications)]


async def _transfer_service(session: SessionDep, access: AccessDep) -> TransferService:
    return TransferService(TransferRepository(session), MemberRepository(session), access)


TransferServiceDep = Annotated[TransferService, Depends(_transfer_service)]


async def _card_service(
    session: SessionDep, keys: SigningKeysDep, settings: SettingsDep
) -> CardService:
    return CardService(MemberRepository(session), keys, settings.jwt_issuer)


async def _honour_service(session: SessionDep, access: AccessDep) -> HonourService:
    return HonourService(HonourRepository(session), MemberRepository(session), access)


async def _stats_service(request: Request, access: AccessDep) -> StatsService:
    return StatsService(StatsRepository(request.app.state.reads), access)


CardServiceDep = Annotated[CardService, Depends(_card_service)]
HonourServiceDep = Annotated[HonourService, Depends(_honour_service)]
StatsServiceDep = Annotated[StatsService, Depends(_stats_service)]


async def _import_service(access: AccessDep, request: Request) -> ImportService:
    return ImportService(access, request.app.state.sessionmaker)


ImportServiceDep = Annotated[ImportService, Depends(_import_service)]


async def _serving_service(access: AccessDep) -> ServingService:
    return ServingService(ServingRepository(access.orgs.session), access)


ServingServiceDep = Annotated[ServingService, Depends(_serving_service)]
