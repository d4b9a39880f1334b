"""Deny by default, walked: every route of membership that takes an id is tried on real
objects of 拱墅区 by a cadre of another county (上城区, with every permission), a member, an
enterprise and a judge, and none gets a 2xx. Routes come from the OpenAPI document, so a new
route is walked too (and fails here until it has a body and an id below)."""

import csv
import io
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from membership.enterprises.uscc import check_character
from membership.events.models import OutboxMessage
from membership.people.generate import valid_id_number

# Public by design: what a poster's code shows and the join it takes (tests/joining).
PUBLIC = {("GET", "/v1/join/{code}"), ("POST", "/v1/join/{code}")}
EVERY_PERMISSION = (
    "manage_orgs",
    "manage_enterprises",
    "manage_members",
    "review_joins",
    "grant_honours",
    "review_rebates",
    "run_competitions",
    "judge",
)
ANY = {"If-Match": "*"}


def uscc(serial: int, division: str) -> str:
    body = f"91{division}{serial:09d}"
    return body + check_character(body)


def bodies(ids: dict[str, str]) -> dict[tuple[str, str], Any]:
    """A well-formed body for every route that takes one: refusals must come from the
    access rules, not from validation."""
    reason = {"reason": "走查测试理由"}
    return {
        ("POST", "/v1/members/{member_id}/approve"): {},
        ("POST", "/v1/members/{member_id}/reject"): reason,
        ("POST", "/v1/members/{member_id}/suspend"): reason,
        ("POST", "/v1/members/{member_id}/reinstate"): reason,
        ("POST", "/v1/members/{member_id}/withdraw"): reason,
        ("PATCH", "/v1/orgs/{org_id}"): {"name": "改名的工会"},
        ("POST", "/v1/orgs/{org_id}/move"): {"new_parent_id": ids["other_county"]},
        ("PATCH", "/v1/enterprises/{enterprise_id}"): {"name": "改名的企业"},
        ("POST", "/v1/enterprises/{enterprise_id}/affiliation"): {"org_id": ids["other_county"]},
        ("POST", "/v1/enterprises/{enterprise_id}/review"): {"uscc": ids["uscc"]},
        ("POST", "/v1/orgs/{org_id}/invitations"): {"expires_in_hours": 24, "max_uses": 5},
        ("POST", "/v1/orgs/{org_id}/imports"): "upload",
        ("POST", "/v1/members/{member_id}/transfers"): {"to_org_id": ids["other_union"]},
        ("POST", "/v1/transfers/{transfer_id}/approve"): {},
        ("POST", "/v1/transfers/{transfer_id}/reject"): reason,
        ("POST", "/v1/transfers/{transfer_id}/cancel"): {},
        ("PUT", "/v1/members/{member_id}/phone"): {"phone": "13900000009"},
        ("POST", "/v1/join-applications/{application_id}/dismiss"): reason,
        ("POST", "/v1/people/{person_id}/services"): {
            "kind": "gift",
            "org_id": ids["other_county"],
            "served_on": "2026-11-20",
        },
    }


# The member an action would succeed on, for an entitled caller: an application to approve
# or reject, a suspended member to reinstate; an active one otherwise.
MEMBER_FOR = {
    "/v1/members/{member_id}/approve": "applicant_id",
    "/v1/members/{member_id}/reject": "applicant_id",
    "/v1/members/{member_id}/reinstate": "suspended_id",
}


# Reads no cadre makes: staff accounts (admins), a union's account in clear (services).
NOT_FOR_CADRES = {"/v1/accounts/{account_id}", "/v1/enterprises/{enterprise_id}/union-account"}


def id_routes(app: FastAPI) -> list[tuple[str, str, bool]]:
    return [
        (method.upper(), path, "requestBody" in operation)
        for path, operations in app.openapi()["paths"].items()
        for method, operation in operations.items()
        if "{" in path and (method.upper(), path) not in PUBLIC
    ]


def csv_upload(serial: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["姓名", "身份证号", "手机号", "就业形态"])
    writer.writerow([f"走查{serial}", valid_id_number(serial, born="19880512"), "", "快递员"])
    return buffer.getvalue().encode("utf-8-sig")


@pytest.fixture
async def scene(
    client: httpx.AsyncClient,
    auth: Any,
    tree: Any,
    enrol: Any,
    person: Any,
    session: AsyncSession,
    create_account: Any,
) -> dict[str, str]:
    """Objects of 拱墅区, each in the state in which an entitled caller's action succeeds."""
    admin = auth("admin")
    county = auth("cadre", org_scope=(tree.gongshu,), permissions=EVERY_PERMISSION)

    async def call(method: str, url: str, **kwargs: Any) -> Any:
        response = await client.request(method, url, headers=county, **kwargs)
        assert response.status_code in (200, 201, 202), (url, response.text)
        return response.json()

    second_union = (
        await client.post(
            "/v1/orgs",
            json={
                "name": "拱墅区快递工会",
                "kind": "grassroots",
                "level": "grassroots",
                "region_code": "330105",
                "parent_id": tree.gongshu,
            },
            headers=admin,
        )
    ).json()["id"]
    active = await enrol(tree.gongshu_union, 901)
    moving = await enrol(tree.gongshu_union, 902)
    suspended = await enrol(tree.gongshu_union, 903)
    await call("POST", f"/v1/members/{suspended['id']}/suspend", json={"reason": "欠缴会费"})
    transfer = await call(
        "POST", f"/v1/members/{moving['id']}/transfers", json={"to_org_id": second_union}
    )
    invitation = await call(
        "POST", f"/v1/orgs/{tree.gongshu_union}/invitations", json={"max_uses": 5}
    )
    await client.post(f"/v1/join/{invitation['code']}", json=person(904))
    # The same ID number joining again: an application for the union to decide.
    await client.post(f"/v1/join/{invitation['code']}", json=person(904))
    applications = await call("GET", f"/v1/orgs/{tree.gongshu_union}/join-applications")
    queue = await call(
        "GET", "/v1/members", params={"org_id": tree.gongshu_union, "state": "applied"}
    )
    flagged = uscc(905, "330105")[:-1] + "0"
    enterprise = await call(
        "POST",
        "/v1/enterprises",
        json={
            "uscc": flagged,
            "name": "杭州拱墅走查科技有限公司",
            "region_code": "330105",
            "size_class": "micro",
            "affiliated_org_id": tree.gongshu,
        },
    )
    job = await call(
        "POST", f"/v1/orgs/{tree.gongshu_union}/imports", files={"file": ("a.csv", csv_upload(906))}
    )
    moved = await client.post(
        f"/v1/orgs/{second_union}/move",
        json={"new_parent_id": tree.gongshu},
        headers={**admin, **ANY},
    )
    assert moved.status_code in (200, 422)
    message_id = await session.scalar(select(OutboxMessage.id).limit(1))
    account_id = await create_account("gongshu.judge", ["cadre"])
    return {
        "org_id": tree.gongshu_union,
        "member_id": active["id"],
        "applicant_id": queue["items"][0]["id"],
        "suspended_id": suspended["id"],
        "transfer_id": transfer["id"],
        "invitation_id": invitation["id"],
        "enterprise_id": enterprise["id"],
        "uscc": flagged,
        "import_id": job["id"],
        "person_id": active["person"]["id"],
        "account_id": account_id,
        "message_id": str(message_id or 1),
        "other_county": tree.shangcheng,
        "other_union": tree.shangcheng_union,
        "application_id": applications_of(applications)[0]["id"],
    }


def applications_of(listing: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = listing["items"] if isinstance(listing, dict) else listing
    return items


async def test_no_caller_gets_a_2xx_on_another_countys_objects(
    scene: dict[str, str],
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    tree: Any,
    enrol: Any,
) -> None:
    outsider_member = await enrol(tree.shangcheng_union, 910)
    callers = {
        "other_county": auth("cadre", org_scope=(tree.shangcheng,), permissions=EVERY_PERMISSION),
        "member": auth("member", person_id=outsider_member["person"]["id"]),
        "enterprise": auth("enterprise", enterprise_scope=uscc(911, "330102")),
        "judge": auth("cadre", org_scope=(tree.shangcheng,), permissions=("judge",)),
    }
    routes = id_routes(app)
    known = bodies(scene)
    assert len(routes) > 35  # the walk found the routes (it would pass vacuously otherwise)
    missing = [(m, p) for m, p, takes in routes if takes and (m, p) not in known]
    assert not missing, f"give these routes a body above: {missing}"

    leaks = []
    for method, template, takes_body in routes:
        ids = {**scene, "member_id": scene[MEMBER_FOR.get(template, "member_id")]}
        path = template.format(**ids)
        for name, headers in callers.items():
            kwargs: dict[str, Any] = {}
            body = known.get((method, template)) if takes_body else None
            if body == "upload":
                kwargs["files"] = {"file": ("walk.csv", csv_upload(912))}
            elif body is not None:
                kwargs["json"] = body
            response = await client.request(method, path, headers={**headers, **ANY}, **kwargs)
            if response.is_success:
                leaks.append((name, method, template, response.status_code))
    assert not leaks, f"answered 2xx where they should not: {leaks}"

    # The objects are real: the county's own cadre reads every one of them.
    county = auth("cadre", org_scope=(tree.gongshu,), permissions=EVERY_PERMISSION)
    unread = []
    for method, template, _ in routes:
        if method != "GET" or template in NOT_FOR_CADRES:
            continue
        ids = {**scene, "member_id": scene[MEMBER_FOR.get(template, "member_id")]}
        response = await client.get(template.format(**ids), headers=county)
        if not response.is_success:
            unread.append((template, response.status_code))
    assert not unread
