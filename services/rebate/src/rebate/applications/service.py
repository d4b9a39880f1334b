"""Application mode: under a policy with `mode: application` no run makes cases; an enterprise
applies for a period, and its application becomes a case (`source: application`) placed and
reviewed as a run's would be. What a run would queue is refused here with its reason, and
nothing is kept: the enterprise may apply again once the reason is gone."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.access import cases_in_sight, sees_case
from rebate.applications.errors import (
    AccountNamedByOthersError,
    ApplicationExistsError,
    ApplicationNotFoundError,
    AutomaticPolicyError,
    NoFeeRecordsError,
    NotEligibleError,
    NotYourEnterpriseError,
    OutsidePolicyError,
    UsccRequiredError,
)
from rebate.applications.models import Application, account_no_field, contact_phone_field
from rebate.applications.repository import ApplicationRepository, PeriodRecord
from rebate.applications.schemas import ApplicantAccountRead, ApplicationIn, ApplicationRead
from rebate.audit.service import AuditLog, Step
from rebate.cases.models import CaseSource, RebateCase
from rebate.clients.membership import MembershipClient
from rebate.ledger.service import ZERO
from rebate.payouts.repository import PayoutRepository
from rebate.policies.models import Policy, PolicyMode
from rebate.policies.service import PolicyService
from rebate.runs.executor import Candidate, classify, place
from servicekit.auth import Principal, Role
from servicekit.errors import ForbiddenError
from servicekit.pii import PiiCipher, mask_account_number, mask_phone


class ApplicationService:
    def __init__(
        self,
        session: AsyncSession,
        principal: Principal,
        pii: PiiCipher,
        membership: MembershipClient,
    ) -> None:
        self.session = session
        self.principal = principal
        self.pii = pii
        self.membership = membership
        self.repo = ApplicationRepository(session)

    def applicant_uscc(self, application_in: ApplicationIn) -> str:
        """An enterprise account applies for its own credit code, an admin for the one named.
        An admin applying on an enterprise's behalf may not name where its money goes: that
        would let one person redirect any enterprise's refund to an account of their choice."""
        p = self.principal
        asked = application_in.uscc.strip().upper() if application_in.uscc else None
        if p.is_admin:
            if not asked:
                raise UsccRequiredError("Name the enterprise (uscc) you apply for")
            if application_in.destination is not None:
                raise AccountNamedByOthersError(
                    "Apply without a destination; the policy's destinations apply"
                )
            return asked
        if not p.has_role(Role.ENTERPRISE) or not p.enterprise_scope:
            raise ForbiddenError("Only an enterprise account applies for its refund")
        if asked is not None and asked != p.enterprise_scope:
            raise NotYourEnterpriseError()
        return p.enterprise_scope

    async def apply(self, application_in: ApplicationIn) -> ApplicationRead:
        uscc = self.applicant_uscc(application_in)
        period, actor = application_in.period, self.principal.subject
        # The same lock as settlement and payouts: a second application (or a late record)
        # for the enterprise waits until this one is a case.
        await PayoutRepository(self.session).lock_enterprise(uscc)
        if await self.repo.has_live_case(uscc, period):
            raise ApplicationExistsError(f"The enterprise already has a case for {period}")
        records = await self.repo.records(uscc, period)
        claimable = [r for r in records if r.open]
        if not claimable:
            raise NoFeeRecordsError(f"No union-fee records of {period} are open to an application")
        policy = await self._policy(period, records)
        if policy.mode is PolicyMode.AUTOMATIC:
            raise AutomaticPolicyError(
                f"Policy {policy.policy_key!r} refunds {period} without an application"
            )
        candidate = Candidate(
            uscc,
            records[0].enterprise_name,
            [r.id for r in claimable],
            sum((r.fee_amount for r in claimable), ZERO),
            has_case=False,
        )
        matches = await self.membership.enterprises([uscc])
        problem = classify(candidate, matches.get(uscc), policy)
        if problem is not None:
            raise NotEligibleError(problem[1])
        created, _ = await place(
            self.session, period, None, policy, [uscc], matches, actor, CaseSource.APPLICATION
        )
        case = await self.repo.unsettled_case(uscc, period)
        if not created or case is None:
            raise ApplicationExistsError(f"The enterprise already has a case for {period}")
        application = self._store(uscc, period, case, policy, application_in)
        self.session.add(application)
        await self.session.flush()
        await AuditLog(self.session).append(
            Step(
                "application.filed",
                actor,
                {
                    "application_id": str(application.id),
                    "contact_phone": application.contact_phone_masked,
                    "account": f"{application.bank} {application.account_no_masked}"
                    if application.bank
                    else None,
                },
                case.id,
            )
        )
        return self.read(application, case)

    async def _policy(self, period: str, records: list[PeriodRecord]) -> Policy:
        """The one policy in force for the period and the regions the records come from."""
        policies = PolicyService(self.session, self.pii)
        found: dict[uuid.UUID, Policy] = {}
        for region in dict.fromkeys(r.region_code for r in records):
            policy = await policies.covering(period, region)
            if policy is None:
                raise OutsidePolicyError(await self._why_outside(policies, period, region))
            found[policy.id] = policy
        if len(found) > 1:
            raise OutsidePolicyError(f"The records of {period} fall under more than one policy")
        return next(iter(found.values()))

    @staticmethod
    async def _why_outside(policies: PolicyService, period: str, region: str) -> str:
        for policy in await policies.in_force():
            if any(region.startswith(p) for p in policy.region_prefixes):
                return (
                    f"{period} is outside policy {policy.policy_key!r}'s periods "
                    f"{policy.period_from}..{policy.period_to}"
                )
        return f"No policy in force covers region {region}"

    def _store(
        self,
        uscc: str,
        period: str,
        case: RebateCase,
        policy: Policy,
        application_in: ApplicationIn,
    ) -> Application:
        application_id = uuid.uuid4()
        account = application_in.destination
        phone = application_in.contact_phone
        return Application(
            id=application_id,
            uscc=uscc,
            period=period,
            case_id=case.id,
            policy_id=policy.id,
            contact_name=application_in.contact_name,
            contact_phone_enc=self.pii.encrypt(contact_phone_field(application_id), phone),
            contact_phone_masked=mask_phone(phone),
            bank=account.bank if account else None,
            account_name=account.account_name if account else None,
            account_no_enc=self.pii.encrypt(account_no_field(application_id), account.account_no)
            if account
            else None,
            account_no_masked=mask_account_number(account.account_no) if account else None,
            applied_by=self.principal.subject,
            created_at=datetime.now(UTC),
        )

    async def visible(self, application_id: uuid.UUID) -> ApplicationRead:
        found = await self.repo.with_case(application_id)
        if found is None or not sees_case(self.principal, found[1].uscc, found[1].org_path):
            raise ApplicationNotFoundError()
        return self.read(*found)

    async def listing(self, period: str | None, limit: int) -> list[ApplicationRead]:
        criteria: list[ColumnElement[bool]] = []
        in_sight = cases_in_sight(self.principal, Application.uscc, RebateCase.org_path)
        if in_sight is not None:
            criteria.append(in_sight)
        if period is not None:
            criteria.append(Application.period == period)
        return [self.read(a, c) for a, c in await self.repo.listing(criteria, limit)]

    @staticmethod
    def read(application: Application, case: RebateCase) -> ApplicationRead:
        account = (
            ApplicantAccountRead(
                bank=application.bank,
                account_name=application.account_name,
                account_no_masked=application.account_no_masked,
            )
            if application.bank and application.account_name and application.account_no_masked
            else None
        )
        return ApplicationRead(
            id=application.id,
            uscc=application.uscc,
            enterprise_name=case.enterprise_name,
            period=application.period,
            policy_id=application.policy_id,
            case_id=case.id,
            state=case.status,
            status_reason=case.status_reason,
            refund=case.refund,
            contact_name=application.contact_name,
            contact_phone_masked=application.contact_phone_masked,
            destination=account,
            applied_by=application.applied_by,
            created_at=application.created_at,
        )
