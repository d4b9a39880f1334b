import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.service import AuditLog, Step
from rebate.clients.membership import MembershipClient
from rebate.partners.models import PartnerKind
from rebate.partners.repository import PartnerRepository
from rebate.policies.errors import (
    NotTheRegionsFederationError,
    PolicyExistsError,
    PolicyNotFoundError,
    PolicyOverlapError,
    UnknownBankError,
)
from rebate.policies.models import Policy
from rebate.policies.repository import PolicyRepository
from rebate.policies.schemas import PolicyCreate, PolicyIn
from servicekit.pii import PiiCipher

POOL_ACCOUNT_FIELD = "policy.county_pool_account_no"


def significant_prefix(region_code: str) -> str:
    """GB/T 2260: "350000" is the province "35", "350100" the city "3501"."""
    while len(region_code) > 2 and region_code.endswith("00"):
        region_code = region_code[:-2]
    return region_code


class PolicyService:
    def __init__(self, session: AsyncSession, pii: PiiCipher) -> None:
        self.repo = PolicyRepository(session)
        self.partners = PartnerRepository(session)
        self.audit = AuditLog(session)
        self.pii = pii

    async def current(self, policy_key: str) -> Policy:
        policy = await self.repo.current(policy_key)
        if policy is None:
            raise PolicyNotFoundError(f"No policy {policy_key!r} in force")
        return policy

    async def versions(self, policy_key: str) -> list[Policy]:
        rows = await self.repo.versions(policy_key)
        if not rows:
            raise PolicyNotFoundError()
        return rows

    async def in_force(self) -> list[Policy]:
        return await self.repo.in_force()

    async def covering(self, period: str, region_code: str) -> Policy | None:
        """The policy in force for a period and region: at most one, as they never overlap."""
        for policy in await self.in_force():
            in_period = policy.period_from <= period <= policy.period_to
            if in_period and any(region_code.startswith(p) for p in policy.region_prefixes):
                return policy
        return None

    async def create(
        self, policy_in: PolicyCreate, actor: str, *, membership: MembershipClient
    ) -> Policy:
        if await self.repo.key_exists(policy_in.policy_key):
            raise PolicyExistsError("Save a new version with PUT instead")
        await self._check_overlap(policy_in.policy_key, policy_in)
        return await self._save(policy_in.policy_key, 1, policy_in, actor, membership)

    async def _check_overlap(self, key: str, policy_in: PolicyIn) -> None:
        """Two policies in force may not cover the same region and period: an enterprise
        one of them excludes would be refunded under the other."""
        # Serialise policy changes: two overlapping ones saved at once would both pass.
        await self.repo.lock_changes()
        for other in await self.in_force():
            if other.policy_key == key:
                continue
            periods = (
                policy_in.period_from <= other.period_to
                and other.period_from <= policy_in.period_to
            )
            regions = any(
                a.startswith(b) or b.startswith(a)
                for a in policy_in.region_prefixes
                for b in other.region_prefixes
            )
            if periods and regions:
                raise PolicyOverlapError(
                    f"Policy {other.policy_key!r} (version {other.version}) covers "
                    f"{', '.join(other.region_prefixes)} from {other.period_from} to "
                    f"{other.period_to}"
                )

    async def _check_banks(self, policy_in: PolicyIn) -> None:
        for rule in policy_in.bank_rules:
            bank = await self.partners.get(rule.bank_partner_id)
            if bank is None or bank.kind is not PartnerKind.BANK or not bank.is_active:
                raise UnknownBankError(f"{rule.bank_partner_id} is not an active bank partner")

    async def revise(
        self, policy_key: str, policy_in: PolicyIn, actor: str, *, membership: MembershipClient
    ) -> Policy:
        """A new version; the previous one is retired, never edited, and cases keep naming it."""
        previous = await self.current(policy_key)
        await self._check_overlap(policy_key, policy_in)
        previous.retired_at = datetime.now(UTC)
        await self.repo.flush()
        return await self._save(policy_key, previous.version + 1, policy_in, actor, membership)

    @staticmethod
    async def _offices(policy_in: PolicyIn, membership: MembershipClient) -> list[dict[str, str]]:
        """Each queue office as membership knows it: an active federation whose region covers
        the rule's (that region's own, or the city's or province's above it), never another
        region's, whose reviewers would then see records that are none of theirs."""
        offices = []
        for rule in policy_in.queue_offices:
            org = await membership.org(rule.org_id)
            if (
                org is None
                or org.kind != "federation"
                or org.status != "active"
                or not rule.region_prefix.startswith(significant_prefix(org.region_code))
            ):
                raise NotTheRegionsFederationError(
                    f"{rule.org_id} is not an active federation of region {rule.region_prefix}"
                )
            offices.append(
                {"region_prefix": rule.region_prefix, "org_id": str(org.id), "org_path": org.path}
            )
        return offices

    async def _save(
        self,
        key: str,
        version: int,
        policy_in: PolicyIn,
        actor: str,
        membership: MembershipClient,
    ) -> Policy:
        await self._check_banks(policy_in)
        offices = await self._offices(policy_in, membership)
        pool = policy_in.county_pool
        policy = Policy(
            id=uuid.uuid4(),
            policy_key=key,
            version=version,
            name=policy_in.name,
            region_prefixes=policy_in.region_prefixes,
            period_from=policy_in.period_from,
            period_to=policy_in.period_to,
            size_classes=list(policy_in.size_classes),
            excluded_usccs=[u.strip().upper() for u in policy_in.excluded_usccs],
            refund_ratio=policy_in.refund_ratio,
            destinations=[d.value for d in policy_in.destinations],
            review_steps=policy_in.review_steps,
            mode=policy_in.mode,
            county_pool_bank=pool.bank if pool else None,
            county_pool_account_name=pool.account_name if pool else None,
            county_pool_account_no_enc=self.pii.encrypt(POOL_ACCOUNT_FIELD, pool.account_no)
            if pool
            else None,
            bank_rules=[r.model_dump(mode="json") for r in policy_in.bank_rules],
            queue_offices=offices,
            created_by=actor,
        )
        await self.repo.add(policy)
        await self.audit.append(
            Step(
                "policy.saved",
                actor,
                {"policy_id": str(policy.id), "policy_key": key, "version": version},
            )
        )
        return policy
