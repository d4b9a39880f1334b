"""Deny by default, walked: every route of membership that takes an id, in its path, its
query string or its body, is tried on real objects of 拱墅区 by a cadre of another county
(上城区, with every permission), a member, an enterprise and a judge, and none gets a 2xx it
should not; then 上城区's cadre tries each route on its own objects with 拱墅区's ids in the
query string and body. Routes and their id fields come from the OpenAPI document
(servicekit.testing.walk), so a new route or id field is walked too (and fails here until a
request below fills it)."""

import csv
import io
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from membership.enterprises.uscc import check_character
from membership.events.models import OutboxMessage
from membership.people.generate import valid_id_number
from servicekit.testing.walk import IdInput, graft, id_inputs, unfilled

# Public by design: what a poster's code shows and the join it takes (tests/joining), and
# signing in (tests/identity).
PUBLIC = {
    ("GET", "/v1/join/{code}"),
    ("POST", "/v1/join/{code}"),
    ("POST", "/v1/auth/token"),
    ("POST", "/v1/auth/activation-codes"),
    ("POST", "/v1/auth/password"),
}
# Id fields that name the object being created, not one that exists.
NEW_OBJECT = {
    ("POST", "/v1/service-clients", "client_id"),
    ("POST", "/v1/enterprises", "uscc"),
}
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
# Look-ups of many at once: a 2xx is a leak only if it shows something of the other county.
LOOKUPS = {("POST", "/v1/members/batch-lookup"), ("POST", "/v1/enterprises/lookup")}
# What a caller may do with another county's object named in a body: a member asks to move
# to a union anywhere, and a union lets its member go to one anywhere (the receiving union
# decides).
ALLOWED: dict[str, set[tuple[str, str]]] = {
    "member": {("POST", "/v1/me/transfers")},
    "own_objects": {("POST", "/v1/members/{member_id}/transfers")},
}


def uscc(serial: int, division: str) -> str:
    body = f"91{division}{serial:09d}"
    return body + check_character(body)


Request = dict[str, Any]


def requests(ids: dict[str, str]) -> dict[tuple[str, str], list[Request]]:
    """Well-formed requests for every route that takes a body or an id in its query string,
    each id field naming one of `ids`' objects: refusals must come from the access rules,
    not from validation."""
    reason = {"reason": "走查测试理由"}
    honour = {
        "kind": "technical_expert",
        "level": "county",
        "title": "拱墅区技术能手",
        "awarded_on": "2026-11-20",
        "granting_org_id": ids["county_id"],
    }
    union = ids["org_id"]
    return {
        ("POST", "/v1/members"): [
            {"json": {"person": ids["new_person"], "org_id": union}},
        ],
        ("GET", "/v1/members"): [{"params": {"org_id": union}}],
        ("POST", "/v1/members/batch-lookup"): [{"json": {"membership_nos": [ids["number"]]}}],
        ("POST", "/v1/me/transfers"): [{"json": {"to_org_id": union}}],
        ("POST", "/v1/service-clients"): [
            {"json": {"client_id": "walk.client", "name": "走查", "permissions": []}}
        ],
        ("POST", "/v1/orgs"): [
            {
                "json": {
                    "name": "走查工会",
                    "kind": "grassroots",
                    "level": "grassroots",
                    "region_code": ids["region"],
                    "parent_id": ids["county_id"],
                }
            }
        ],
        ("POST", "/v1/enterprises"): [
            {
                "json": {
                    "uscc": ids["new_uscc"],
                    "name": "走查新企业有限公司",
                    "region_code": ids["region"],
                    "size_class": "micro",
                    "affiliated_org_id": ids["county_id"],
                    "union_org_id": union,
                }
            }
        ],
        ("GET", "/v1/enterprises"): [
            {"params": {"uscc": ids["uscc"]}},
            {"params": {"org_id": ids["county_id"]}},
        ],
        ("POST", "/v1/enterprises/lookup"): [{"json": {"usccs": [ids["uscc"]]}}],
        ("GET", "/v1/transfers"): [{"params": {"org_id": union}}],
        ("POST", "/v1/honours"): [
            {"json": {**honour, "member_id": ids["member_id"]}},
            {"json": {**honour, "membership_no": ids["number"]}},
        ],
        ("POST", "/v1/members/{member_id}/approve"): [{"json": {}}],
        ("POST", "/v1/members/{member_id}/reject"): [{"json": reason}],
        ("POST", "/v1/members/{member_id}/suspend"): [{"json": reason}],
        ("POST", "/v1/members/{member_id}/reinstate"): [{"json": reason}],
        ("POST", "/v1/members/{member_id}/withdraw"): [{"json": reason}],
        ("PATCH", "/v1/orgs/{org_id}"): [{"json": {"name": "改名的工会"}}],
        ("POST", "/v1/orgs/{org_id}/move"): [{"json": {"new_parent_id": ids["county_id"]}}],
        ("PATCH", "/v1/enterprises/{enterprise_id}"): [
            {"json": {"name": "改名的企业", "union_org_id": union}}
        ],
        ("POST", "/v1/enterprises/{enterprise_id}/affiliation"): [
            {"json": {"org_id": ids["county_id"]}}
        ],
        ("POST", "/v1/enterprises/{enterprise_id}/review"): [{"json": {"uscc": ids["uscc"]}}],
        ("POST", "/v1/orgs/{org_id}/invitations"): [
            {"json": {"expires_in_hours": 24, "max_uses": 5}}
        ],
        ("POST", "/v1/orgs/{org_id}/imports"): [{"upload": True}],
        ("POST", "/v1/members/{member_id}/transfers"): [{"json": {"to_org_id": union}}],
        ("POST", "/v1/transfers/{transfer_id}/approve"): [{"json": {}}],
        ("POST", "/v1/transfers/{transfer_id}/reject"): [{"json": reason}],
        ("POST", "/v1/transfers/{transfer_id}/cancel"): [{"json": {}}],
        ("PUT", "/v1/members/{member_id}/phone"): [{"json": {"phone": "13900000009"}}],
        ("POST", "/v1/join-applications/{application_id}/dismiss"): [{"json": reason}],
        ("POST", "/v1/people/{person_id}/services"): [
            {"json": {"kind": "gift", "org_id": union, "served_on": "2026-11-20"}}
        ],
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


def walked(app: FastAPI) -> tuple[list[tuple[str, str, bool]], list[IdInput]]:
    """(method, path template, takes a body) of every route that takes an id anywhere, and
    those ids' places; the public routes aside."""
    document = app.openapi()
    inputs = [i for i in id_inputs(document) if (i.method, i.path) not in PUBLIC]
    named = {(i.method, i.path) for i in inputs}
    routes = [
        (method.upper(), path, "requestBody" in operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if (method.upper(), path) in named
    ]
    return routes, inputs


def path_of(template: str, ids: dict[str, str]) -> str:
    return template.format(**{**ids, "member_id": ids[MEMBER_FOR.get(template, "member_id")]})


def victims_of(scene: dict[str, Any]) -> set[str]:
    return {v for k, v in scene.items() if isinstance(v, str) and k != "region"}


async def send(
    client: httpx.AsyncClient, method: str, path: str, request: Request, headers: dict[str, str]
) -> httpx.Response:
    kwargs: dict[str, Any] = {"params": request.get("params")}
    if request.get("upload"):
        kwargs["files"] = {"file": ("walk.csv", csv_upload(912))}
    elif "json" in request:
        kwargs["json"] = request["json"]
    return await client.request(method, path, headers={**headers, **ANY}, **kwargs)


def csv_upload(serial: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["姓名", "身份证号", "手机号", "就业形态"])
    writer.writerow([f"走查{serial}", valid_id_number(serial, born="19880512"), "", "快递员"])
    return buffer.getvalue().encode("utf-8-sig")


Scene = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def make_scene(
    client: httpx.AsyncClient,
    auth: Any,
    tree: Any,
    enrol: Any,
    person: Any,
    session: AsyncSession,
    create_account: Any,
) -> Scene:
    """Objects of a county, each in the state in which an entitled caller's action succeeds;
    people numbered from `base`."""

    async def build(county: str, union: str, region: str, base: int) -> dict[str, Any]:
        admin = auth("admin")
        cadre = auth("cadre", org_scope=(county,), permissions=EVERY_PERMISSION)

        async def call(method: str, url: str, **kwargs: Any) -> Any:
            response = await client.request(method, url, headers=cadre, **kwargs)
            assert response.status_code in (200, 201, 202), (url, response.text)
            return response.json()

        second_union = (
            await client.post(
                "/v1/orgs",
                json={
                    "name": f"走查快递工会{base}",
                    "kind": "grassroots",
                    "level": "grassroots",
                    "region_code": region,
                    "parent_id": county,
                },
                headers=admin,
            )
        ).json()["id"]
        active = await enrol(union, base + 1)
        moving = await enrol(union, base + 2)
        suspended = await enrol(union, base + 3)
        await call("POST", f"/v1/members/{suspended['id']}/suspend", json={"reason": "欠缴会费"})
        transfer = await call(
            "POST", f"/v1/members/{moving['id']}/transfers", json={"to_org_id": second_union}
        )
        invitation = await call("POST", f"/v1/orgs/{union}/invitations", json={"max_uses": 5})
        await client.post(f"/v1/join/{invitation['code']}", json=person(base + 4))
        # The same ID number joining again: an application for the union to decide.
        await client.post(f"/v1/join/{invitation['code']}", json=person(base + 4))
        applications = await call("GET", f"/v1/orgs/{union}/join-applications")
        queue = await call("GET", "/v1/members", params={"org_id": union, "state": "applied"})
        flagged = uscc(base + 5, region)[:-1] + "0"
        enterprise = await call(
            "POST",
            "/v1/enterprises",
            json={
                "uscc": flagged,
                "name": f"走查科技有限公司{base}",
                "region_code": region,
                "size_class": "micro",
                "affiliated_org_id": county,
            },
        )
        job = await call(
            "POST", f"/v1/orgs/{union}/imports", files={"file": ("a.csv", csv_upload(base + 6))}
        )
        moved = await client.post(
            f"/v1/orgs/{second_union}/move",
            json={"new_parent_id": county},
            headers={**admin, **ANY},
        )
        assert moved.status_code in (200, 422)
        message_id = await session.scalar(select(OutboxMessage.id).limit(1))
        account_id = await create_account(f"walk.judge.{base}", ["cadre"])
        return {
            "org_id": union,
            "county_id": county,
            "region": region,
            "member_id": active["id"],
            "number": active["membership_no"],
            "applicant_id": queue["items"][0]["id"],
            "suspended_id": suspended["id"],
            "transfer_id": transfer["id"],
            "invitation_id": invitation["id"],
            "enterprise_id": enterprise["id"],
            "uscc": flagged,
            "new_uscc": uscc(base + 7, region),
            "new_person": person(base + 8),
            "import_id": job["id"],
            "person_id": active["person"]["id"],
            "account_id": account_id,
            "message_id": str(message_id or 1),
            "application_id": applications_of(applications)[0]["id"],
        }

    return build


@pytest.fixture
async def scene(make_scene: Scene, tree: Any) -> dict[str, Any]:
    return await make_scene(tree.gongshu, tree.gongshu_union, "330105", 900)


def applications_of(listing: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = listing["items"] if isinstance(listing, dict) else listing
    return items


def shows(response: httpx.Response, request: Request, victims: set[str]) -> bool:
    """The answer holds another county's ids beyond those the caller sent (a look-up
    lists the numbers it did not find)."""
    sent = json.dumps(request, default=str)
    return any(v in response.text and v not in sent for v in victims)


def leaked(
    method: str,
    template: str,
    request: Request,
    response: httpx.Response,
    victims: set[str],
    allowed: set[Any],
) -> bool:
    """A 2xx the caller should not have had: any on another county's object, named in the
    path, the query string or the body (an empty page for another county's union would tell
    it from one that does not exist), but a look-up by number that shows none of it."""
    if not response.is_success or (method, template) in allowed:
        return False
    if (method, template) in LOOKUPS:
        return shows(response, request, victims)
    return True


async def test_no_caller_gets_a_2xx_on_another_countys_objects(
    scene: dict[str, Any],
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
    routes, inputs = walked(app)
    known = requests(scene)
    victims = victims_of(scene)
    assert len(routes) > 45  # the walk found the routes (it would pass vacuously otherwise)
    missing = [(m, p) for m, p, takes in routes if takes and (m, p) not in known]
    assert not missing, f"give these routes a request above: {missing}"
    unnamed = [
        i for i in unfilled(inputs, known, victims) if (i.method, i.path, i.field) not in NEW_OBJECT
    ]
    assert not unnamed, f"name the other county's objects in these fields above: {unnamed}"

    leaks = []
    for method, template, _ in routes:
        for request in known.get((method, template), [{}]):
            for name, headers in callers.items():
                response = await send(client, method, path_of(template, scene), request, headers)
                allowed = ALLOWED.get(name, set())
                if leaked(method, template, request, response, victims, allowed):
                    leaks.append((name, method, template, response.status_code))
    assert not leaks, f"answered 2xx where they should not: {leaks}"

    # The objects are real: the county's own cadre reads every one of them.
    county = auth("cadre", org_scope=(tree.gongshu,), permissions=EVERY_PERMISSION)
    unread = []
    for method, template, _ in routes:
        if method != "GET" or template in NOT_FOR_CADRES:
            continue
        for request in known.get((method, template), [{}]):
            response = await send(client, method, path_of(template, scene), request, county)
            if not response.is_success:
                unread.append((template, response.status_code))
    assert not unread


async def test_no_cadre_reaches_another_countys_objects_through_its_own(
    scene: dict[str, Any],
    make_scene: Scene,
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    tree: Any,
) -> None:
    """上城区's cadre makes each request on 上城区's own objects, as it would succeed, with
    one of its ids (query string or body) naming 拱墅区's instead: moving its union under
    拱墅区, giving its enterprise 拱墅区's union, an honour to 拱墅区's member..."""
    own = await make_scene(tree.shangcheng, tree.shangcheng_union, "330102", 950)
    cadre = auth("cadre", org_scope=(tree.shangcheng,), permissions=EVERY_PERMISSION)
    _, inputs = walked(app)
    theirs, ours = requests(scene), requests(own)
    victims = victims_of(scene)
    leaks = []
    for one in inputs:
        route = (one.method, one.path)
        if one.place == "path" or (*route, one.field) in NEW_OBJECT:
            continue
        for mine, foreign in zip(ours[route], theirs[route], strict=True):
            request = graft(mine, foreign, one)
            if request is None:
                continue
            response = await send(client, one.method, path_of(one.path, own), request, cadre)
            if not response.is_success or route in ALLOWED["own_objects"]:
                continue
            if (one.method != "GET" and route not in LOOKUPS) or shows(response, request, victims):
                leaks.append((one, response.status_code, response.text[:200]))
    assert not leaks
