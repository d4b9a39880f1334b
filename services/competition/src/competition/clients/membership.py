"""The membership service, as this service uses it: member and organisation look-ups with a
service token, and honours granted on members' records. Only the fields read here are declared."""

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import httpx
from pydantic import BaseModel

from servicekit.errors import ServiceUnavailableError
from servicekit.http import IDEMPOTENT, CallPolicy
from servicekit.outbox import RefusedForGood
from servicekit.upstream import ServiceClient, create_service_http_client

BATCH_LIMIT = 1000  # membership's cap for one batch look-up


class MembershipUnavailableError(ServiceUnavailableError):
    code = "membership-unavailable"
    title_en = "Membership service unavailable"
    title_zh = "会员服务暂不可用"


class MemberSummary(BaseModel):
    membership_no: str
    state: str
    person_id: uuid.UUID
    name: str
    employment_form: str
    org_id: uuid.UUID
    org_name: str
    org_path: str


class OrgSummary(BaseModel):
    id: uuid.UUID
    name: str
    path: str
    # national, provincial, city, county, street, grassroots or group: what the office may do.
    level: str
    status: str

    @property
    def active(self) -> bool:
        return self.status == "active"


class AccountSummary(BaseModel):
    """An account as membership's look-up by username reports it (contract C1)."""

    id: uuid.UUID
    username: str
    display_name: str
    permissions: list[str]
    org_id: uuid.UUID | None
    # Every organisation of the account's scope (org_id first): a judge's conflicts run
    # against each of them.
    org_ids: list[uuid.UUID]
    is_active: bool


class HonourRejectedError(RefusedForGood):
    """Membership refused the grant for good (unknown member, source_ref clash)."""


class MembershipClient(ServiceClient):
    upstream = "membership"
    unavailable = MembershipUnavailableError

    async def members(self, membership_nos: Iterable[str]) -> dict[str, MemberSummary]:
        """Members by number; numbers membership does not know are absent."""
        wanted = sorted({n.strip().upper() for n in membership_nos})
        found: dict[str, MemberSummary] = {}
        for start in range(0, len(wanted), BATCH_LIMIT):
            # A look-up sent as POST for the size of its body: safe to send again.
            body = await self.call(
                "POST",
                "/v1/members/batch-lookup",
                json={"membership_nos": wanted[start : start + BATCH_LIMIT]},
                extensions=IDEMPOTENT,
            )
            for item in body["found"]:
                member = MemberSummary.model_validate(item)
                found[member.membership_no] = member
        return found

    async def org(self, org_id: uuid.UUID) -> OrgSummary | None:
        body = await self.call_or_none("GET", f"/v1/orgs/{org_id}")
        return None if body is None else OrgSummary.model_validate(body)

    async def account(self, username: str) -> AccountSummary | None:
        """The active account of this username; None when membership knows none."""
        body = await self.call_or_none(
            "GET", "/v1/accounts/lookup", params={"username": username.strip()}
        )
        return None if body is None else AccountSummary.model_validate(body)

    async def orgs(self, org_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, OrgSummary]:
        found = {}
        for org_id in dict.fromkeys(org_ids):
            org = await self.org(org_id)
            if org is not None:
                found[org_id] = org
        return found

    async def roots(self) -> list[OrgSummary]:
        """The roots of the tree (what a service token's entry points are)."""
        return [OrgSummary.model_validate(o) for o in await self.call("GET", "/v1/orgs")]

    async def children(self, org_id: uuid.UUID) -> list[OrgSummary]:
        """The first page (200) of an organisation's direct sub-organisations."""
        body = await self.call("GET", f"/v1/orgs/{org_id}/children?limit=200")
        return [OrgSummary.model_validate(o) for o in body["items"]]

    async def grant_honour(self, grant: dict[str, Any]) -> None:
        """Grant once: membership answers 200 to a replay of the same source_ref, so the
        request may be sent again."""
        response = await self.exchange("POST", "/v1/honours", json=grant, extensions=IDEMPOTENT)
        if response.status_code in (200, 201):
            return
        if response.status_code in (404, 409, 422):
            raise HonourRejectedError(f"membership answered {response.status_code}")
        raise self.refusal(response)


def create_membership_client(
    base_url: str,
    client_id: str,
    client_secret: str,
    transport: httpx.AsyncBaseTransport | None = None,
    policy: CallPolicy | None = None,
) -> MembershipClient:
    http = create_service_http_client(
        base_url,
        token_url=f"{base_url}/v1/auth/token",
        client_id=client_id,
        client_secret=client_secret,
        transport=transport,
        policy=policy,
    )
    return MembershipClient(http)
