"""Application mode (issue 10, point 6), each rule tried by whoever would break it: an
enterprise applying for another's credit code, for a period the policy refunds without
applying, outside the policy's window or region, while unregistered or too large, or twice;
a cadre of another county reading an application. The happy path ends paid to the account the
applicant named, with the reconciliation empty.

Enterprise 1 paid 2469.12 for March 2026 in Gulou district (350102), inside county C."""

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rebate.applications.models import Application, account_no_field
from rebate.cases.models import RebateCase
from rebate.payouts.models import Payout
from rebate.reconciliation.service import reconcile

ACCOUNT = {
    "bank": "中国建设银行福州鼓楼支行",
    "account_name": "企业0001",
    "account_no": "6227003899995678",
}
UNION = {
    "bank_name": "中国工商银行福州分行",
    "account_name": "企业工会委员会",
    "account_no": "6222021200000001",
}


@pytest.fixture
async def march_fee(push: Any, tax_partner: Any, fee_record: Any) -> None:
    """Enterprise 1's March fee, delivered by the tax partner."""
    assert (await push(tax_partner, [fee_record(1)])).json()["accepted"] == 1


async def count(session: AsyncSession, model: type[Any]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def assert_nothing_kept(session: AsyncSession) -> None:
    assert (await count(session, Application), await count(session, RebateCase)) == (0, 0)


async def test_an_enterprise_cannot_apply_for_another_credit_code(
    apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    auth: Any,
    session: AsyncSession,
) -> None:
    membership.add_enterprise(make_uscc(1))
    # Enterprise 2's account names enterprise 1's credit code.
    stolen = await apply(enterprise(2), uscc=make_uscc(1), destination=ACCOUNT)
    assert (stolen.status_code, stolen.json()["type"]) == (
        403,
        "urn:gonghui:problem:not-your-enterprise",
    )
    # Neither may a cadre or an enterprise account without a credit code apply at all.
    cadre = auth("cadre", org_scope_paths=["a" * 32], permissions=["review_rebates"])
    assert (await apply(cadre, uscc=make_uscc(1))).status_code == 403
    assert (await apply(auth("enterprise"))).status_code == 403
    await assert_nothing_kept(session)


async def test_under_an_automatic_policy_there_is_nothing_to_apply_for(
    policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    session: AsyncSession,
) -> None:
    membership.add_enterprise(make_uscc(1))
    refused = await apply(enterprise(1))
    assert (refused.status_code, refused.json()["type"]) == (
        422,
        "urn:gonghui:problem:automatic-policy",
    )
    assert "without an application" in refused.json()["detail"]
    await assert_nothing_kept(session)


async def test_a_period_outside_the_policy_window_is_refused_with_the_reason(
    apply_policy: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    session: AsyncSession,
) -> None:
    # The policy covers January to June; the enterprise applies for September.
    await push(tax_partner, [fee_record(1, period="2026-09")])
    membership.add_enterprise(make_uscc(1))
    refused = await apply(enterprise(1), period="2026-09")
    assert (refused.status_code, refused.json()["type"]) == (
        422,
        "urn:gonghui:problem:outside-policy",
    )
    assert "2026-09 is outside" in refused.json()["detail"]
    await assert_nothing_kept(session)


async def test_a_region_outside_the_policy_is_refused_with_the_reason(
    client: httpx.AsyncClient,
    auth: Any,
    apply_policy: Any,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    session: AsyncSession,
) -> None:
    # The policy is Fujian's (35); the fee was paid in Hangzhou (330106), and reported by a
    # partner registered for both provinces.
    await client.patch(
        f"/v1/partners/{tax_partner.id}",
        json={"region_prefixes": ["35", "33"]},
        headers=auth("admin"),
    )
    await push(tax_partner, [fee_record(1, region_code="330106")])
    membership.add_enterprise(make_uscc(1))
    refused = await apply(enterprise(1))
    assert (refused.status_code, refused.json()["type"]) == (
        422,
        "urn:gonghui:problem:outside-policy",
    )
    assert "region 330106" in refused.json()["detail"]
    await assert_nothing_kept(session)


async def test_no_fee_records_of_the_period_is_refused(
    apply_policy: Any, membership: Any, make_uscc: Any, enterprise: Any, apply: Any
) -> None:
    membership.add_enterprise(make_uscc(1))
    refused = await apply(enterprise(1))
    assert (refused.status_code, refused.json()["type"]) == (
        422,
        "urn:gonghui:problem:no-fee-records",
    )


@pytest.mark.parametrize(
    ("registered", "detail"),
    [
        (None, "not in the union register"),
        ({"size_class": "large"}, "A large enterprise"),
        ({"needs_review": True}, "flags the credit code"),
    ],
)
async def test_an_unmatched_or_ineligible_enterprise_is_refused_with_the_reason(
    registered: dict[str, Any] | None,
    detail: str,
    apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    session: AsyncSession,
) -> None:
    if registered is not None:
        membership.add_enterprise(make_uscc(1), **registered)
    refused = await apply(enterprise(1))
    assert (refused.status_code, refused.json()["type"]) == (
        422,
        "urn:gonghui:problem:not-eligible",
    )
    assert detail in refused.json()["detail"]
    await assert_nothing_kept(session)


async def test_an_excluded_enterprise_is_refused(
    make_apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
) -> None:
    await make_apply_policy(excluded_usccs=[make_uscc(1)])
    membership.add_enterprise(make_uscc(1))
    refused = await apply(enterprise(1))
    assert (refused.status_code, refused.json()["detail"]) == (422, "Excluded by the policy")


async def test_a_second_application_for_the_period_is_a_conflict(
    apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    client: httpx.AsyncClient,
    session: AsyncSession,
) -> None:
    membership.add_enterprise(make_uscc(1))
    keyed = {**enterprise(1), "Idempotency-Key": "apply-2026-03"}
    first = await apply(keyed)
    assert first.status_code == 201, first.text
    # A retry under the same Idempotency-Key answers the first application.
    retried = await apply(keyed)
    assert (retried.status_code, retried.json()) == (201, first.json())
    assert retried.headers["idempotent-replayed"] == "true"
    # Another application for the period (another key, another contact) is refused.
    for headers in (enterprise(1), {**enterprise(1), "Idempotency-Key": "again"}):
        again = await apply(headers, contact_phone="13900005678")
        assert (again.status_code, again.json()["type"]) == (
            409,
            "urn:gonghui:problem:application-exists",
        )
    assert (await count(session, Application), await count(session, RebateCase)) == (1, 1)


async def test_a_cadre_of_another_county_cannot_read_an_application(
    apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    client: httpx.AsyncClient,
    reviewer: Any,
    org_paths: Any,
) -> None:
    membership.add_enterprise(make_uscc(1), org_path=org_paths.county)
    application = (await apply(enterprise(1), destination=ACCOUNT)).json()
    path = f"/v1/applications/{application['id']}"

    other_county = reviewer(org_paths.other_county)
    unknown = await client.get(f"/v1/applications/{uuid.uuid4()}", headers=other_county)
    for outsider in (other_county, enterprise(2)):
        answer = await client.get(path, headers=outsider)
        assert (answer.status_code, answer.json()["type"]) == (404, unknown.json()["type"])
        listed = await client.get("/v1/applications", headers=outsider)
        assert listed.json() == []
    # The county's own cadres, those above them, and the enterprise itself see it.
    for insider in (reviewer(org_paths.county), reviewer(org_paths.province), enterprise(1)):
        assert (await client.get(path, headers=insider)).json()["id"] == application["id"]
        listed = await client.get("/v1/applications", headers=insider)
        assert [a["id"] for a in listed.json()] == [application["id"]]


async def test_phone_and_account_are_encrypted_and_masked_in_every_answer(
    apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    client: httpx.AsyncClient,
    auth: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    membership.add_enterprise(make_uscc(1))
    created = await apply(enterprise(1), destination=ACCOUNT)
    assert created.status_code == 201, created.text
    application = created.json()
    answers = [
        created,
        await client.get(f"/v1/applications/{application['id']}", headers=enterprise(1)),
        await client.get("/v1/applications", headers=auth("admin")),
        await client.get(f"/v1/cases/{application['case_id']}/audit", headers=auth("admin")),
    ]
    for answer in answers:
        assert "13800001234" not in answer.text
        assert "6227003899995678" not in answer.text
    assert application["contact_phone_masked"] == "138****1234"
    assert application["destination"] == {
        "bank": ACCOUNT["bank"],
        "account_name": ACCOUNT["account_name"],
        "account_no_masked": "************5678",
    }
    stored = await session.get(Application, uuid.UUID(application["id"]))
    assert stored is not None
    assert stored.account_no_enc is not None
    assert b"13800001234" not in stored.contact_phone_enc
    assert b"6227003899995678" not in stored.account_no_enc
    number = app.state.pii.decrypt(account_no_field(stored.id), stored.account_no_enc)
    assert number == ACCOUNT["account_no"]


async def test_an_application_is_reviewed_approved_and_paid_to_the_applicants_account(
    apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    client: httpx.AsyncClient,
    reviewer: Any,
    org_paths: Any,
    bank: Any,
    bank_answer: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    # The enterprise union has an account of its own; the applicant asks for another.
    membership.add_enterprise(make_uscc(1), account=UNION, org_path=org_paths.county)
    created = await apply(enterprise(1), destination=ACCOUNT)
    assert created.status_code == 201, created.text
    application = created.json()
    assert (application["state"], application["refund"]) == ("pending_review", "2469.12")

    cadre = reviewer(org_paths.county)
    case = (await client.get(f"/v1/cases/{application['case_id']}", headers=cadre)).json()
    assert (case["source"], case["status"]) == ("application", "pending_review")
    approved = await client.post(
        f"/v1/cases/{case['id']}/review",
        json={"decision": "approve", "refund": case["refund"]},
        headers=cadre,
    )
    assert approved.json()["status"] == "instructed", approved.text

    [payout] = await session.scalars(select(Payout).where(Payout.case_id == uuid.UUID(case["id"])))
    assert (payout.destination, payout.bank_name, payout.account_no_masked) == (
        "applicant_account",
        ACCOUNT["bank"],
        "************5678",
    )
    paid = await bank_answer("payout.paid", payout.idempotency_key)
    assert paid.status_code == 200, paid.text

    state = await client.get(f"/v1/applications/{application['id']}", headers=enterprise(1))
    assert state.json()["state"] == "paid"
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations


async def test_without_an_account_of_its_own_the_policys_destinations_apply(
    apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    client: httpx.AsyncClient,
    auth: Any,
    bank: Any,
    session: AsyncSession,
) -> None:
    membership.add_enterprise(make_uscc(1), account=UNION)
    application = (await apply(enterprise(1))).json()
    approved = await client.post(
        f"/v1/cases/{application['case_id']}/review",
        json={"decision": "approve", "refund": application["refund"]},
        headers=auth("admin"),
    )
    assert approved.json()["status"] == "instructed", approved.text
    [payout] = await session.scalars(
        select(Payout).where(Payout.case_id == uuid.UUID(application["case_id"]))
    )
    assert (payout.destination, payout.account_no_masked) == ("union_account", "************0001")


async def test_an_admin_applying_for_an_enterprise_may_not_name_the_account(
    apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    apply: Any,
    auth: Any,
    session: AsyncSession,
) -> None:
    """One person could otherwise send any enterprise's refund to an account of their own."""
    membership.add_enterprise(make_uscc(1), account=UNION)
    redirected = await apply(auth("admin"), uscc=make_uscc(1), destination=ACCOUNT)
    assert (redirected.status_code, redirected.json()["type"]) == (
        403,
        "urn:gonghui:problem:account-named-by-others",
    )
    await assert_nothing_kept(session)
    on_behalf = await apply(auth("admin"), uscc=make_uscc(1))
    assert (on_behalf.status_code, on_behalf.json()["destination"]) == (201, None)


async def review(
    client: httpx.AsyncClient, case_id: str, headers: dict[str, str], **decision: Any
) -> dict[str, Any]:
    if decision.get("decision") == "approve":
        seen = (await client.get(f"/v1/cases/{case_id}", headers=headers)).json()
        decision["refund"] = seen["refund"]
    answer = await client.post(f"/v1/cases/{case_id}/review", json=decision, headers=headers)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def payouts_of(session: AsyncSession, case_id: str) -> list[Payout]:
    query = select(Payout).where(Payout.case_id == uuid.UUID(case_id)).order_by(Payout.attempt)
    return list(await session.scalars(query.execution_options(populate_existing=True)))


async def test_a_named_account_is_never_paid_once_its_case_was_rejected(
    apply_policy: Any,
    march_fee: None,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    client: httpx.AsyncClient,
    reviewer: Any,
    org_paths: Any,
    bank: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    # Someone holding the enterprise's login names an account of their own; the reviewer
    # refuses the case for it. Reopened later, the case is paid where the policy says.
    membership.add_enterprise(make_uscc(1), account=UNION, org_path=org_paths.county)
    application = (await apply(enterprise(1), destination=ACCOUNT)).json()
    cadre = reviewer(org_paths.county)
    refused = await review(
        client, application["case_id"], cadre, decision="reject", reason="收款账户非本企业"
    )
    assert refused["status"] == "rejected"
    reopened = await client.post(
        f"/v1/cases/{application['case_id']}/reopen",
        json={"reason": "企业工会确认申请，账户作废"},
        headers=cadre,
    )
    assert reopened.json()["status"] == "pending_review", reopened.text
    approved = await review(client, application["case_id"], cadre, decision="approve")
    assert approved["status"] == "instructed"

    [payout] = await payouts_of(session, application["case_id"])
    assert (payout.destination, payout.account_no_masked) == ("union_account", "************0001")
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations


async def test_a_named_account_pays_its_own_case_only_not_a_supplementary_or_later_one(
    apply_policy: Any,
    march_fee: None,
    push: Any,
    tax_partner: Any,
    fee_record: Any,
    membership: Any,
    make_uscc: Any,
    enterprise: Any,
    apply: Any,
    client: httpx.AsyncClient,
    reviewer: Any,
    org_paths: Any,
    bank: Any,
    bank_answer: Any,
    session: AsyncSession,
    app: FastAPI,
) -> None:
    membership.add_enterprise(make_uscc(1), account=UNION, org_path=org_paths.county)
    cadre = reviewer(org_paths.county)
    march = (await apply(enterprise(1), destination=ACCOUNT)).json()
    await review(client, march["case_id"], cadre, decision="approve")
    [named] = await payouts_of(session, march["case_id"])
    assert named.destination == "applicant_account"
    assert (await bank_answer("payout.paid", named.idempotency_key)).status_code == 200

    # A late March payment: a supplementary case of its own, paid where the policy says.
    late = fee_record(1, record_id="TAX-2026-03-LATE", fee_amount="1000.00")
    assert (await push(tax_partner, [late])).json()["accepted"] == 1
    cases = (await client.get("/v1/cases", headers=cadre)).json()["items"]
    [supplementary] = [c for c in cases if c["source"] == "supplementary"]
    await review(client, supplementary["id"], cadre, decision="approve")
    [topped_up] = await payouts_of(session, supplementary["id"])
    assert (topped_up.destination, topped_up.account_no_masked) == (
        "union_account",
        "************0001",
    )

    # April's application names no account: March's is not used.
    april_fee = fee_record(1, record_id="TAX-2026-04-000001", period="2026-04")
    assert (await push(tax_partner, [april_fee])).json()["accepted"] == 1
    april = await apply(enterprise(1), period="2026-04")
    assert april.status_code == 201, april.text
    await review(client, april.json()["case_id"], cadre, decision="approve")
    [april_payout] = await payouts_of(session, april.json()["case_id"])
    assert april_payout.destination == "union_account"
    found = await reconcile(session, None, app.state.audit_signer)
    assert found.violations == [], found.violations
