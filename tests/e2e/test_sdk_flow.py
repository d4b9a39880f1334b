"""The generated Python SDK (sdk/python, `make sdk`) against the real suite through the
gateway, calling nothing but the clients' functions: a worker joins through a QR invitation and
a cadre approves; a tax partner's signed fee records become a case that one cadre reviews and
another person approves, the bank is instructed, answers paid, and the case is paid. On the way
the callers who should fail do: another county's cadre, the reviewer approving their own
review, a bank answer signed with another partner's secret."""

import json
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

import httpx
import pytest
from gonghui_membership_client import AuthenticatedClient as MembershipAuthenticated
from gonghui_membership_client import Client as MembershipClient
from gonghui_membership_client.api.accounts import identity_create_account
from gonghui_membership_client.api.auth import identity_issue_token
from gonghui_membership_client.api.enterprises import enterprises_create
from gonghui_membership_client.api.joining import (
    joining_create_invitation,
    joining_join,
    joining_join_info,
)
from gonghui_membership_client.api.members import members_approve, members_list
from gonghui_membership_client.api.organisations import orgs_create
from gonghui_membership_client.models import (
    AccountCreate,
    AccountCreatePermissionsItem,
    AccountCreateRolesItem,
    BodyIdentityIssueToken,
    EmploymentForm,
    EnterpriseCreate,
    InvitationCreate,
    JoinRequest,
    MemberState,
    OrgCreate,
    OrgKind,
    OrgLevel,
    SizeClass,
)
from gonghui_rebate_client import AuthenticatedClient as RebateAuthenticated
from gonghui_rebate_client import Client as RebateClient
from gonghui_rebate_client.api.cases import cases_list, cases_read, cases_review
from gonghui_rebate_client.api.partners import partners_create
from gonghui_rebate_client.api.policies import policies_create_policy
from gonghui_rebate_client.api.runs import runs_read, runs_start
from gonghui_rebate_client.api.webhooks import fees_receive_records, payouts_receive_bank_callback
from gonghui_rebate_client.models import (
    BankCallback,
    BankCallbackData,
    BankCallbackType,
    BankRule,
    CaseStatus,
    Destination,
    FeeRecordedEvent,
    FeeRecordIn,
    FeeRecords,
    PartnerCreate,
    PartnerKind,
    PayerAccountIn,
    PolicyCreate,
    PolicyCreateReviewSteps,
    ReviewDecision,
    ReviewIn,
    RunCreate,
    RunStatus,
)
from gonghui_rebate_client.types import Response
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from localrun.stack import Stack
from membership.enterprises.uscc import check_character
from membership.people.id_numbers import check_digit

pytestmark = pytest.mark.xdist_group("e2e")

REGION = "350105"  # 福州市马尾区: no other end-to-end test uses it
PERIOD = "2031-07"
PASSWORD = "sdk-e2e-password-0001"
T = TypeVar("T")


def answer(response: Response[Any], status: int) -> Any:
    assert response.status_code == status, response.content
    return response.parsed


def refused(response: Response[Any], status: int) -> None:
    assert response.status_code == status, response.content
    assert json.loads(response.content)["status"] == status  # a problem, as documented


def standard_webhooks(secret: str) -> Callable[[httpx.Request], None]:
    """An httpx hook that signs each request over the exact bytes it sends, as a partner's
    system does (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)."""
    signer = Webhook(secret)

    def sign(request: httpx.Request) -> None:
        msg_id, now = f"msg_{uuid.uuid4().hex}", datetime.now(UTC)
        request.headers["webhook-id"] = msg_id
        request.headers["webhook-timestamp"] = str(int(now.timestamp()))
        request.headers["webhook-signature"] = signer.sign(msg_id, now, request.content.decode())

    return sign


class BankInbox:
    """The bank's side: takes payout instructions whose signature verifies with its secret."""

    def __init__(self) -> None:
        self.secret = ""
        self.instructions: queue.Queue[dict[str, Any]] = queue.Queue()
        inbox = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                try:
                    Webhook(inbox.secret).verify(body, dict(self.headers.items()))
                except WebhookVerificationError:
                    self.send_response(401)
                else:
                    inbox.instructions.put(json.loads(body))
                    self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/payouts"


@pytest.fixture
def bank_inbox() -> Iterator[BankInbox]:
    inbox = BankInbox()
    yield inbox
    inbox.server.shutdown()
    inbox.server.server_close()


def sign_in(gateway_url: str, username: str, password: str) -> str:
    with MembershipClient(base_url=f"{gateway_url}/membership") as public:
        token = identity_issue_token.sync_detailed(
            client=public,
            body=BodyIdentityIssueToken(
                grant_type="password", username=username, password=password
            ),
        )
    access_token: str = answer(token, 200).access_token
    return access_token


def cadre(admin: MembershipAuthenticated, gateway_url: str, org_id: uuid.UUID) -> str:
    username = f"sdk.cadre.{uuid.uuid4().hex[:8]}"
    created = identity_create_account.sync_detailed(
        client=admin,
        body=AccountCreate(
            username=username,
            password=PASSWORD,
            display_name="马尾区总工会干部",
            roles=[AccountCreateRolesItem.CADRE],
            org_scope=[str(org_id)],
            permissions=[
                AccountCreatePermissionsItem.MANAGE_MEMBERS,
                AccountCreatePermissionsItem.REVIEW_JOINS,
                AccountCreatePermissionsItem.REVIEW_REBATES,
            ],
        ),
    )
    answer(created, 201)
    return sign_in(gateway_url, username, PASSWORD)


def county(admin: MembershipAuthenticated, name: str, region: str) -> uuid.UUID:
    org = orgs_create.sync_detailed(
        client=admin,
        body=OrgCreate(
            name=name, kind=OrgKind.FEDERATION, level=OrgLevel.COUNTY, region_code=region
        ),
    )
    org_id: uuid.UUID = answer(org, 201).id
    return org_id


def eventually(read: Callable[[], T], done: Callable[[T], bool], seconds: float = 30) -> T:
    deadline = time.monotonic() + seconds
    value = read()
    while not done(value) and time.monotonic() < deadline:
        time.sleep(0.2)
        value = read()
    return value


def test_a_join_and_a_rebate_period_through_the_python_sdk(
    stack: Stack, admin_token: str, bank_inbox: BankInbox
) -> None:
    gw = stack.urls["gateway"]
    members = MembershipAuthenticated(base_url=f"{gw}/membership", token=admin_token)
    rebates = RebateAuthenticated(base_url=f"{gw}/rebate", token=admin_token)
    home = county(members, "福州市马尾区总工会", REGION)
    elsewhere = county(members, "福州市长乐区总工会", "350112")
    union = orgs_create.sync_detailed(
        client=members,
        body=OrgCreate(
            name="马尾区快递员工会",
            kind=OrgKind.GRASSROOTS,
            level=OrgLevel.GRASSROOTS,
            region_code=REGION,
            parent_id=home,
            new_form=True,
        ),
    )
    union_id = answer(union, 201).id
    ours = MembershipAuthenticated(base_url=f"{gw}/membership", token=cadre(members, gw, home))
    theirs = MembershipAuthenticated(
        base_url=f"{gw}/membership", token=cadre(members, gw, elsewhere)
    )

    # A courier scans the poster and joins without an account; the cadre approves.
    invitation = joining_create_invitation.sync_detailed(
        union_id, client=ours, body=InvitationCreate(expires_in_hours=72, max_uses=100)
    )
    code = answer(invitation, 201).code
    stranger = MembershipClient(base_url=f"{gw}/membership")
    assert answer(joining_join_info.sync_detailed(code, client=stranger), 200).org_name == (
        "马尾区快递员工会"
    )
    first17 = "35010519920415063"
    joined = joining_join.sync_detailed(
        code,
        client=stranger,
        body=JoinRequest(
            name="林小马",
            id_number=first17 + check_digit(first17),
            phone="13900350105",
            employment_form=EmploymentForm.COURIER,
        ),
    )
    answer(joined, 202)
    queue_page = members_list.sync_detailed(
        client=ours, org_id=union_id, state=[MemberState.APPLIED]
    )
    [applicant] = [m for m in answer(queue_page, 200).items if m.person.name == "林小马"]
    refused(members_approve.sync_detailed(applicant.id, client=theirs), 404)
    refused(members_approve.sync_detailed(applicant.id, client=stranger), 401)
    approved = answer(members_approve.sync_detailed(applicant.id, client=ours), 200)
    assert approved.state == MemberState.ACTIVE

    # A micro enterprise affiliated to the county, a tax partner, a bank, a two-step policy.
    body = f"91{REGION}MA5DK7Q90"
    uscc = body + check_character(body)
    enterprise = enterprises_create.sync_detailed(
        client=members,
        body=EnterpriseCreate(
            uscc=uscc,
            name="福州马尾某某物流有限公司",
            region_code=REGION,
            size_class=SizeClass.MICRO,
            affiliated_org_id=home,
        ),
    )
    answer(enterprise, 201)
    tax = answer(
        partners_create.sync_detailed(
            client=rebates,
            body=PartnerCreate(
                name="国家税务总局福州市马尾区税务局",
                kind=PartnerKind.TAX,
                region_prefixes=[REGION],
            ),
        ),
        201,
    )
    bank = answer(
        partners_create.sync_detailed(
            client=rebates,
            body=PartnerCreate(
                name="马尾农商银行", kind=PartnerKind.BANK, webhook_url=bank_inbox.url
            ),
        ),
        201,
    )
    bank_inbox.secret = bank.secret
    policy_key = f"fj-sdk-{uuid.uuid4().hex[:8]}"
    policy = policies_create_policy.sync_detailed(
        client=rebates,
        body=PolicyCreate(
            policy_key=policy_key,
            name="马尾区小微企业工会经费全额返还（两级审核）",
            region_prefixes=[REGION],
            period_from=PERIOD,
            period_to=PERIOD,
            refund_ratio="1.0000",
            destinations=[Destination.PAYER_ACCOUNT],
            review_steps=PolicyCreateReviewSteps.VALUE_2,
            bank_rules=[BankRule(region_prefix=REGION, bank_partner_id=bank.id)],
        ),
    )
    answer(policy, 201)

    # The tax partner pushes a signed fee record; the webhook client signs what it sends.
    record = FeeRecordIn(
        record_id=f"SDK-{uuid.uuid4().hex[:12]}",
        uscc=uscc,
        enterprise_name="福州马尾某某物流有限公司",
        region_code=REGION,
        period=PERIOD,
        payroll_total="123456.50",
        fee_amount="2469.13",
        paid_at=datetime(2031, 8, 12, 9, 30, tzinfo=UTC),
        payer_account=PayerAccountIn(
            bank="中国农业银行福州马尾支行",
            account_no="13150101040012345",
            account_name="福州马尾某某物流有限公司",
        ),
        tax_office="国家税务总局福州市马尾区税务局",
    )
    delivery = FeeRecordedEvent(
        type_="fee.recorded", timestamp=datetime.now(UTC), data=FeeRecords(records=[record])
    )
    signed_by_tax = {"event_hooks": {"request": [standard_webhooks(tax.secret)]}}
    with RebateClient(base_url=f"{gw}/rebate", httpx_args=signed_by_tax) as partner:
        pushed = fees_receive_records.sync_detailed(tax.id, client=partner, body=delivery)
    assert answer(pushed, 200).accepted == 1

    # The run matches the record to the county through membership.
    started = answer(
        runs_start.sync_detailed(
            client=rebates,
            body=RunCreate(period=PERIOD, region_prefix=REGION, policy_key=policy_key),
        ),
        202,
    )
    run = eventually(
        lambda: answer(runs_read.sync_detailed(started.id, client=rebates), 200),
        lambda r: r.status not in (RunStatus.QUEUED, RunStatus.RUNNING),
    )
    assert run.status == RunStatus.DONE, run
    assert run.cases_created == 1

    # The county's cadre reviews; another county's cadre sees nothing; the reviewer cannot
    # also approve; the administrator does.
    reviewer = RebateAuthenticated(base_url=f"{gw}/rebate", token=ours.token)
    outsider = RebateAuthenticated(base_url=f"{gw}/rebate", token=theirs.token)
    page = answer(cases_list.sync_detailed(client=reviewer, period=PERIOD), 200)
    [case] = page.items
    assert (case.uscc, case.refund, case.status) == (uscc, "2469.13", CaseStatus.PENDING_REVIEW)
    refused(cases_read.sync_detailed(case.id, client=outsider), 404)
    seen = ReviewIn(decision=ReviewDecision.APPROVE, refund=case.refund)
    reviewed = answer(cases_review.sync_detailed(case.id, client=reviewer, body=seen), 200)
    assert reviewed.status == CaseStatus.PENDING_APPROVAL
    refused(cases_review.sync_detailed(case.id, client=reviewer, body=seen), 403)
    approved_case = answer(cases_review.sync_detailed(case.id, client=rebates, body=seen), 200)
    assert approved_case.status in (CaseStatus.APPROVED, CaseStatus.INSTRUCTED)

    # The bank receives the signed instruction and answers; only its own signature counts.
    instruction = bank_inbox.instructions.get(timeout=30)
    assert instruction["type"] == "payout.instructed"
    data = instruction["data"]
    assert (data["amount"], data["account"]["account_no"]) == ("2469.13", "13150101040012345")
    paid = BankCallback(
        type_=BankCallbackType.PAYOUT_PAID,
        timestamp=datetime.now(UTC),
        data=BankCallbackData(idempotency_key=data["idempotency_key"], bank_reference="MWRC0001"),
    )
    with RebateClient(base_url=f"{gw}/rebate", httpx_args=signed_by_tax) as impostor:
        forged = payouts_receive_bank_callback.sync_detailed(bank.id, client=impostor, body=paid)
    refused(forged, 401)
    assert answer(cases_read.sync_detailed(case.id, client=rebates), 200).status != CaseStatus.PAID
    signed_by_bank = {"event_hooks": {"request": [standard_webhooks(bank.secret)]}}
    with RebateClient(base_url=f"{gw}/rebate", httpx_args=signed_by_bank) as bank_client:
        answered = payouts_receive_bank_callback.sync_detailed(
            bank.id, client=bank_client, body=paid
        )
    answer(answered, 200)

    settled = eventually(
        lambda: answer(cases_read.sync_detailed(case.id, client=reviewer), 200),
        lambda c: c.status == CaseStatus.PAID,
    )
    assert settled.status == CaseStatus.PAID
