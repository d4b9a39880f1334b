"""The sub-tree tallies behind statistics stay equal to a recount from the base tables
through every kind of change: memberships, imports, org create/close/move/new-form flag,
enterprises' unions and affiliations; and the migration's backfill computes the same."""

import csv
import importlib.util
import io
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from membership.enterprises.uscc import check_character
from membership.people.generate import valid_id_number
from membership.seed import COUNTY, Seeder

MIGRATION = (
    Path(__file__).resolve().parents[2]
    / "migrations"
    / "versions"
    / "2026_11_22_1900_subtree_rollups.py"
)
ANY = {"If-Match": "*"}


def uscc(serial: int) -> str:
    body = f"91330102{serial:09d}"
    return body + check_character(body)


async def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


class Api:
    def __init__(self, client: httpx.AsyncClient, auth: Any) -> None:
        self.client = client
        self.admin = auth("admin")

    async def post(self, url: str, body: dict[str, Any], **headers: str) -> dict[str, Any]:
        return await ok(await self.client.post(url, json=body, headers={**self.admin, **headers}))

    async def patch(self, url: str, body: dict[str, Any]) -> dict[str, Any]:
        return await ok(await self.client.patch(url, json=body, headers={**self.admin, **ANY}))

    async def org(self, name: str, parent: str, *, new_form: bool = False, **kw: str) -> str:
        body = {
            "name": name,
            "kind": kw.get("kind", "grassroots"),
            "level": kw.get("level", "grassroots"),
            "region_code": kw.get("region_code", "330102"),
            "parent_id": parent,
            "new_form": new_form,
        }
        return str((await self.post("/v1/orgs", body))["id"])

    async def enterprise(self, serial: int, federation: str, union: str | None = None) -> str:
        body = {
            "uscc": uscc(serial),
            "name": f"企业{serial}",
            "region_code": "330102",
            "size_class": "micro",
            "affiliated_org_id": federation,
            "union_org_id": union,
        }
        return str((await self.post("/v1/enterprises", body))["id"])

    async def transfer(self, member_id: str, to_org: str) -> None:
        transfer = await self.post(f"/v1/members/{member_id}/transfers", {"to_org_id": to_org})
        await self.post(f"/v1/transfers/{transfer['id']}/approve", {})


async def test_rollups_follow_memberships(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any, check_rollups: Any
) -> None:
    api = Api(client, auth)
    rider = await enrol(tree.shangcheng_union, 1, employment_form="delivery_rider")
    await enrol(tree.shangcheng_union, 2, employment_form="employee")
    clerk = await enrol(tree.gongshu_union, 3, employment_form="employee")
    await check_rollups()

    await api.transfer(rider["id"], tree.gongshu_union)
    await check_rollups()
    await api.post(f"/v1/members/{clerk['id']}/suspend", {"reason": "欠缴会费"})
    await check_rollups()
    await api.post(f"/v1/members/{clerk['id']}/withdraw", {"reason": "离职"})
    await check_rollups()
    # Rejoining elsewhere: counted again, but a second join is not a new join.
    await enrol(tree.shangcheng_union, 3, employment_form="employee")
    await check_rollups()


async def test_rollups_follow_imports_and_reruns(
    client: httpx.AsyncClient,
    auth: Any,
    tree: Any,
    enrol: Any,
    check_rollups: Any,
    process_imports: Any,
) -> None:
    api = Api(client, auth)
    leaver = await enrol(tree.gongshu_union, 500, employment_form="courier")
    await api.post(f"/v1/members/{leaver['id']}/withdraw", {"reason": "离职"})
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["姓名", "身份证号", "手机号", "就业形态"])
    forms = ["快递员", "职工", "外卖骑手"]
    writer.writerows(
        [f"工人{n}", valid_id_number(n), "", forms[n % 3]] for n in range(490, 520)
    )  # 500 is the leaver: back through the lifecycle, the rest through the bulk path
    content = buffer.getvalue().encode("utf-8-sig")
    url = f"/v1/orgs/{tree.shangcheng_union}/imports"
    for _ in range(2):  # the second run changes nothing
        response = await client.post(url, files={"file": ("a.csv", content)}, headers=api.admin)
        assert response.status_code == 202, response.text
        assert await process_imports() == 1
        await check_rollups()
    job = await client.get(f"/v1/imports/{response.json()['id']}", headers=api.admin)
    assert job.json()["unchanged_rows"] == 30


async def test_rollups_follow_the_org_tree_and_enterprises(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any, check_rollups: Any
) -> None:
    api = Api(client, auth)
    riders = await api.org("拱墅区骑手工会", tree.gongshu, new_form=True, region_code="330105")
    rider = await enrol(riders, 10, employment_form="delivery_rider")
    await enrol(tree.shangcheng_union, 11)
    await api.enterprise(1, tree.gongshu, riders)  # anchored at the riders' union
    plain = await api.enterprise(2, tree.shangcheng)  # no new-form union above it
    own_union = await api.enterprise(3, tree.shangcheng, tree.shangcheng_union)
    await check_rollups()

    # A service given by the riders' union travels with it when it moves (below).
    service = {"kind": "gift", "org_id": riders, "served_on": "2026-11-20", "note": "雨衣"}
    await api.post(f"/v1/people/{rider['person']['id']}/services", service)
    await check_rollups()

    # New-form flags, nested: the county, then a union inside it, then the county off again.
    await api.patch(f"/v1/orgs/{tree.shangcheng}", {"new_form": True})
    await check_rollups()
    await api.patch(f"/v1/orgs/{tree.shangcheng_union}", {"new_form": True})
    await check_rollups()
    await api.patch(f"/v1/orgs/{tree.shangcheng}", {"new_form": False})
    await check_rollups()
    await api.patch(f"/v1/orgs/{tree.city}", {"new_form": True})
    await check_rollups()

    # Enterprises change union and federation.
    await api.patch(f"/v1/enterprises/{plain}", {"union_org_id": riders})
    await check_rollups()
    await api.patch(f"/v1/enterprises/{own_union}", {"union_org_id": None})
    await check_rollups()
    await api.post(f"/v1/enterprises/{own_union}/affiliation", {"org_id": tree.gongshu}, **ANY)
    await check_rollups()

    # Moves: a union between counties, then a county out from under the new-form city.
    await api.post(
        f"/v1/orgs/{riders}/move",
        {"new_parent_id": tree.shangcheng, "region_code": "330102"},
        **ANY,
    )
    await check_rollups()
    await api.post(f"/v1/orgs/{tree.gongshu}/move", {"new_parent_id": tree.province}, **ANY)
    await check_rollups()
    moved = (await client.get(f"/v1/orgs/{tree.city}/stats", headers=api.admin)).json()
    assert moved["organisations"] == 4  # city, 上城区, its union, the riders' union

    # Create and close: an empty new-form union comes and goes.
    empty = await api.org("临时工会", tree.gongshu, new_form=True, region_code="330105")
    await check_rollups()
    await api.post(f"/v1/orgs/{empty}/close", {}, **ANY)
    await check_rollups()


async def test_seeded_rollups_and_the_migration_backfill_match_a_recount(
    app: FastAPI, session: AsyncSession, client: httpx.AsyncClient, auth: Any, check_rollups: Any
) -> None:
    await Seeder(session, app.state.pii, "not-a-real-hash").run()
    await session.commit()
    await check_rollups()

    spec = importlib.util.spec_from_file_location("subtree_rollups", MIGRATION)
    assert spec is not None
    assert spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    await session.execute(text("DELETE FROM membership.org_subtree_tally"))
    await session.execute(text("DELETE FROM membership.org_subtree_monthly_joins"))
    await session.execute(text(migration.BACKFILL_TALLY))
    await session.execute(text(migration.BACKFILL_JOINS))
    await check_rollups()
    county = await session.scalar(
        text("SELECT id FROM membership.org WHERE name = :name"), {"name": COUNTY}
    )
    stats = (await client.get(f"/v1/orgs/{county}/stats", headers=auth("admin"))).json()
    assert (stats["organisations"], stats["members"], stats["new_form_enterprises"]) == (
        679,
        22_353,
        19,
    )
