import uuid
from datetime import UTC, datetime, timedelta

from pydantic import HttpUrl
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.audit.service import AuditLog, Step
from rebate.partners.errors import (
    BadSignatureError,
    PartnerNotFoundError,
    PartnerRegionsError,
    WebhookUrlNotAllowedError,
)
from rebate.partners.models import Partner, PartnerKind, PartnerSecret
from rebate.partners.reads import PartnerReads
from rebate.partners.repository import PartnerRepository
from rebate.partners.schemas import (
    PartnerCreate,
    PartnerRead,
    PartnerUpdate,
    SecretRotated,
    regions_problem,
)
from servicekit import webhooks
from servicekit.outbound_urls import OutboundUrlError, UrlGuard
from servicekit.pii import PiiCipher

SECRET_FIELD = "partner_secret"
PARTNER_CREATED = "partner.created"
PARTNER_UPDATED = "partner.updated"
PARTNER_SECRET_ROTATED = "partner.secret_rotated"


class PartnerService:
    """Partners and their secrets. Every change is a step on the audit chain: whoever can
    re-point a bank's webhook or mint its secret can redirect money."""

    def __init__(
        self, session: AsyncSession, pii: PiiCipher, grace: timedelta, url_guard: UrlGuard
    ) -> None:
        self.repo = PartnerRepository(session)
        self.audit = AuditLog(session)
        self.pii = pii
        self.grace = grace
        self.url_guard = url_guard

    async def create(self, partner_in: PartnerCreate, actor: str) -> tuple[Partner, str]:
        webhook_url = await self._checked_url(partner_in.webhook_url)
        partner = Partner(
            id=uuid.uuid4(),
            name=partner_in.name,
            kind=partner_in.kind,
            webhook_url=webhook_url,
            is_active=True,
            region_prefixes=partner_in.region_prefixes,
        )
        await self.repo.add(partner)
        secret = await self._new_secret(partner.id)
        detail = {
            "partner_id": str(partner.id),
            "name": partner.name,
            "kind": partner.kind.value,
            "webhook_url": webhook_url,
            "region_prefixes": partner.region_prefixes,
        }
        await self.audit.append(Step(PARTNER_CREATED, actor, detail))
        return partner, secret

    async def _checked_url(self, url: HttpUrl | None) -> str | None:
        if url is None:
            return None
        try:
            await self.url_guard.check(str(url))
        except OutboundUrlError as exc:
            raise WebhookUrlNotAllowedError(str(exc)) from None
        return str(url)

    async def _new_secret(self, partner_id: uuid.UUID) -> str:
        secret = webhooks.generate_secret()
        await self.repo.add(
            PartnerSecret(
                id=uuid.uuid4(),
                partner_id=partner_id,
                secret_enc=self.pii.encrypt(SECRET_FIELD, secret),
                created_at=datetime.now(UTC),
            )
        )
        return secret

    async def get(self, partner_id: uuid.UUID, kind: PartnerKind | None = None) -> Partner:
        partner = await self.repo.get(partner_id)
        if partner is None or (kind is not None and partner.kind is not kind):
            raise PartnerNotFoundError()
        return partner

    async def all(self) -> list[Partner]:
        return await self.repo.all()

    async def update(self, partner_id: uuid.UUID, partner_in: PartnerUpdate, actor: str) -> Partner:
        partner = await self.get(partner_id)
        wanted = partner_in.model_dump(exclude_unset=True)
        if wanted.get("webhook_url") is not None:
            wanted["webhook_url"] = await self._checked_url(partner_in.webhook_url)
        if "region_prefixes" in wanted:
            problem = regions_problem(partner.kind, wanted["region_prefixes"])
            if problem is not None:
                raise PartnerRegionsError(problem)
        changes = {}
        for field, value in wanted.items():
            before = getattr(partner, field)
            if before != value:
                changes[field] = {"from": before, "to": value}
                setattr(partner, field, value)
        await self.repo.flush()
        if changes:
            detail = {"partner_id": str(partner.id), "changes": changes}
            await self.audit.append(Step(PARTNER_UPDATED, actor, detail))
        return partner

    async def rotate(self, partner_id: uuid.UUID, actor: str) -> SecretRotated:
        """A new secret; the old ones keep verifying for the grace period."""
        await self.get(partner_id)
        until = datetime.now(UTC) + self.grace
        await self.repo.expire_secrets(partner_id, until)
        secret = await self._new_secret(partner_id)
        detail = {"partner_id": str(partner_id), "previous_valid_until": until.isoformat()}
        await self.audit.append(Step(PARTNER_SECRET_ROTATED, actor, detail))
        return SecretRotated(secret=secret, previous_valid_until=until)

    async def secrets_in_force(self, partner_id: uuid.UUID) -> list[str]:
        blobs = await self.repo.secrets_valid_at(partner_id, datetime.now(UTC))
        return [self.pii.decrypt(SECRET_FIELD, blob) for blob in blobs]

    async def signing_secret(self, partner_id: uuid.UUID) -> str:
        """The newest secret: what our outbound deliveries to this partner are signed with."""
        secrets = await self.secrets_in_force(partner_id)
        if not secrets:
            raise PartnerNotFoundError("The partner has no secret in force")
        return secrets[0]

    async def verify(
        self,
        partner_id: uuid.UUID,
        kind: PartnerKind,
        headers: dict[str, str],
        body: bytes,
        *,
        settling: bool = False,
    ) -> tuple[Partner, str]:
        """The partner and webhook-id of a correctly signed delivery, else 401.
        An unknown or inactive partner is refused the same way, revealing nothing, except
        that a deactivated bank still answers for the payouts it has (`settling`)."""
        partner = await self.repo.get(partner_id)
        active = partner is not None and (partner.is_active or settling)
        if partner is None or partner.kind is not kind or not active:
            raise BadSignatureError("The delivery is not signed by a known partner")
        try:
            msg_id = webhooks.verify(await self.secrets_in_force(partner.id), headers, body)
        except webhooks.WebhookVerificationError as exc:
            raise BadSignatureError(str(exc)) from None
        return partner, msg_id


class PartnerView:
    """One partner as an admin reads it, without a session."""

    def __init__(self, partners: PartnerReads) -> None:
        self.partners = partners

    async def read(self, partner_id: uuid.UUID) -> PartnerRead:
        partner = await self.partners.partner(partner_id)
        if partner is None:
            raise PartnerNotFoundError()
        return partner
