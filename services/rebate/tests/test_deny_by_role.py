"""Deny by default, walked: every route of rebate that takes an id is tried on real objects of
one county by a cadre of another county holding review_rebates, a member, an enterprise of
another credit code and a judge of the county itself (a cadre without review_rebates), and
none gets a 2xx it should not. Routes come from the OpenAPI document, so a new route is
walked too (and fails here until it has a body below). Afterwards the county's own reviewer,
or an admin where only admins act, makes every one of those calls and succeeds: the objects
are real, in a state where the action works, and the refusals came from the access rules.

Partners sign their webhooks instead of holding tokens; those routes are walked by the
signature tests (fees/test_webhooks.py, payouts/test_flow.py), not here."""

import csv
import io
import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from standardwebhooks.webhooks import Webhook

from servicekit.testing.walk import id_inputs, unfilled

UNION = {
    "bank_name": "中国工商银行福州鼓楼支行",
    "account_name": "企业工会委员会",
    "account_no": "6222021200000001",
}
CSV_COLUMNS = (
    "record_id",
    "uscc",
    "enterprise_name",
    "region_code",
    "period",
    "payroll_total",
    "fee_amount",
    "paid_at",
    "payer_bank",
    "payer_account_no",
    "payer_account_name",
    "tax_office",
)

# Refund policies name excluded enterprises and the pool account: rebate reviewers read them,
# wherever their county, and nobody else.
ALLOWED: dict[str, set[tuple[str, str]]] = {
    # Policies are the federation's, not a county's: every rebate reviewer reads them.
    "other_county": {("GET", "/v1/policies/{policy_key}/versions")},
    "member": set(),
    "enterprise": set(),
    "judge": set(),
}

# Where only admins act (partners, policies, fee files, the outbox, instructing a waiting
# case) or only admins and the enterprise itself look (its ledger); the county's reviewer
# does the rest.
ADMIN_ONLY = {
    ("GET", "/v1/partners/{partner_id}"),
    ("PATCH", "/v1/partners/{partner_id}"),
    ("POST", "/v1/partners/{partner_id}/rotate-secret"),
    ("POST", "/v1/partners/{partner_id}/fee-files"),
    ("PUT", "/v1/policies/{policy_key}"),
    ("POST", "/v1/cases/{case_id}/payouts"),
    ("POST", "/v1/outbox/{message_id}/replay"),
    ("GET", "/v1/ledger/enterprises/{uscc}"),
}

# The case an action would succeed on for an entitled caller; the paid one otherwise.
CASE_FOR = {
    ("POST", "/v1/cases/{case_id}/review"): "pending_case",
    ("POST", "/v1/cases/{case_id}/reopen"): "rejected_case",
    ("POST", "/v1/cases/{case_id}/payouts"): "waiting_case",
}


def bodies(scene: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """A well-formed body for every route that takes one: refusals must come from the
    access rules, not from validation."""
    policy = scene["policy"]
    revised = {
        key: policy[key]
        for key in ("region_prefixes", "period_from", "period_to", "size_classes", "destinations")
    }
    return {
        ("PATCH", "/v1/partners/{partner_id}"): {"name": "福建省税务局（走查）"},
        ("POST", "/v1/partners/{partner_id}/fee-files"): "upload",
        ("PUT", "/v1/policies/{policy_key}"): {**revised, "name": "走查修订的返还政策"},
        ("POST", "/v1/exceptions/{entry_id}/rematch"): {"note": "走查：企业已复核"},
        ("POST", "/v1/exceptions/{entry_id}/dismiss"): {"reason": "走查测试理由"},
        ("POST", "/v1/cases/{case_id}/review"): {"decision": "approve", "refund": "2469.12"},
        ("POST", "/v1/cases/{case_id}/reopen"): {"reason": "企业补充了工会成立证明"},
    }


def id_routes(app: FastAPI) -> list[tuple[str, str, bool]]:
    """(method, path template, takes a body) of every route with an id in its path, but the
    partners' signed webhooks."""
    return [
        (method.upper(), path, "requestBody" in operation)
        for path, operations in app.openapi()["paths"].items()
        for method, operation in operations.items()
        if "{" in path and not path.startswith("/v1/webhooks/")
    ]


def fee_file(record: dict[str, Any]) -> bytes:
    """A tax partner's CSV file holding `record` (as pushed, with the payer account flat)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    payer = record["payer_account"]
    flat = {
        **record,
        "payer_bank": payer["bank"],
        "payer_account_no": payer["account_no"],
        "payer_account_name": payer["account_name"],
    }
    writer.writerow([flat[column] for column in CSV_COLUMNS])
    return buffer.getvalue().encode("utf-8")


def path_of(method: str, template: str, scene: dict[str, Any]) -> str:
    ids = {**scene, "case_id": scene[CASE_FOR.get((method, template), "paid_case")]}
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m[1]]), template)


async def paid(client: httpx.AsyncClient, bank: dict[str, Any], key: str) -> httpx.Response:
    """The bank's signed answer that the payout with `key` was paid."""
    body = json.dumps(
        {
            "type": "payout.paid",
            "timestamp": datetime.now(UTC).isoformat(),
            "data": {"idempotency_key": key},
        }
    )
    msg_id, now = f"msg_{uuid.uuid4().hex}", datetime.now(UTC)
    return await client.post(
        f"/v1/webhooks/bank/{bank['id']}",
        content=body,
        headers={
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(bank["secret"]).sign(msg_id, now, body),
            "content-type": "application/json",
        },
    )


@pytest.fixture
async def scene(
    client: httpx.AsyncClient,
    auth: Any,
    reviewer: Any,
    org_paths: Any,
    tax_partner: Any,
    policy: dict[str, Any],
    push: Any,
    fee_record: Any,
    make_uscc: Any,
    membership: Any,
    run_period: Any,
) -> dict[str, Any]:
    """March in the county, one run: enterprise 1's case approved while no bank was there
    (waiting), 2's paid, 3's pending review, 4's rejected, and 5 flagged by the register (a
    queue entry); a bank, a payout instruction in the outbox; and enterprise 6 of the county,
    under a policy of application mode (region 33, so the two policies do not overlap), has
    applied."""
    admin, county = auth("admin"), reviewer(org_paths.county)

    async def call(method: str, url: str, headers: dict[str, str], **kwargs: Any) -> Any:
        response = await client.request(method, url, headers=headers, **kwargs)
        assert response.is_success, (method, url, response.text)
        return response.json()

    records = [fee_record(serial) for serial in range(1, 6)]
    assert (await push(tax_partner, records)).json()["accepted"] == 5
    for serial in range(1, 5):
        membership.add_enterprise(make_uscc(serial), account=UNION, org_path=org_paths.county)
    membership.add_enterprise(make_uscc(5), org_path=org_paths.county, needs_review=True)
    run = await run_period()
    assert run["status"] == "done", run
    listing = await call("GET", "/v1/cases", county)
    case = {item["uscc"]: item["id"] for item in listing["items"]}
    assert len(case) == 4, listing

    def review(serial: int, **decision: str) -> Any:
        return call("POST", f"/v1/cases/{case[make_uscc(serial)]}/review", county, json=decision)

    # Every record is of 2,469.12, refunded in full.
    waiting = await review(1, decision="approve", refund="2469.12")
    assert waiting["status"] == "approved", waiting  # no bank partner yet
    bank = await call(
        "POST",
        "/v1/partners",
        admin,
        json={"name": "福州农商银行", "kind": "bank", "webhook_url": "https://bank.example/pay"},
    )
    assert (await review(2, decision="approve", refund="2469.12"))["status"] == "instructed"
    [payout] = await call("GET", f"/v1/cases/{case[make_uscc(2)]}/payouts", county)
    assert (await paid(client, bank, payout["idempotency_key"])).status_code == 200
    assert (await review(4, decision="reject", reason="企业未建立工会"))["status"] == "rejected"
    [entry] = await call("GET", "/v1/exceptions", county)
    assert entry["reason"] == "needs_review", entry
    messages = await call("GET", "/v1/outbox", admin)

    applying = make_uscc(6, "330102")
    await call(
        "POST",
        "/v1/policies",
        admin,
        json={
            **{key: policy[key] for key in ("period_from", "period_to", "size_classes")},
            "policy_key": "zj-2026-apply",
            "name": "申请制返还政策",
            "region_prefixes": ["33"],
            "mode": "application",
        },
    )
    await call(
        "PATCH", f"/v1/partners/{tax_partner.id}", admin, json={"region_prefixes": ["35", "33"]}
    )
    record = fee_record(6, uscc=applying, region_code="330102")
    assert (await push(tax_partner, [record])).json()["accepted"] == 1
    membership.add_enterprise(applying, account=UNION, org_path=org_paths.county)
    application = await call(
        "POST",
        "/v1/applications",
        auth("enterprise", enterprise_scope=applying),
        json={"period": "2026-03", "contact_name": "林晓", "contact_phone": "13800001234"},
    )
    return {
        "partner_id": tax_partner.id,
        "policy": policy,
        "policy_key": policy["policy_key"],
        "run_id": run["id"],
        "entry_id": entry["id"],
        "waiting_case": case[make_uscc(1)],
        "paid_case": case[make_uscc(2)],
        "pending_case": case[make_uscc(3)],
        "rejected_case": case[make_uscc(4)],
        "uscc": make_uscc(2),
        "message_id": messages["items"][0]["id"],
        "application_id": application["id"],
        # A fee file of an enterprise no one has seen: taking it would change the books.
        "fee_file": fee_file(fee_record(9)),
    }


async def test_no_caller_gets_a_2xx_on_another_countys_objects(
    scene: dict[str, Any],
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    reviewer: Any,
    org_paths: Any,
    make_uscc: Any,
) -> None:
    callers = {
        "other_county": reviewer(org_paths.other_county),
        "member": auth("member", person_id=str(uuid.uuid4())),
        "enterprise": auth("enterprise", enterprise_scope=make_uscc(99)),
        # The county's own judge: inside the sub-tree, without review_rebates.
        "judge": auth("cadre", org_scope_paths=[org_paths.county], permissions=["judge"]),
    }
    routes = id_routes(app)
    known = bodies(scene)
    assert len(routes) >= 17  # the walk found the routes (it would pass vacuously otherwise)
    missing = [(m, p) for m, p, takes in routes if takes and (m, p) not in known]
    assert not missing, f"give these routes a body above: {missing}"
    unknown = {name for _, p, _ in routes for name in re.findall(r"\{(\w+)\}", p)} - {
        *scene,
        "case_id",
    }
    assert not unknown, f"give the scene an object for these ids: {unknown}"

    def request(method: str, template: str, takes_body: bool) -> dict[str, Any]:
        body = known[(method, template)] if takes_body else None
        if body == "upload":
            return {"files": {"file": ("walk.csv", scene["fee_file"], "text/csv")}}
        return {"json": body} if body is not None else {}

    leaks = []
    for method, template, takes_body in routes:
        path = path_of(method, template, scene)
        for name, headers in callers.items():
            response = await client.request(
                method, path, headers=headers, **request(method, template, takes_body)
            )
            assert "validation-failed" not in response.text, (method, template, response.text)
            if response.is_success and (method, template) not in ALLOWED[name]:
                leaks.append((name, method, template, response.status_code))
    assert leaks == [], f"answered 2xx where they should not: {leaks}"

    # The objects are real and unchanged: the county's reviewer (an admin where only admins
    # act) makes every call the walk made, and each succeeds.
    entitled = {"admin": auth("admin"), "county": reviewer(org_paths.county)}
    refused = []
    for method, template, takes_body in routes:
        who = "admin" if (method, template) in ADMIN_ONLY else "county"
        response = await client.request(
            method,
            path_of(method, template, scene),
            headers=entitled[who],
            **request(method, template, takes_body),
        )
        if not response.is_success:
            refused.append((who, method, template, response.status_code, response.text))
    assert refused == []


# Batches and filters: a 2xx naming the county's objects is a leak only if the answer shows
# something of them beyond the ids the caller sent (a bulk review lists what it refused).
READS = {("GET", "/v1/exceptions"), ("POST", "/v1/cases/review")}


def id_requests(scene: dict[str, Any], county_org_id: str) -> dict[tuple[str, str], Any]:
    """For every route with an id in its query string or body, a request naming the
    county's objects there."""
    policy = scene["policy"]
    revised = {
        key: policy[key]
        for key in ("region_prefixes", "period_from", "period_to", "size_classes", "destinations")
    }
    foreign = {
        "excluded_usccs": [scene["uscc"]],
        "bank_rules": [{"region_prefix": "35", "bank_partner_id": scene["partner_id"]}],
        "queue_offices": [{"region_prefix": "350102", "org_id": county_org_id}],
    }
    case = scene["pending_case"]
    return {
        ("POST", "/v1/policies"): {
            "json": {**revised, **foreign, "name": "走查政策", "policy_key": scene["policy_key"]}
        },
        ("PUT", "/v1/policies/{policy_key}"): {"json": {**revised, **foreign, "name": "走查"}},
        ("POST", "/v1/runs"): {
            "json": {"period": "2026-03", "region_prefix": "35", "policy_key": scene["policy_key"]}
        },
        ("POST", "/v1/applications"): {
            "json": {
                "period": "2026-03",
                "contact_name": "林晓",
                "contact_phone": "13800001234",
                "uscc": scene["uscc"],
            }
        },
        ("GET", "/v1/exceptions"): {"params": {"run_id": scene["run_id"]}},
        ("POST", "/v1/cases/review"): {
            "json": {"decision": "approve", "case_ids": [case], "refunds": {case: "2469.12"}}
        },
        ("GET", "/v1/stats"): {
            "params": {"org_id": county_org_id, "from": "2026-01", "to": "2026-12"}
        },
    }


async def test_no_caller_reaches_the_countys_objects_through_a_query_or_body(
    scene: dict[str, Any],
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: Any,
    reviewer: Any,
    org_paths: Any,
    make_uscc: Any,
) -> None:
    """Ids in query strings and bodies, found in the OpenAPI document: the other county's
    reviewer bulk-approves the county's case, an enterprise applies under another's credit
    code, a judge reads a run's queue... and none gets a 2xx it should not."""
    callers = {
        "other_county": reviewer(org_paths.other_county),
        "member": auth("member", person_id=str(uuid.uuid4())),
        "enterprise": auth("enterprise", enterprise_scope=make_uscc(99)),
        "judge": auth("cadre", org_scope_paths=[org_paths.county], permissions=["judge"]),
    }
    county_org_id = str(uuid.UUID(org_paths.county.rsplit(".", 1)[-1]))
    known = id_requests(scene, county_org_id)
    inputs = [i for i in id_inputs(app.openapi()) if not i.path.startswith("/v1/webhooks/")]
    requests = {route: [request] for route, request in known.items()}
    victims = {str(v) for k, v in scene.items() if k not in ("policy", "fee_file")}
    victims.add(county_org_id)
    # A new policy names its own key, not an existing object's.
    unnamed = [
        i
        for i in unfilled(inputs, requests, victims)
        if (i.method, i.path, i.field) != ("POST", "/v1/policies", "policy_key")
    ]
    assert not unnamed, f"name the county's objects in these fields above: {unnamed}"
    leaks = []
    for (method, template), request in known.items():
        path = path_of(method, template, scene)
        for name, headers in callers.items():
            response = await client.request(method, path, headers=headers, **request)
            assert "validation-failed" not in response.text, (method, template, response.text)
            if not response.is_success or (method, template) in ALLOWED[name]:
                continue
            sent = json.dumps(request)
            shown = any(v in response.text and v not in sent for v in victims)
            if shown or (method, template) not in READS:
                leaks.append((name, method, template, response.status_code, response.text[:200]))
    assert leaks == [], f"answered 2xx where they should not: {leaks}"
    # The organisation probe is real: the county's own reviewer gets the county's statistics.
    own = await client.get(
        "/v1/stats", headers=reviewer(org_paths.county), **known[("GET", "/v1/stats")]
    )
    assert own.status_code == 200, own.text
