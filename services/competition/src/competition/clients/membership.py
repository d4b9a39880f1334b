"""The membership service, as this service uses it: member and organisation look-ups with a
service token, and honours granted on members' records. Only the fields read here are declared."""

import logging
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import httpx
from pydantic import BaseModel

from servicekit.errors import DomainError
from servicekit.http import (
    IDEMPOTENT,
    CallPolicy,
    ClientCredentialsAuth,
    ServiceTokenError,
    create_http_client,
    retry_after,
)
from servicekit.outbox import RefusedForGood

logger = logging.getLogger(__name__)

BATCH_LIMIT = 1000  # membership's cap for one batch look-up


class MembershipUnavailableError(DomainError):
    status = 503
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


class MembershipClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def aclose(self) -> None:
        await self.http.aclose()

    async def members(self, membership_nos: Iterable[str]) -> dict[str, MemberSummary]:
        """Members by number; numbers membership does not know are absent."""
        wanted = sorted({n.strip().upper() for n in membership_nos})
        found: dict[str, MemberSummary] = {}
        for start in range(0, len(wanted), BATCH_LIMIT):
            # A look-up sent as POST for the size of its body: safe to send again.
            body = await self._call(
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
        try:
            body = await self._call("GET", f"/v1/orgs/{org_id}")
        except LookupError:
            return None
        return OrgSummary.model_validate(body)

    async def account(self, username: str) -> AccountSummary | None:
        """The active account of this username; None when membership knows none."""
        try:
            body = await self._call(
                "GET", "/v1/accounts/lookup", params={"username": username.strip()}
            )
        except LookupError:
            return None
        return AccountSummary.model_validate(body)

    async def orgs(self, org_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, OrgSummary]:
        found = {}
        for org_id in dict.fromkeys(org_ids):
            org = await self.org(org_id)
            if org is not None:
                found[org_id] = org
        return found

    async def roots(self) -> list[OrgSummary]:
        """The roots of the tree (what a service token's entry points are)."""
        return [OrgSummary.model_validate(o) for o in await self._call("GET", "/v1/orgs")]

    async def children(self, org_id: uuid.UUID) -> list[OrgSummary]:
        """The first page (200) of an organisation's direct sub-organisations."""
        body = await self._call("GET", f"/v1/orgs/{org_id}/children?limit=200")
        return [OrgSummary.model_validate(o) for o in body["items"]]

    async def grant_honour(self, grant: dict[str, Any]) -> None:
        """Grant once: membership answers 200 to a replay of the same source_ref, so the
        request may be sent again."""
        try:
            response = await self.http.post("/v1/honours", json=grant, extensions=IDEMPOTENT)
        except (httpx.HTTPError, ServiceTokenError) as exc:
            raise MembershipUnavailableError(str(exc), headers=retry_after(exc)) from exc
        if response.status_code in (200, 201):
            return
        if response.status_code in (404, 409, 422):
            raise HonourRejectedError(f"membership answered {response.status_code}")
        raise MembershipUnavailableError(f"membership answered {response.status_code}")

    async def _call(
        self,
        method: str,
        path: str,
        json: Any = None,
        params: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> Any:
        try:
            response = await self.http.request(
                method, path, json=json, params=params, extensions=extensions
            )
        except (httpx.HTTPError, ServiceTokenError) as exc:
            logger.warning("membership call failed: %s %s: %s", method, path, exc)
            raise MembershipUnavailableError(
                "The membership service did not answer", headers=retry_after(exc)
            ) from exc
        if response.status_code == 404:
            raise LookupError(path)
        if response.status_code != 200:
            logger.warning("membership answered %s to %s %s", response.status_code, method, path)
            raise MembershipUnavailableError(
                f"The membership service answered {response.status_code}", headers=retry_after(None)
            )
        try:
            return response.json()
        except ValueError as exc:
            raise MembershipUnavailableError("The membership service answered garbage") from exc


def create_membership_client(
    base_url: str,
    client_id: str,
    client_secret: str,
    transport: httpx.AsyncBaseTransport | None = None,
    policy: CallPolicy | None = None,
) -> MembershipClient:
    auth = ClientCredentialsAuth(f"{base_url}/v1/auth/token", client_id, client_secret)
    return MembershipClient(
        create_http_client(base_url, auth=auth, transport=transport, policy=policy)
    )
