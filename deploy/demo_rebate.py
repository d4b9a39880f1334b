"""`make demo-rebate`: one period of union-fee rebates (免申即享) from import to paid, through
the gateway of a running `make run` suite. The script plays both partners:

1. the tax partner pushes signed fee records for the enterprises of 杭州市余杭区;
2. an automatic run matches them to their federation through membership;
3. an administrator approves the cases; each approval becomes a payout instruction;
4. the bank (a local HTTP server of this script) receives the signed instructions and answers
   with signed callbacks: the first union-account payout `failed`, so the service moves on to
   the next destination of the policy (the account the fee was paid from), every other `paid`;
5. the tax partner receives a signed `rebate.paid` notice per case, and the ledger balances;
6. after payment: the tax partner corrects one fee downwards (the enterprise now owes the
   difference back, a receivable) and reports a late payment of another enterprise (a
   supplementary case, reviewed and paid); the bank then contradicts itself, reporting the
   payout it failed as paid after all (kept, queued for a person, and the double payment
   becomes a receivable); the reconciliation of the period lists no violation;
7. a period under an application policy (the same month of 2027): a run is refused, the
   enterprise applies with its contact and an account of its own, and its application becomes
   a case that is reviewed and paid to that account; the reconciliation is empty again.

The partners are the ones `make run` seeded. Their webhook secrets are read from
DEMO_TAX_SECRET / DEMO_BANK_SECRET when set (`make run` prints them); otherwise the script
rotates them through the admin API to learn a current one (the previous secret keeps working
for the grace period). Their webhook URLs point at this script while it runs and are put back
afterwards.

    make demo-rebate        GATEWAY_PORT (8000), PERIOD (first free of 2026-09..12), DEMO_TIMEOUT
"""

import json
import os
import queue
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from membership.seed import demo_uscc
from rebate.seed import BANK_PARTNER, POLICY_KEY, TAX_PARTNER
from servicekit import webhooks
from servicekit.pii import mask_account_number

ROOT = Path(__file__).resolve().parents[1]
REGION = "330110"  # 杭州市余杭区, as the membership seed made it
SERIALS = range(1, 70)  # the seed's enterprises there
PERIODS = ("2026-09", "2026-10", "2026-11", "2026-12")
FAIL_REASON = "收款账户状态异常（演示）"
APPLICATION_POLICY = "zj-2027-apply"


class DemoError(Exception):
    pass


def say(step: str, text: str) -> None:
    print(f"[{step:>6}] {text}" if step else f"{'':9}{text}", flush=True)


def money(value: Decimal | int | str) -> str:
    return f"{Decimal(value):,.2f}"


def dev_secret(name: str) -> str:
    if os.environ.get(name):
        return os.environ[name]
    path = ROOT / ".data" / "secrets.env"
    if path.exists():
        for line in path.read_text().splitlines():
            key, sep, value = line.partition("=")
            if sep and key.strip() == name:
                return value.strip()
    raise DemoError(f"{name} is neither set nor in {path}; start the suite with `make run`")


@dataclass
class Partner:
    id: str
    name: str
    secret: str
    webhook_url: str | None


class Inbox:
    """The partners' side: a local HTTP server that verifies each signed delivery."""

    def __init__(self, secrets: dict[str, str]) -> None:
        self.received: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
        inbox = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    webhooks.verify([secrets.get(self.path, "")], headers, body)
                except (webhooks.WebhookVerificationError, ValueError) as exc:
                    say("inbox", f"refused a delivery to {self.path}: {exc}")
                    self.send_response(401)
                    self.end_headers()
                    return
                inbox.received.put((self.path, json.loads(body)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def next(self, deadline: float) -> tuple[str, dict[str, Any]]:
        try:
            return self.received.get(timeout=max(deadline - time.monotonic(), 0.1))
        except queue.Empty:
            raise DemoError("timed out waiting for a delivery from the rebate service") from None

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Demo:
    def __init__(self, api: httpx.Client, deadline: float) -> None:
        self.api = api
        self.deadline = deadline
        self.admin: dict[str, str] = {}

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {**self.admin, **kwargs.pop("headers", {})}
        response = self.api.request(method, path, headers=headers, **kwargs)
        if response.status_code >= 400:
            raise DemoError(f"{method} {path} answered {response.status_code}: {response.text}")
        return response.json() if response.content else None

    def sign_in(self) -> None:
        username = os.environ.get("BOOTSTRAP_ADMIN_USERNAME", "admin")
        token = self.call(
            "POST",
            "/membership/v1/auth/token",
            data={
                "grant_type": "password",
                "username": username,
                "password": dev_secret("BOOTSTRAP_ADMIN_PASSWORD"),
            },
        )
        self.admin = {"Authorization": f"Bearer {token['access_token']}"}
        say("login", f"signed in as {username}")

    def enterprise_account(self, uscc: str, name: str) -> dict[str, str]:
        """A sign-in of the enterprise's own (made here, once per demo: user names are
        unique), and the headers of its token."""
        username, password = f"ent-{uscc.lower()}-{uuid.uuid4().hex[:6]}", uuid.uuid4().hex
        self.call(
            "POST",
            "/membership/v1/accounts",
            json={
                "username": username,
                "password": password,
                "display_name": name,
                "roles": ["enterprise"],
                "enterprise_scope": uscc,
            },
        )
        # Without the admin's token: a sign-in like any other.
        token = self.api.post(
            "/membership/v1/auth/token",
            data={"grant_type": "password", "username": username, "password": password},
        )
        if token.status_code != 200:
            raise DemoError(f"the enterprise could not sign in: {token.text}")
        say("login", f"{name} signed in with an enterprise account of its own")
        return {"Authorization": f"Bearer {token.json()['access_token']}"}

    def partner(self, name: str, kind: str, env: str, regions: list[str] | None = None) -> Partner:
        found = [p for p in self.call("GET", "/rebate/v1/partners") if p["name"] == name]
        if not found:
            created = self.call(
                "POST",
                "/rebate/v1/partners",
                json={"name": name, "kind": kind, "region_prefixes": regions or []},
            )
            say("setup", f"{kind} partner {name} created (the seed had not made it)")
            return Partner(created["id"], name, created["secret"], None)
        partner = found[0]
        secret = os.environ.get(env)
        if not secret:
            secret = self.call("POST", f"/rebate/v1/partners/{partner['id']}/rotate-secret")[
                "secret"
            ]
            say("setup", f"{kind} partner {name}: secret rotated ({env} was not set)")
        return Partner(partner["id"], name, secret, partner["webhook_url"])

    def point(self, partner: Partner, url: str | None) -> None:
        self.call("PATCH", f"/rebate/v1/partners/{partner.id}", json={"webhook_url": url})

    def policy(self) -> str:
        if any(p["policy_key"] == POLICY_KEY for p in self.call("GET", "/rebate/v1/policies")):
            return POLICY_KEY
        self.call(
            "POST",
            "/rebate/v1/policies",
            json={
                "policy_key": POLICY_KEY,
                "name": "浙江省小微企业工会经费全额返还",
                "region_prefixes": ["33"],
                "period_from": "2025-01",
                "period_to": "2026-12",
                "destinations": ["union_account", "payer_account"],
            },
        )
        say("setup", f"policy {POLICY_KEY} created (the seed had not made it)")
        return POLICY_KEY

    def enterprises(self) -> list[dict[str, Any]]:
        usccs = [demo_uscc(serial, REGION) for serial in SERIALS]
        found: list[dict[str, Any]] = self.call(
            "POST", "/membership/v1/enterprises/lookup", json={"usccs": usccs}
        )["found"]
        if not found:
            raise DemoError("membership has none of the demo enterprises; run `make run` first")
        return sorted(found, key=lambda e: e["uscc"])

    def cases(self, period: str, status: str | None = None) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        params: dict[str, Any] = {"period": period, "limit": 200}
        if status:
            params["status"] = status
        while True:
            page = self.call("GET", "/rebate/v1/cases", params=params)
            items += page["items"]
            if not page["next_cursor"]:
                return items
            params["cursor"] = page["next_cursor"]

    def free_period(self) -> str:
        if os.environ.get("PERIOD"):
            return os.environ["PERIOD"]
        for period in PERIODS:
            if not self.call("GET", "/rebate/v1/cases", params={"period": period, "limit": 1})[
                "items"
            ]:
                return period
        raise DemoError(f"{', '.join(PERIODS)} all have cases; set PERIOD or `make clean-data`")

    def signed_post(self, path: str, secret: str, body: dict[str, Any]) -> Any:
        content = json.dumps(body, ensure_ascii=False).encode()
        headers = webhooks.signed_headers(secret, f"msg_{uuid.uuid4().hex}", content)
        headers["content-type"] = "application/json"
        return self.call("POST", path, content=content, headers=headers)


def fee_records(enterprises: list[dict[str, Any]], period: str) -> list[dict[str, Any]]:
    """What the tax system knows: payroll, the 2% union fee, and the account it came from."""
    year, month = map(int, period.split("-"))
    paid_at = datetime(year + month // 12, month % 12 + 1, 15, 10).isoformat() + "+08:00"
    records = []
    for n, enterprise in enumerate(enterprises, start=1):
        payroll = Decimal(60_000 + 1_375 * n).quantize(Decimal("0.01"))
        records.append(
            {
                "record_id": f"ZJ-YH-{period}-{n:03d}",
                "uscc": enterprise["uscc"],
                "enterprise_name": enterprise["name"],
                "region_code": REGION,
                "period": period,
                "payroll_total": str(payroll),
                "fee_amount": str((payroll * Decimal("0.02")).quantize(Decimal("0.01"))),
                "paid_at": paid_at,
                "payer_account": {
                    "bank": "中国农业银行杭州余杭支行",
                    "account_no": f"19030201040{n:07d}",
                    "account_name": enterprise["name"],
                },
                "tax_office": "国家税务总局杭州市余杭区税务局",
            }
        )
    return records


def run(demo: Demo) -> None:
    demo.sign_in()
    tax = demo.partner(TAX_PARTNER, "tax", "DEMO_TAX_SECRET", regions=["33"])
    bank = demo.partner(BANK_PARTNER, "bank", "DEMO_BANK_SECRET")
    inbox = Inbox({"/tax": tax.secret, "/bank": bank.secret})
    try:
        demo.point(tax, inbox.url("/tax"))
        demo.point(bank, inbox.url("/bank"))
        say("setup", f"the partners' webhooks point at this script: {inbox.url('/bank')}, /tax")
        walk(demo, inbox, tax, bank)
    finally:
        demo.point(tax, tax.webhook_url)
        demo.point(bank, bank.webhook_url)
        inbox.close()


def walk(demo: Demo, inbox: Inbox, tax: Partner, bank: Partner) -> None:
    policy_key = demo.policy()
    enterprises = demo.enterprises()
    period = demo.free_period()

    records = fee_records(enterprises, period)
    pushed = demo.signed_post(
        f"/rebate/v1/webhooks/tax/{tax.id}",
        tax.secret,
        {
            "type": "fee.recorded",
            "timestamp": datetime.now(UTC).isoformat(),
            "data": {"records": records},
        },
    )
    collected = sum(Decimal(r["fee_amount"]) for r in records)
    say(
        "import",
        f"{tax.name} pushed {len(records)} signed fee records for {period}, "
        f"{money(collected)} yuan: {pushed['accepted']} accepted, "
        f"{pushed['duplicates']} already known, {len(pushed['rejected'])} rejected",
    )

    started = demo.call(
        "POST",
        "/rebate/v1/runs",
        json={"period": period, "region_prefix": REGION, "policy_key": policy_key},
    )
    report = started
    while report["status"] in ("queued", "running"):
        if time.monotonic() > demo.deadline:
            raise DemoError("the run did not finish in time")
        time.sleep(0.3)
        report = demo.call("GET", f"/rebate/v1/runs/{started['id']}")
    if report["status"] != "done":
        raise DemoError(f"the run failed: {report['failure']}")
    say(
        "run",
        f"run {report['id'][:8]}: {report['enterprises_total']} enterprises, "
        f"{report['cases_created']} cases, {report['queued']} to the exception queue "
        "(not small or micro)",
    )

    pending = demo.cases(period, "pending_review")
    for case in pending:
        decision = {"decision": "approve", "refund": case["refund"]}
        demo.call("POST", f"/rebate/v1/cases/{case['id']}/review", json=decision)
    refund = sum(Decimal(c["refund"]) for c in pending)
    say("review", f"{len(pending)} cases approved, {money(refund)} yuan to refund")
    by_uscc = {c["uscc"]: c for c in pending}

    # A refund wholly set off against what the enterprise owes back is paid without a payout.
    instructed = len(demo.cases(period, "instructed"))
    if instructed < len(pending):
        say(
            "review",
            f"{len(pending) - instructed} paid at once by set-off of an earlier receivable",
        )
    failed_uscc, failed_key, notices = answer_the_bank(demo, inbox, bank, instructed)
    while notices < len(pending):
        path, body = inbox.next(demo.deadline)
        notices += path == "/tax" and body["type"] == "rebate.paid"
    paid = demo.cases(period, "paid")
    total = sum(Decimal(c["refund"]) for c in paid)
    say(
        "paid",
        f"{len(paid)} of {len(pending)} cases paid, {money(total)} yuan; "
        f"{tax.name} received {notices} signed rebate.paid notices",
    )

    if failed_uscc is not None:
        case = by_uscc[failed_uscc]
        say("trail", f"{case['enterprise_name']} ({failed_uscc}):")
        for payout in demo.call("GET", f"/rebate/v1/cases/{case['id']}/payouts"):
            say(
                "",
                f"payout {payout['attempt']} {payout['destination']:<14} "
                f"{payout['bank_name']} {payout['account_no_masked']} "
                f"{money(payout['amount'])} {payout['status']}"
                + (f" ({payout['failure_reason']})" if payout["failure_reason"] else ""),
            )
        steps = [e["kind"] for e in demo.call("GET", f"/rebate/v1/cases/{case['id']}/audit")]
        say("", f"audit: {' → '.join(steps)}")

    reconciled(demo, period)
    afterwards(demo, inbox, tax, bank, records, paid, failed_key)

    ledger = demo.call("GET", "/rebate/v1/ledger/trial-balance")
    lines = ", ".join(f"{name} {money(value)}" for name, value in ledger["balances"].items())
    say("ledger", f"trial balance: {lines}; total {money(ledger['total'])}")
    applying(demo, inbox, tax, bank, records[2], period)


def reconciled(demo: Demo, period: str) -> None:
    found = demo.call("GET", "/rebate/v1/reconciliation", params={"period": period})
    if found["violations"]:
        raise DemoError(f"the reconciliation found violations: {found['violations']}")
    say("check", f"reconciliation of {period}: no violation")


def applying(
    demo: Demo, inbox: Inbox, tax: Partner, bank: Partner, record: dict[str, Any], period: str
) -> None:
    """A year later the province asks enterprises to apply: application mode."""
    later = f"{int(period[:4]) + 1}{period[4:]}"
    if not any(
        p["policy_key"] == APPLICATION_POLICY for p in demo.call("GET", "/rebate/v1/policies")
    ):
        demo.call(
            "POST",
            "/rebate/v1/policies",
            json={
                "policy_key": APPLICATION_POLICY,
                "name": "浙江省小微企业工会经费返还（2027，依申请）",
                "region_prefixes": ["33"],
                "period_from": "2027-01",
                "period_to": "2027-12",
                "mode": "application",
            },
        )
    push(
        demo,
        tax,
        "fee.recorded",
        [{**record, "record_id": f"{record['record_id']}-{later}", "period": later}],
    )
    refused = demo.api.post(
        "/rebate/v1/runs",
        json={"period": later, "region_prefix": REGION, "policy_key": APPLICATION_POLICY},
        headers=demo.admin,
    )
    say(
        "apply",
        f"{later} is under {APPLICATION_POLICY}: a run is refused ({refused.status_code}: "
        f"{refused.json().get('title')})",
    )
    # The enterprise applies itself: only it may name the account its refund goes to.
    applicant = demo.enterprise_account(record["uscc"], record["enterprise_name"])
    application = demo.call(
        "POST",
        "/rebate/v1/applications",
        headers=applicant,
        json={
            "period": later,
            "contact_name": "王会计",
            "contact_phone": "13900001111",
            "destination": {
                "bank": "杭州银行余杭支行",
                "account_name": record["enterprise_name"],
                "account_no": "3301040160009999",
            },
        },
    )
    say(
        "apply",
        f"{record['enterprise_name']} applied for {later}: a case of {money(application['refund'])}"
        f" yuan to review (contact {application['contact_phone_masked']})",
    )
    demo.call(
        "POST",
        f"/rebate/v1/cases/{application['case_id']}/review",
        json={"decision": "approve", "refund": application["refund"]},
    )
    answer_the_bank(demo, inbox, bank, 1, fail_first=False)
    state = demo.call("GET", f"/rebate/v1/applications/{application['id']}", headers=applicant)[
        "state"
    ]
    say("apply", f"the application is {state}, paid to the account it named")
    reconciled(demo, later)


def afterwards(
    demo: Demo,
    inbox: Inbox,
    tax: Partner,
    bank: Partner,
    records: list[dict[str, Any]],
    paid: list[dict[str, Any]],
    failed_key: str | None,
) -> None:
    """What happens after payment: a correction, a late record, a bank contradicting itself;
    each ends with the reconciliation of the period empty."""
    by_uscc = {r["uscc"]: r for r in records}
    corrected_case, late_case = paid[0], paid[1]
    period = corrected_case["period"]

    record = by_uscc[corrected_case["uscc"]]
    lowered = (Decimal(record["fee_amount"]) - Decimal("100.00")).quantize(Decimal("0.01"))
    push(demo, tax, "fee.corrected", [{**record, "fee_amount": str(lowered)}])
    owed = demo.call("GET", f"/rebate/v1/ledger/enterprises/{corrected_case['uscc']}")
    say(
        "fix",
        f"{tax.name} corrected {record['record_id']} to {money(lowered)} after payment: "
        f"{corrected_case['enterprise_name']} owes {money(owed['balances']['receivable'])} "
        "back, set off against its next refund",
    )
    reconciled(demo, period)

    late = {
        **by_uscc[late_case["uscc"]],
        "record_id": f"{by_uscc[late_case['uscc']]['record_id']}-LATE",
        "payroll_total": "30000.00",
        "fee_amount": "600.00",
    }
    push(demo, tax, "fee.recorded", [late])
    [supplement] = [
        c
        for c in demo.cases(late_case["period"], "pending_review")
        if c["uscc"] == late_case["uscc"]
    ]
    say(
        "late",
        f"a late payment of {late_case['enterprise_name']} ({money(late['fee_amount'])}) after "
        f"its case was paid: a {supplement['source']} case of {money(supplement['refund'])}",
    )
    decision = {"decision": "approve", "refund": supplement["refund"]}
    demo.call("POST", f"/rebate/v1/cases/{supplement['id']}/review", json=decision)
    answer_the_bank(demo, inbox, bank, 1, fail_first=False)
    settled = demo.call("GET", f"/rebate/v1/cases/{supplement['id']}")
    say("late", f"the supplementary case is {settled['status']}")
    reconciled(demo, period)

    if failed_key is None:
        raise DemoError("no payout failed, so the bank has nothing to contradict")
    answer = demo.signed_post(
        f"/rebate/v1/webhooks/bank/{bank.id}",
        bank.secret,
        {
            "type": "payout.paid",
            "timestamp": datetime.now(UTC).isoformat(),
            "data": {"idempotency_key": failed_key, "bank_reference": "ZJRC-LATE"},
        },
    )
    queued = demo.call("GET", "/rebate/v1/exceptions", params={"reason": "bank_contradiction"})
    say(
        "bank",
        f"the bank reports the payout it failed as paid after all: {answer['outcome']}, "
        f"{len(queued)} in the queue for a person; the second payment is owed back",
    )
    reconciled(demo, period)


def push(demo: Demo, tax: Partner, event: str, records: list[dict[str, Any]]) -> None:
    answer = demo.signed_post(
        f"/rebate/v1/webhooks/tax/{tax.id}",
        tax.secret,
        {"type": event, "timestamp": datetime.now(UTC).isoformat(), "data": {"records": records}},
    )
    if answer["rejected"]:
        raise DemoError(f"{event} refused: {answer['rejected']}")


def answer_the_bank(
    demo: Demo, inbox: Inbox, bank: Partner, cases: int, *, fail_first: bool = True
) -> tuple[str | None, str | None, int]:
    """Take instructions until every case is paid; the first to a union account fails.
    Returns that enterprise's credit code and payout key, and the tax notices meanwhile."""
    paid, failed_uscc, failed_key, shown, notices = 0, None, None, 0, 0
    while paid < cases:
        path, body = inbox.next(demo.deadline)
        if path != "/bank":
            notices += body["type"] == "rebate.paid"
            continue
        data = body["data"]
        account = data["account"]
        uscc = data["remittance"].split()[1]
        fail = fail_first and failed_uscc is None and account["account_name"].endswith("工会委员会")
        if shown < 3 or fail or uscc == failed_uscc:
            say(
                "bank",
                f"instruction {data['idempotency_key'][:15]}…: {money(data['amount'])} "
                f"{data['currency']} to {account['bank']} "
                f"{mask_account_number(account['account_no'])} "
                f"({account['account_name']}) → {'failed' if fail else 'paid'}",
            )
            shown += 1
        callback: dict[str, Any] = {"idempotency_key": data["idempotency_key"]}
        if fail:
            failed_uscc, failed_key = uscc, data["idempotency_key"]
            callback["reason"] = FAIL_REASON
        else:
            callback["bank_reference"] = f"ZJRC{uuid.uuid4().hex[:12].upper()}"
            paid += 1
        demo.signed_post(
            f"/rebate/v1/webhooks/bank/{bank.id}",
            bank.secret,
            {
                "type": "payout.failed" if fail else "payout.paid",
                "timestamp": datetime.now(UTC).isoformat(),
                "data": callback,
            },
        )
    again = ", 1 failed and instructed again to the next destination" if failed_uscc else ""
    say("bank", f"{paid} instructions paid in all{again}")
    return failed_uscc, failed_key, notices


def main() -> int:
    gateway = os.environ.get("GATEWAY_URL") or (
        f"http://127.0.0.1:{os.environ.get('GATEWAY_PORT', '8000')}"
    )
    deadline = time.monotonic() + float(os.environ.get("DEMO_TIMEOUT", "180"))
    try:
        with httpx.Client(base_url=gateway, timeout=30.0) as api:
            run(Demo(api, deadline))
    except httpx.ConnectError:
        print(f"nothing answers at {gateway}: start the suite with `make run`", file=sys.stderr)
        return 1
    except DemoError as exc:
        print(f"demo stopped: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
