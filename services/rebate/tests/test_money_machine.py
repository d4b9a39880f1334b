"""Random sequences of everything that can happen to the money, against the real service and
database, with the reconciliation checked after every step: deliveries and their replays, the
same payment reported twice, corrections up, down, to zero and to another enterprise or
period, voids, late records, runs, reviews and approvals under maker-checker, rejections and
reopenings, and bank answers in any order (paid, failed, paid after failed, repeats, answers
for payouts nobody knows).

Hypothesis's state machines are synchronous and the app lives on the test's event loop, so
the machine runs in a worker thread and hands each step's coroutine to that loop."""

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from standardwebhooks.webhooks import Webhook

from rebate.cases.models import RebateCase
from rebate.payouts.models import Payout
from rebate.reconciliation.service import reconcile

T = TypeVar("T")
SERIALS = (1, 2, 3)
PERIODS = ("2026-03", "2026-04")
# At 30 %: 80.15 gives 24.045, 24.05 half up; 0.01 gives 0.003, a zero refund.
AMOUNTS = ("1000.25", "200.00", "80.15", "0.01")
PAYMENTS = ("2026-04-15T10:00:00+08:00", "2026-04-20T09:30:00+08:00")
POLICY = {
    "policy_key": "fj-2026-machine",
    "name": "福建省小微企业工会经费返还（三成）",
    "region_prefixes": ["3501"],
    "period_from": "2026-01",
    "period_to": "2026-12",
    "size_classes": ["micro", "small"],
    "refund_ratio": "0.3000",
    "destinations": ["union_account", "payer_account"],
    "review_steps": 2,
}
KEY = POLICY["policy_key"]


def machine_for(
    step: Callable[[Awaitable[T]], T],
    client: httpx.AsyncClient,
    app: FastAPI,
    db_connection: AsyncConnection,
    session: AsyncSession,
    auth: Any,
    fee_record: Any,
    make_uscc: Any,
    membership: Any,
    process_runs: Callable[[], Awaitable[int]],
) -> type[RuleBasedStateMachine]:
    # The machine may run for many minutes on a busy machine: a token that outlives it.
    admin = auth("admin", ttl=3600)

    async def read(query: Callable[[AsyncSession], Awaitable[T]]) -> T:
        # A session of its own per read, closed at once: its savepoint never outlives the
        # example's, which is rolled back at the example's end.
        async with app.state.sessionmaker() as own:
            return await query(own)

    def cadre(subject: str) -> dict[str, str]:
        path = membership.enterprises[make_uscc(1)]["affiliated_org_path"]
        headers: dict[str, str] = auth(
            "cadre", org_scope_paths=[path], permissions=["review_rebates"], subject=subject
        )
        return headers

    class MoneyMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.savepoint = step(db_connection.begin_nested())
            membership.enterprises.clear()
            membership.accounts.clear()
            # Enterprise 1 has a union account, 2 does not, 3 is not in the register.
            membership.add_enterprise(
                make_uscc(1),
                account={"bank_name": "b", "account_name": "a", "account_no": "1" * 12},
            )
            membership.add_enterprise(make_uscc(2))
            self.tax = [step(self._partner("tax", n)) for n in (1, 2)]
            self.bank = step(self._partner("bank", 1))
            created = step(client.post("/v1/policies", json=POLICY, headers=admin))
            assert created.status_code == 201, created.text
            self.records: dict[str, dict[str, Any]] = {}  # record id -> current content
            self.sent: list[tuple[int, str, str]] = []  # (partner, webhook-id, body)
            self.serial = 0

        def teardown(self) -> None:
            step(self.savepoint.rollback())

        async def _partner(self, kind: str, n: int) -> tuple[str, str]:
            response = await client.post(
                "/v1/partners",
                json={
                    "name": f"{kind}-{n}",
                    "kind": kind,
                    "webhook_url": f"https://{kind}.example/",
                    "region_prefixes": ["35"] if kind == "tax" else [],
                },
                headers=admin,
            )
            assert response.status_code == 201, response.text
            return response.json()["id"], response.json()["secret"]

        def _signed(self, partner: tuple[str, str], msg_id: str, body: str) -> dict[str, str]:
            now = datetime.now(UTC)
            return {
                "webhook-id": msg_id,
                "webhook-timestamp": str(int(now.timestamp())),
                "webhook-signature": Webhook(partner[1]).sign(msg_id, now, body),
                "content-type": "application/json",
            }

        def _deliver(self, which: int, event: str, records: list[dict[str, Any]]) -> Any:
            body = json.dumps(
                {
                    "type": event,
                    "timestamp": "2026-04-16T08:00:00+08:00",
                    "data": {"records": records},
                }
            )
            msg_id = f"msg_{uuid.uuid4().hex}"
            self.sent.append((which, msg_id, body))
            partner = self.tax[which]
            response = step(
                client.post(
                    f"/v1/webhooks/tax/{partner[0]}",
                    content=body,
                    headers=self._signed(partner, msg_id, body),
                )
            )
            assert response.status_code == 200, response.text
            return response.json()

        def _new_record(
            self, serial: int, period: str, amount: str, paid_at: str
        ) -> dict[str, Any]:
            self.serial += 1
            record: dict[str, Any] = fee_record(
                serial,
                record_id=f"M-{self.serial:05d}",
                period=period,
                fee_amount=amount,
                paid_at=paid_at,
            )
            return record

        @rule(
            serial=st.sampled_from(SERIALS),
            period=st.sampled_from(PERIODS),
            amount=st.sampled_from(AMOUNTS),
            paid_at=st.sampled_from(PAYMENTS),
        )
        def record_a_payment(self, serial: int, period: str, amount: str, paid_at: str) -> None:
            record = self._new_record(serial, period, amount, paid_at)
            answer = self._deliver(0, "fee.recorded", [record])
            if answer["accepted"]:
                self.records[record["record_id"]] = record

        @rule(data=st.data(), other_partner=st.booleans())
        def report_the_same_payment_again(self, data: st.DataObject, other_partner: bool) -> None:
            paid = sorted(r for r, record in self.records.items() if record["fee_amount"] != "0.00")
            if not paid:
                return
            original = self.records[data.draw(st.sampled_from(paid))]
            self.serial += 1
            again = {**original, "record_id": f"M-{self.serial:05d}"}
            answer = self._deliver(int(other_partner), "fee.recorded", [again])
            assert answer["probable_duplicates"] == [again["record_id"]], answer

        @rule(data=st.data())
        def replay_a_delivery(self, data: st.DataObject) -> None:
            if not self.sent:
                return
            which, msg_id, body = data.draw(st.sampled_from(self.sent))
            partner = self.tax[which]
            response = step(
                client.post(
                    f"/v1/webhooks/tax/{partner[0]}",
                    content=body,
                    headers=self._signed(partner, msg_id, body),
                )
            )
            assert response.json()["duplicate"] is True, response.text

        @rule(
            data=st.data(),
            amount=st.sampled_from((*AMOUNTS, "0.00")),
            serial=st.sampled_from(SERIALS),
            period=st.sampled_from(PERIODS),
        )
        def correct_a_record(
            self, data: st.DataObject, amount: str, serial: int, period: str
        ) -> None:
            if not self.records:
                return
            rid = data.draw(st.sampled_from(sorted(self.records)))
            corrected = fee_record(
                serial,
                record_id=rid,
                period=period,
                fee_amount=amount,
                paid_at=self.records[rid]["paid_at"],
            )
            answer = self._deliver(self._partner_of(rid), "fee.corrected", [corrected])
            if answer["accepted"]:
                self.records[rid] = corrected

        @rule(data=st.data())
        def void_a_record(self, data: st.DataObject) -> None:
            if not self.records:
                return
            rid = data.draw(st.sampled_from(sorted(self.records)))
            answer = self._deliver(self._partner_of(rid), "fee.voided", [{"record_id": rid}])
            assert answer["accepted"] == 1, answer
            del self.records[rid]

        def _partner_of(self, rid: str) -> int:
            for which, _, body in reversed(self.sent):
                if f'"{rid}"' in body:
                    return which
            return 0

        @rule(period=st.sampled_from(PERIODS))
        def run_a_period(self, period: str) -> None:
            started = step(
                client.post(
                    "/v1/runs",
                    json={
                        "period": period,
                        "region_prefix": "3501",
                        "policy_key": POLICY["policy_key"],
                    },
                    headers=admin,
                )
            )
            assert started.status_code == 202, started.text
            step(process_runs())

        def _cases(self, status: str) -> list[str]:
            query = select(RebateCase.id).where(RebateCase.status == status).order_by(RebateCase.id)
            return [str(case_id) for case_id in step(read(lambda s: s.scalars(query)))]

        async def _decide(
            self, case_id: str, approve: bool, reason: str, headers: dict[str, str]
        ) -> httpx.Response:
            """As a reviewer does: look at the case, then decide on the amount seen."""
            seen = await client.get(f"/v1/cases/{case_id}", headers=headers)
            decision = (
                {"decision": "approve", "refund": seen.json()["refund"]}
                if approve
                else {"decision": "reject", "reason": reason}
            )
            return await client.post(f"/v1/cases/{case_id}/review", json=decision, headers=headers)

        @rule(data=st.data(), approve=st.booleans())
        def review_a_case(self, data: st.DataObject, approve: bool) -> None:
            cases = self._cases("pending_review")
            if not cases:
                return
            case_id = data.draw(st.sampled_from(cases))
            response = step(self._decide(case_id, approve, "核实不符", cadre("maker")))
            assert response.status_code == 200, response.text

        @rule(data=st.data(), approve=st.booleans())
        def approve_a_case(self, data: st.DataObject, approve: bool) -> None:
            cases = self._cases("pending_approval")
            if not cases:
                return
            case_id = data.draw(st.sampled_from(cases))
            response = step(self._decide(case_id, approve, "不予返还", cadre("checker")))
            assert response.status_code == 200, response.text

        @rule(data=st.data())
        def reopen_a_rejected_case(self, data: st.DataObject) -> None:
            cases = self._cases("rejected")
            if not cases:
                return
            case_id = data.draw(st.sampled_from(cases))
            response = step(
                client.post(
                    f"/v1/cases/{case_id}/reopen",
                    json={"reason": "企业补充了材料"},
                    headers=cadre("reopener"),
                )
            )
            # Another case of the period may be open meanwhile: then it is decided first.
            assert response.status_code in (200, 409), response.text

        @rule(data=st.data(), paid=st.booleans(), again=st.booleans())
        def bank_answers(self, data: st.DataObject, paid: bool, again: bool) -> None:
            query = select(Payout.idempotency_key).order_by(Payout.idempotency_key)
            keys = step(read(lambda s: s.scalars(query)))
            choices = [*keys, "payout:nobody-knows-this"]
            key = data.draw(st.sampled_from(choices))
            body = json.dumps(
                {
                    "type": "payout.paid" if paid else "payout.failed",
                    "timestamp": datetime.now(UTC).isoformat(),
                    "data": {"idempotency_key": key, "reason": None if paid else "账户已销户"},
                }
            )
            msg_id = f"msg_{uuid.uuid4().hex}"
            for _ in range(2 if again else 1):
                response = step(
                    client.post(
                        f"/v1/webhooks/bank/{self.bank[0]}",
                        content=body,
                        headers=self._signed(self.bank, msg_id, body),
                    )
                )
                assert response.status_code == 200, response.text

        @invariant()
        def the_money_reconciles(self) -> None:
            found = step(read(lambda s: reconcile(s, None, app.state.audit_signer)))
            assert found.violations == [], found.violations

    return MoneyMachine


async def test_every_yuan_is_accounted_for_after_every_step(
    client: httpx.AsyncClient,
    app: FastAPI,
    db_connection: AsyncConnection,
    session: AsyncSession,
    auth: Any,
    fee_record: Any,
    make_uscc: Any,
    membership: Any,
    process_runs: Any,
) -> None:
    loop = asyncio.get_running_loop()

    def step(awaitable: Awaitable[T]) -> T:
        async def wait() -> T:
            return await awaitable

        return asyncio.run_coroutine_threadsafe(wait(), loop).result(timeout=120)

    machine = machine_for(
        step,
        client,
        app,
        db_connection,
        session,
        auth,
        fee_record,
        make_uscc,
        membership,
        process_runs,
    )
    await loop.run_in_executor(
        None,
        lambda: run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=30,
                stateful_step_count=30,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            ),
        ),
    )
