import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from membership.access import Access, Permission
from membership.enterprises.errors import (
    AccountWithoutUnionError,
    AlreadyAffiliatedError,
    CorrectionFailsCheckError,
    DuplicateUsccError,
    EnterpriseNotFoundError,
    InvalidUsccError,
    NotAFederationError,
    NotAGrassrootsUnionError,
    NotFlaggedError,
    NoUnionAccountError,
)
from membership.enterprises.lookup import lookup
from membership.enterprises.models import Enterprise, EnterpriseAffiliation, EnterpriseReview
from membership.enterprises.repository import EnterpriseRepository
from membership.enterprises.schemas import (
    EnterpriseCreate,
    EnterpriseLookupResult,
    EnterpriseUpdate,
    UnionBankAccountFull,
    UnionBankAccountIn,
    UsccReview,
)
from membership.enterprises.uscc import Uscc, UsccFormatError, parse
from membership.enterprises.visibility import Visibility
from membership.orgs.errors import OrgClosedError, OrgNotFoundError
from membership.orgs.models import Org, OrgKind, OrgStatus
from membership.rollups.repository import RollupRepository
from membership.rollups.service import Rollups
from servicekit.auth import Role
from servicekit.concurrency import PreconditionFailedError, check_if_match
from servicekit.errors import ForbiddenError
from servicekit.pii import PiiCipher, mask_account_number

logger = logging.getLogger(__name__)

# Kinds that take enterprises into affiliation (工会关系隶属); grassroots unions and groups do not.
AFFILIATING_KINDS = frozenset(
    {OrgKind.FEDERATION, OrgKind.INDUSTRY_UNION, OrgKind.INDUSTRY_FEDERATION}
)


def account_field(enterprise_id: uuid.UUID) -> str:
    """Associated data of the account ciphertext: bound to its row as well as its column, so
    swapping ciphertexts between enterprises in the database cannot redirect a payout."""
    return f"enterprise.union_account_no:{enterprise_id}"


def parse_uscc(raw: str, loc: Sequence[str | int]) -> Uscc:
    try:
        return parse(raw)
    except UsccFormatError as exc:
        raise InvalidUsccError(loc, exc) from None


def counted_under(enterprise: Enterprise) -> uuid.UUID:
    """The org whose sub-trees count the enterprise in their statistics."""
    return enterprise.union_org_id or enterprise.affiliated_org_id


def _check_open(org: Org) -> None:
    if org.status is OrgStatus.CLOSED:
        raise OrgClosedError(f"{org.name} is closed")


class EnterpriseService:
    def __init__(self, repo: EnterpriseRepository, access: Access, cipher: PiiCipher) -> None:
        self.repo = repo
        self.access = access
        self.cipher = cipher
        self.rollups = Rollups(RollupRepository(repo.session))

    async def create(self, enterprise_in: EnterpriseCreate) -> Enterprise:
        uscc = parse_uscc(enterprise_in.uscc, ("body", "uscc"))
        federation = await self._federation(enterprise_in.affiliated_org_id)
        union = await self._union(enterprise_in.union_org_id)
        if enterprise_in.union_bank_account is not None and union is None:
            raise AccountWithoutUnionError("Give union_org_id together with the bank account")
        enterprise = Enterprise(
            id=uuid.uuid4(),
            uscc=uscc.code,
            needs_review=not uscc.check_ok,
            name=enterprise_in.name,
            region_code=enterprise_in.region_code,
            size_class=enterprise_in.size_class,
            affiliated_org_id=federation.id,
            union_org_id=union.id if union else None,
        )
        self._set_account(enterprise, enterprise_in.union_bank_account)
        first = self._affiliation(enterprise.id, federation.id, datetime.now(UTC))
        if not await self.repo.add_unique(enterprise, first):
            raise DuplicateUsccError(f"{uscc.code} is already registered")
        await self.rollups.enterprise_moved(None, counted_under(enterprise))
        return enterprise

    async def read(self, enterprise_id: uuid.UUID) -> Enterprise:
        enterprise, _ = await self._visible(enterprise_id)
        return enterprise

    async def union_account(self, enterprise_id: uuid.UUID) -> UnionBankAccountFull:
        """The full account number, decrypted for a payout. Service tokens only."""
        if not self.access.principal.has_role(Role.SERVICE):
            raise EnterpriseNotFoundError()
        enterprise, _ = await self._visible(enterprise_id)
        if enterprise.union_account_no_enc is None:
            raise NoUnionAccountError(f"{enterprise.name} has no union bank account on record")
        number = self.cipher.decrypt(account_field(enterprise.id), enterprise.union_account_no_enc)
        logger.info("union account revealed", extra={"enterprise_id": str(enterprise.id)})
        return UnionBankAccountFull(
            bank_name=enterprise.union_bank_name or "",
            account_name=enterprise.union_account_name or "",
            account_no=number,
        )

    async def read_by_uscc(self, raw: str) -> Enterprise:
        uscc = parse_uscc(raw, ("query", "uscc"))
        found = await self.repo.by_uscc_with_org(uscc.code)
        if found is None or not (await Visibility.of(self.access)).sees(uscc.code, found[1].path):
            raise EnterpriseNotFoundError()
        return found[0]

    async def update(
        self, enterprise_id: uuid.UUID, update_in: EnterpriseUpdate, if_match: str | None
    ) -> Enterprise:
        enterprise, _ = await self._writable(enterprise_id)
        check_if_match(if_match, enterprise.version)
        was_under = counted_under(enterprise)
        sent = update_in.model_fields_set
        for field in ("name", "size_class", "region_code"):
            if field in sent:
                setattr(enterprise, field, getattr(update_in, field))
        if "union_org_id" in sent and update_in.union_org_id != enterprise.union_org_id:
            union = await self._union(update_in.union_org_id)
            enterprise.union_org_id = union.id if union else None
            # The account belongs to the union that was there; it does not follow a change.
            if "union_bank_account" not in sent:
                self._set_account(enterprise, None)
        if "union_bank_account" in sent:
            if update_in.union_bank_account is not None and enterprise.union_org_id is None:
                raise AccountWithoutUnionError("Set union_org_id before its bank account")
            self._set_account(enterprise, update_in.union_bank_account)
        await self._save()
        await self.rollups.enterprise_moved(was_under, counted_under(enterprise))
        return enterprise

    async def reaffiliate(
        self, enterprise_id: uuid.UUID, org_id: uuid.UUID, if_match: str | None
    ) -> Enterprise:
        enterprise, current = await self._writable(enterprise_id)
        check_if_match(if_match, enterprise.version)
        federation = await self._federation(org_id)
        if federation.id == current.id:
            raise AlreadyAffiliatedError(f"Already affiliated to {federation.name}")
        now = datetime.now(UTC)
        # History rows are only ever closed and added, never rewritten.
        open_row = await self.repo.open_affiliation(enterprise.id)
        if open_row is not None:
            open_row.ended_at = now
        was_under = counted_under(enterprise)
        enterprise.affiliated_org_id = federation.id
        await self._save()
        await self.repo.add_affiliation(self._affiliation(enterprise.id, federation.id, now))
        await self.rollups.enterprise_moved(was_under, counted_under(enterprise))
        return enterprise

    async def review(
        self, enterprise_id: uuid.UUID, review_in: UsccReview, if_match: str | None
    ) -> Enterprise:
        """Clear the flag of a credit code whose check character failed, once a cadre has
        compared it with the business licence: the code stands, or is corrected."""
        enterprise, _ = await self._writable(enterprise_id)
        check_if_match(if_match, enterprise.version)
        if not enterprise.needs_review:
            raise NotFlaggedError(f"{enterprise.uscc} passed its check when registered")
        checked = parse_uscc(review_in.uscc, ("body", "uscc"))
        before = enterprise.uscc
        if checked.code != before:
            if not checked.check_ok:
                raise CorrectionFailsCheckError(
                    f"{checked.code} fails the check character as well; compare it again"
                )
            if await self.repo.by_uscc_with_org(checked.code) is not None:
                raise DuplicateUsccError(f"{checked.code} is already registered")
            enterprise.uscc = checked.code
        enterprise.needs_review = False
        await self._save()
        await self.repo.add_review(
            EnterpriseReview(
                id=uuid.uuid4(),
                enterprise_id=enterprise.id,
                reviewed_at=datetime.now(UTC),
                reviewed_by=self.access.actor,
                uscc_before=before,
                uscc_after=enterprise.uscc,
                note=review_in.note,
            )
        )
        return enterprise

    async def reviews(self, enterprise_id: uuid.UUID) -> list[EnterpriseReview]:
        await self._visible(enterprise_id)
        return await self.repo.reviews(enterprise_id)

    async def affiliations(self, enterprise_id: uuid.UUID) -> list[EnterpriseAffiliation]:
        await self._visible(enterprise_id)
        return await self.repo.affiliations(enterprise_id)

    async def in_subtree(
        self,
        org_id: uuid.UUID,
        after: tuple[str, uuid.UUID] | None,
        limit: int,
        needs_review: bool | None,
    ) -> list[Enterprise]:
        org = await self.access.visible_org(org_id)
        return await self.repo.in_subtree(org.path, after, limit, needs_review)

    async def lookup(self, usccs: Sequence[str]) -> EnterpriseLookupResult:
        return await lookup(self.repo, await Visibility.of(self.access), usccs)

    async def _visible(self, enterprise_id: uuid.UUID) -> tuple[Enterprise, Org]:
        found = await self.repo.get_with_org(enterprise_id)
        if found is None or not (await Visibility.of(self.access)).sees(
            found[0].uscc, found[1].path
        ):
            raise EnterpriseNotFoundError()
        return found

    async def _writable(self, enterprise_id: uuid.UUID) -> tuple[Enterprise, Org]:
        enterprise, org = await self._visible(enterprise_id)
        self.access.require(Permission.MANAGE_ENTERPRISES)
        # An enterprise account sees itself but does not manage itself.
        if not await self.access.covers(org.path):
            raise ForbiddenError("Only the federation it is affiliated to manages an enterprise")
        return enterprise, org

    async def _federation(self, org_id: uuid.UUID) -> Org:
        org = await self.access.org_for(org_id, Permission.MANAGE_ENTERPRISES)
        if org.kind not in AFFILIATING_KINDS:
            raise NotAFederationError(f"{org.name} is a {org.kind.value} organisation")
        _check_open(org)
        return org

    async def _union(self, org_id: uuid.UUID | None) -> Org | None:
        if org_id is None:
            return None
        try:
            org = await self.access.visible_org(org_id)
        except OrgNotFoundError:
            raise OrgNotFoundError("union_org_id names no union in your sub-tree") from None
        if org.kind is not OrgKind.GRASSROOTS:
            raise NotAGrassrootsUnionError(f"{org.name} is a {org.kind.value} organisation")
        _check_open(org)
        return org

    def _set_account(self, enterprise: Enterprise, account: UnionBankAccountIn | None) -> None:
        if account is None:
            enterprise.union_bank_name = None
            enterprise.union_account_name = None
            enterprise.union_account_no_enc = None
            enterprise.union_account_no_masked = None
            return
        enterprise.union_bank_name = account.bank_name
        enterprise.union_account_name = account.account_name
        enterprise.union_account_no_enc = self.cipher.encrypt(
            account_field(enterprise.id), account.account_no
        )
        enterprise.union_account_no_masked = mask_account_number(account.account_no)

    def _affiliation(
        self, enterprise_id: uuid.UUID, org_id: uuid.UUID, started_at: datetime
    ) -> EnterpriseAffiliation:
        return EnterpriseAffiliation(
            id=uuid.uuid4(),
            enterprise_id=enterprise_id,
            org_id=org_id,
            started_at=started_at,
            changed_by=self.access.actor,
        )

    async def _save(self) -> None:
        if not await self.repo.save():
            raise PreconditionFailedError("The enterprise changed while you were saving it")
