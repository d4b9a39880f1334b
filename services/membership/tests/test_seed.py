"""The demo data reproduces the county of the Workers' Daily report exactly."""

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity.repository import IdentityRepository
from membership.orgs.models import Org
from membership.people.service import id_number_index
from membership.seed import COUNTY, PROVINCE, UNACTIVATED_MEMBER, Seeder


async def test_seeded_county_has_the_reported_figures(
    app: FastAPI, session: AsyncSession, client: httpx.AsyncClient, auth: Any
) -> None:
    await Seeder(session, app.state.pii, "not-a-real-hash").run()
    await session.commit()
    county = await session.scalar(select(Org.id).where(Org.name == COUNTY))
    stats = (await client.get(f"/v1/orgs/{county}/stats", headers=auth("admin"))).json()
    assert stats["organisations"] == 679
    assert stats["members"] == 22_353
    assert stats["new_form_members"] == 453
    assert stats["new_form_unions"] == 3
    assert stats["new_form_enterprises"] == 19
    assert sum(m["joins"] for m in stats["joins_by_month"]) == 22_353

    province = await session.scalar(select(Org.id).where(Org.name == PROVINCE))
    whole = (await client.get(f"/v1/orgs/{province}/stats", headers=auth("admin"))).json()
    assert whole["members"] == 22_353 + 2_315

    # The walkthrough's member has a membership and the phone on record, and no account yet.
    id_number, phone = UNACTIVATED_MEMBER
    found = await client.post(
        "/v1/members/lookup", json={"id_number": id_number}, headers=auth("admin")
    )
    assert found.status_code == 200
    assert found.json()["person"]["phone_masked"] == phone[:3] + "****" + phone[-4:]
    account = await IdentityRepository(session).account_by_id_number(
        id_number_index(id_number, app.state.pii)
    )
    assert account is None
