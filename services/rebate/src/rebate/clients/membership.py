"""The membership service as rebate sees it: the few fields it reads, one class."""

import uuid
from collections.abc import Sequence

import httpx
from pydantic import BaseModel

from servicekit.errors import ServiceUnavailableError
from servicekit.http import IDEMPOTENT, retry_after

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


class MembershipClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def enterprises(self, usccs: Sequence[str]) -> dict[str, EnterpriseMatch]:
        """Register entries by credit code, 1,000 codes a call; absent codes are left out."""
        found: dict[str, EnterpriseMatch] = {}
        for start in range(0, len(usccs), LOOKUP_BATCH):
            chunk = list(usccs[start : start + LOOKUP_BATCH])
            # A look-up sent as POST for the size of its body: safe to send again.
            response = await self._call(
                "POST", "/v1/enterprises/lookup", json={"usccs": chunk}, extensions=IDEMPOTENT
            )
            for item in response.json()["found"]:
                match = EnterpriseMatch.model_validate(item)
                found[match.uscc] = match
        return found

    async def union_account(self, enterprise_id: uuid.UUID) -> UnionAccount | None:
        response = await self._call(
            "GET", f"/v1/enterprises/{enterprise_id}/union-account", allow_404=True
        )
        return UnionAccount.model_validate(response.json()) if response.status_code == 200 else None

    async def org(self, org_id: uuid.UUID) -> Org | None:
        response = await self._call("GET", f"/v1/orgs/{org_id}", allow_404=True)
        return Org.model_validate(response.json()) if response.status_code == 200 else None

    async def org_path(self, org_id: uuid.UUID) -> str | None:
        response = await self._call("GET", f"/v1/orgs/{org_id}", allow_404=True)
        return str(response.json()["path"]) if response.status_code == 200 else None

    async def _call(
        self, method: str, path: str, *, allow_404: bool = False, **kwargs: object
    ) -> httpx.Response:
        try:
            response = await self.http.request(method, path, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            raise MembershipUnavailableError(
                f"membership unreachable: {exc}", headers=retry_after(exc)
            ) from exc
        if response.status_code == 404 and allow_404:
            return response
        if response.status_code >= 400:
            raise MembershipUnavailableError(
                f"membership answered {response.status_code} to {path}", headers=retry_after(None)
            )
        return response
