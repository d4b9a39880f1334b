"""Every table of the service, imported in one place for Alembic and the mapper registry."""

from membership.enterprises.models import Enterprise, EnterpriseAffiliation, EnterpriseReview
from membership.events.models import OutboxMessage
from membership.honours.models import Honour
from membership.identity.models import Account, AuthThrottle, OneTimeCode, ServiceClient
from membership.joining.models import ImportJob, ImportRowError, Invitation, JoinApplication
from membership.members.models import Affiliation, Member, MemberEvent, Transfer
from membership.orgs.models import Org, OrgMonthlyJoins
from membership.people.models import Person
from membership.rollups.models import OrgSubtreeMonthlyJoins, OrgSubtreeTally
from membership.serving.models import ServiceRecord

__all__ = [
    "Account",
    "Affiliation",
    "AuthThrottle",
    "Enterprise",
    "EnterpriseAffiliation",
    "EnterpriseReview",
    "Honour",
    "ImportJob",
    "ImportRowError",
    "Invitation",
    "JoinApplication",
    "Member",
    "MemberEvent",
    "OneTimeCode",
    "Org",
    "OrgMonthlyJoins",
    "OrgSubtreeMonthlyJoins",
    "OrgSubtreeTally",
    "OutboxMessage",
    "Person",
    "ServiceClient",
    "ServiceRecord",
    "Transfer",
]
