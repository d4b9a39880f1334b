"""Membership refusing rebate's service token (its client secret revoked, its keys rotated, its
access withdrawn) is an outage of membership for the caller: a 503 problem with Retry-After
that says membership cannot answer, never a 500, and nothing is kept of the request."""

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.applications.models import Application


@pytest.fixture
async def march_fee(push: Any, tax_partner: Any, fee_record: Any) -> None:
    assert (await push(tax_partner, [fee_record(1)])).json()["accepted"] == 1


def refusing(membership: Any, monkeypatch: pytest.MonkeyPatch, status: int) -> list[str]:
    """Membership answers `status` to every look-up; with 401, its token endpoint refuses the
    new token the client asks for too. Returns the paths called."""
    answer = membership.handle
    called: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        called.append(request.url.path)
        if request.url.path == "/v1/auth/token" and status == 401 and len(called) > 1:
            return httpx.Response(401, json={"detail": "invalid client"})
        if request.url.path == "/v1/enterprises/lookup":
            return httpx.Response(status, json={"detail": "refused"})
        return answer(request)  # type: ignore[no-any-return]

    monkeypatch.setattr(membership, "handle", handle)
    return called


@pytest.mark.parametrize("status", [401, 403])
async def test_membership_refusing_the_service_token_is_503_never_500(
    status: int,
    apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    monkeypatch: pytest.MonkeyPatch,
    session: AsyncSession,
) -> None:
    membership.add_enterprise(make_uscc(1))
    called = refusing(membership, monkeypatch, status)
    response = await apply(enterprise(1))
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"].isdigit()
    problem = response.json()
    assert problem["type"] == "urn:gonghui:problem:membership-unavailable"
    assert "membership" in problem["detail"]
    if status == 401:
        # The client asked for a new token once (the 401 may be a rotated key) and was refused.
        assert "/v1/auth/token" in called
    assert await session.scalar(select(func.count()).select_from(Application)) == 0
