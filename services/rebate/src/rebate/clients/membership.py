"""The membership service as rebate sees it: the few fields it reads, one class."""

import uuid
from collections.abc import Sequence

import httpx
from pydantic import BaseModel

from rebate.settings import RebateSettings
from servicekit.errors import ServiceUnavailableError
from servicekit.http import IDEMPOTENT, CallPolicy
from servicekit.upstream import ServiceClient, create_service_http_client

LOOKUP_BATCH = 1000


class EnterpriseMatch(BaseModel):
    id: uuid.UUID
    uscc: str
    name: str
    size_class: str
    needs_review: bool
    affiliated_org_id: uuid.UUID
    affiliated_org_path: str
    has_union_account: bool


class Org(BaseModel):
    id: uuid.UUID
    kind: str
    region_code: str
    status: str
    path: str


class UnionAccount(BaseModel):
    bank_name: str
    account_name: str
    account_no: str


class MembershipUnavailableError(ServiceUnavailableError):
    """Membership cannot answer now (down, or refusing our service token): 503, never 500."""

    code = "membership-unavailable"
    title_en = "Membership service unavailable"
    title_zh = "会员服务暂不可用"


class MembershipClient(ServiceClient):
    upstream = "membership"
    unavailable = MembershipUnavailableError

    async def enterprises(self, usccs: Sequence[str]) -> dict[str, EnterpriseMatch]:
        """Register entries by credit code, 1,000 codes a call; absent codes are left out."""
        found: dict[str, EnterpriseMatch] = {}
        for start in range(0, len(usccs), LOOKUP_BATCH):
            chunk = list(usccs[start : start + LOOKUP_BATCH])
            # A look-up sent as POST for the size of its body: safe to send again.
            body = await self.call(
                "POST", "/v1/enterprises/lookup", json={"usccs": chunk}, extensions=IDEMPOTENT
            )
            for item in body["found"]:
                match = EnterpriseMatch.model_validate(item)
                found[match.uscc] = match
        return found

    async def union_account(self, enterprise_id: uuid.UUID) -> UnionAccount | None:
        body = await self.call_or_none("GET", f"/v1/enterprises/{enterprise_id}/union-account")
        return None if body is None else UnionAccount.model_validate(body)

    async def org(self, org_id: uuid.UUID) -> Org | None:
        body = await self.call_or_none("GET", f"/v1/orgs/{org_id}")
        return None if body is None else Org.model_validate(body)

    async def org_path(self, org_id: uuid.UUID) -> str | None:
        body = await self.call_or_none("GET", f"/v1/orgs/{org_id}")
        return None if body is None else str(body["path"])


def create_membership_client(
    settings: RebateSettings, transport: httpx.AsyncBaseTransport | None = None
) -> MembershipClient:
    """`transport` stands in for membership at the network boundary (tests)."""
    url = settings.membership_url
    http = create_service_http_client(
        url,
        token_url=f"{url}/v1/auth/token",
        client_id=settings.membership_client_id,
        client_secret=settings.membership_client_secret.get_secret_value(),
        transport=transport,
        policy=CallPolicy.from_settings(settings),
    )
    return MembershipClient(http)
