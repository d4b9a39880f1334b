"""From an approved case to money in the enterprise's account. The approval books what is owed,
an outstanding receivable of the enterprise is set off against it, and the rest is instructed to
the bank for the first destination of the policy that can be resolved: the enterprise union's
own account when it has one, else the account the fee was paid from, else the county pool
(under an application policy, the account the applicant named for that very case comes first).
The bank answers paid or failed; a failure moves on to the next destination, and when none is
left the case goes back to review with the booking undone."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from rebate.applications.models import account_no_field
from rebate.applications.repository import ApplicationRepository
from rebate.audit.service import AuditLog, Step
from rebate.cases.models import AMOUNT_CHANGED, CaseStatus, RebateCase
from rebate.clients.membership import MembershipClient, MembershipUnavailableError
from rebate.fees.models import PAYER_ACCOUNT_FIELD
from rebate.ledger.models import Account
from rebate.ledger.service import Ledger, Posting
from rebate.metrics import count_paid
from rebate.models import OutboxMessage
from rebate.partners.models import Partner
from rebate.payouts.errors import (
    DestinationUnavailableError,
    NamedBankInactiveError,
    NothingToInstructError,
)
from rebate.payouts.models import BankAnswer, CallbackOutcome, Payout, PayoutStatus
from rebate.payouts.repository import ZERO, PayoutRepository
from rebate.payouts.schemas import PAID, BankCallback, CallbackResult
from rebate.policies.models import Destination, Policy, PolicyMode
from rebate.policies.service import POOL_ACCOUNT_FIELD
from rebate.runs.models import ExceptionReason, RebateException
from servicekit.outbox import new_message
from servicekit.pii import PiiCipher, mask_account_number

PAYOUT_INSTRUCT = "payout.instruct"
REBATE_PAID = "rebate.paid"
PAYOUT_ACCOUNT_FIELD = "payout.account_no"


def account_field(payout_id: uuid.UUID) -> str:
    # Bound to one payout: the ciphertext does not decrypt as any other row's account.
    return f"{PAYOUT_ACCOUNT_FIELD}:{payout_id}"


def set_off_of(refund: Decimal, receivable: Decimal) -> Decimal:
    """What an outstanding receivable takes from a refund: all of it, at most the refund."""
    return max(min(receivable, refund), ZERO)


@dataclass(frozen=True)
class BankAccount:
    bank: str
    account_name: str
    account_no: str


@dataclass(frozen=True)
class Target:
    destination: Destination
    account: BankAccount
    skipped: tuple[Destination, ...]


class PayoutService:
    def __init__(self, session: AsyncSession, pii: PiiCipher, membership: MembershipClient) -> None:
        self.session = session
        self.pii = pii
        self.membership = membership
        self.repo = PayoutRepository(session)
        self.ledger = Ledger(session)
        self.audit = AuditLog(session)

    async def payouts(self, case: RebateCase) -> list[Payout]:
        return await self.repo.of_case(case.id)

    async def on_approved(self, case: RebateCase, actor: str) -> None:
        """Called in the approval's transaction. Safe to call again: a case with a payout
        under way or paid is left alone, and what is booked is booked once per approval."""
        if case.status is not CaseStatus.APPROVED:
            return
        await self.repo.lock_enterprise(case.uscc)
        if await self.repo.in_flight(case.id):
            return
        if await self.repo.payable(case.id) == ZERO and not await self._book(case, actor):
            return
        amount = case.refund - case.set_off
        if amount <= ZERO:
            await self._paid(case, None, actor)
            return
        policy = await self._policy(case)
        try:
            bank = await self._bank(case, policy)
        except NamedBankInactiveError as exc:
            # The approval stands; the case waits until the bank is back or the rule changes.
            await self._wait(case, actor, str(exc))
            return
        if bank is None:
            await self._wait(case, actor, "No active bank partner with a webhook URL")
            return
        try:
            target = await self._target(case, policy, after=None)
        except MembershipUnavailableError as exc:
            await self._wait(case, actor, f"The union account could not be looked up: {exc}")
            return
        if target is None:
            await self._back_to_review(case, actor, "No destination of the policy can be paid to")
            return
        await self._instruct(case, bank, target, amount, actor)

    async def retry(self, case: RebateCase, actor: str) -> None:
        """Instruct an approved case that is waiting (for a bank partner, for membership)."""
        if case.status is not CaseStatus.APPROVED:
            raise NothingToInstructError(f"The case is {case.status.value}")
        # An admin asking again is told why the case still cannot go out, not answered with
        # a case that silently waits on.
        await self._bank(case, await self._policy(case))
        await self.on_approved(case, actor)

    async def receive(
        self, partner_id: uuid.UUID, webhook_id: str, body_sha256: str, callback: BankCallback
    ) -> CallbackResult:
        """A verified bank callback: kept and acknowledged whatever it says. A repeated
        webhook-id only reads the state; anything unexpected goes to the queue."""
        key = callback.data.idempotency_key
        fresh = await self.repo.claim(partner_id, webhook_id, callback.type, body_sha256)
        found = await self.repo.by_key(key)
        payout = found if found is not None and found.bank_partner_id == partner_id else None
        if payout is not None:
            # The order every writer takes: the enterprise, then its case and payout rows.
            owner = await self.session.get(RebateCase, payout.case_id)
            assert owner is not None
            await self.repo.lock_enterprise(owner.uscc)
            payout = await self.repo.by_key(key, lock=True)
            assert payout is not None
        if not fresh:
            outcome = await self.repo.callback_outcome(partner_id, webhook_id)
        else:
            outcome = await self._apply(partner_id, webhook_id, payout, callback)
            self.session.add(
                BankAnswer(
                    id=uuid.uuid4(),
                    partner_id=partner_id,
                    webhook_id=webhook_id,
                    event_type=callback.type,
                    idempotency_key=key,
                    payout_id=payout.id if payout else None,
                    outcome=outcome,
                    body=callback.model_dump(mode="json"),
                    received_at=datetime.now(UTC),
                )
            )
            await self.session.flush()
        case = await self.session.get(RebateCase, payout.case_id) if payout else None
        return CallbackResult(
            idempotency_key=key,
            outcome=outcome,
            payout_status=payout.status if payout else None,
            case_status=case.status if case else None,
            duplicate=not fresh,
        )

    async def _apply(
        self,
        partner_id: uuid.UUID,
        webhook_id: str,
        payout: Payout | None,
        callback: BankCallback,
    ) -> CallbackOutcome:
        actor = f"partner:{partner_id}"
        key = callback.data.idempotency_key
        if payout is None:
            await self._queue(
                None, None, ExceptionReason.ORPHAN_CALLBACK, f"{callback.type} for {key}"
            )
            await self.audit.append(
                Step("bank.orphan_callback", actor, {"type": callback.type, "key": key})
            )
            return CallbackOutcome.ORPHAN
        wanted = PayoutStatus.PAID if callback.type == PAID else PayoutStatus.FAILED
        if payout.status is wanted:
            # Nothing changes, but it is one more answer of the bank: evidence, chained.
            detail = {"payout_id": str(payout.id), "type": callback.type, "webhook_id": webhook_id}
            await self.audit.append(Step("bank.repeated_answer", actor, detail, payout.case_id))
            return CallbackOutcome.REPEATED
        case = await self.session.get(
            RebateCase, payout.case_id, with_for_update=True, populate_existing=True
        )
        assert case is not None
        if payout.status is PayoutStatus.INSTRUCTED and case.status is CaseStatus.INSTRUCTED:
            if wanted is PayoutStatus.PAID:
                await self._paid(case, payout, actor, callback.data.bank_reference)
            else:
                await self._failed(case, payout, actor, callback.data.reason)
            return CallbackOutcome.APPLIED
        await self._contradiction(case, payout, wanted, actor, callback)
        return CallbackOutcome.CONTRADICTION

    async def _contradiction(
        self,
        case: RebateCase,
        payout: Payout,
        wanted: PayoutStatus,
        actor: str,
        callback: BankCallback,
    ) -> None:
        """Paid after failed: the money went out after all. It is booked as paid, and what
        the case did not owe (a retry may have paid it again) becomes a receivable. Failed
        after paid moves no money: which answer is true is for a person to find out."""
        detail: dict[str, str | None] = {
            "payout_id": str(payout.id),
            "was": payout.status.value,
            "now": wanted.value,
            "bank_reference": callback.data.bank_reference,
            "reason": callback.data.reason,
        }
        if wanted is PayoutStatus.PAID:
            payout.status, payout.bank_reference, payout.settled_at = (
                PayoutStatus.PAID,
                callback.data.bank_reference,
                datetime.now(UTC),
            )
            await self.ledger.post(
                [
                    self._posting(
                        case,
                        "paid",
                        payout.amount,
                        Account.REFUNDS_PAYABLE,
                        Account.FEES_HELD,
                        payout_id=payout.id,
                    )
                ]
            )
            count_paid(self.session, payout.amount)
            overpaid = -await self.repo.payable(case.id)
            if overpaid > ZERO:
                await self.ledger.post(
                    [
                        self._posting(
                            case, "overpaid", overpaid, Account.RECEIVABLE, Account.REFUNDS_PAYABLE
                        )
                    ]
                )
                detail["receivable"] = str(overpaid)
            await self.session.flush()
        await self._queue(
            case,
            payout,
            ExceptionReason.BANK_CONTRADICTION,
            f"The bank reported {wanted.value} after {detail['was']}",
        )
        await self.audit.append(Step("bank.contradiction", actor, detail, case.id))

    async def _queue(
        self,
        case: RebateCase | None,
        payout: Payout | None,
        reason: ExceptionReason,
        detail: str,
    ) -> None:
        self.session.add(
            RebateException(
                id=uuid.uuid4(),
                case_id=case.id if case else None,
                payout_id=payout.id if payout else None,
                uscc=case.uscc if case else "",
                period=case.period if case else "",
                reason=reason,
                detail=detail[:500],
                # Orphans belong to no organisation: the federation's admins look at them.
                org_path=case.org_path if case else None,
            )
        )
        await self.session.flush()

    async def _bank(self, case: RebateCase, policy: Policy) -> Partner | None:
        """The bank the policy names for the enterprise's region (longest prefix), else, where
        no rule covers the region, the longest-registered active bank; only an active bank
        with a URL takes instructions. A named bank that cannot is refused, never replaced by
        another: the rule is the federation's choice of who moves the money."""
        region = await self.repo.region_of(case.id)
        rules = [r for r in policy.bank_rules if region and region.startswith(r["region_prefix"])]
        if not rules:
            return await self.repo.bank_partner()
        rule = max(rules, key=lambda r: len(r["region_prefix"]))
        named = uuid.UUID(rule["bank_partner_id"])
        bank = await self.repo.active_bank(named)
        if bank is None:
            known = await self.session.get(Partner, named)
            raise NamedBankInactiveError(
                f"Policy {policy.policy_key} (version {policy.version}) names bank "
                f"{known.name if known else 'unknown'} ({named}) for region prefix "
                f"{rule['region_prefix']}, and that bank is inactive or has no webhook URL: "
                "reactivate it or change the policy's bank rule"
            )
        return bank

    async def _policy(self, case: RebateCase) -> Policy:
        policy = await self.session.get(Policy, case.policy_id)
        assert policy is not None
        return policy

    async def _book(self, case: RebateCase, actor: str) -> bool:
        """Book the approval and the set-off; False when paying would exceed collected."""
        # Granted net of every reduction (not what payouts carried: a payout may have paid more
        # than is now granted, the excess being owed back as a receivable).
        collected = await self.repo.collected(case.uscc, case.period)
        granted = await self.ledger.granted(case.uscc, case.period)
        if granted + case.refund > collected:
            await self._back_to_review(
                case,
                actor,
                f"Refund {case.refund} with {granted} already granted would exceed the "
                f"{collected} collected for {case.period}",
            )
            return False
        set_off = set_off_of(case.refund, await self.repo.receivable(case.uscc))
        postings = [
            self._posting(case, "approved", case.refund, Account.REFUNDS, Account.REFUNDS_PAYABLE)
        ]
        if set_off > ZERO:
            postings.append(
                self._posting(case, "set_off", set_off, Account.REFUNDS_PAYABLE, Account.RECEIVABLE)
            )
        await self.ledger.post(postings)
        case.set_off = set_off
        await self.session.flush()
        if set_off > ZERO:
            detail = {"set_off": str(set_off), "refund": str(case.refund)}
            await self.audit.append(Step("payout.set_off", actor, detail, case.id))
        return True

    async def _wait(self, case: RebateCase, actor: str, reason: str) -> None:
        case.status_reason = reason
        await self.session.flush()
        await self.audit.append(Step("payout.waiting", actor, {"reason": reason}, case.id))

    async def _target(
        self, case: RebateCase, policy: Policy, after: Destination | None
    ) -> Target | None:
        """The first destination after `after` (from the start when None) that resolves."""
        order = [Destination(d) for d in policy.destinations]
        if policy.mode is PolicyMode.APPLICATION:
            # An account the applicant named comes first (skipped where it named none).
            others = [d for d in order if d is not Destination.APPLICANT_ACCOUNT]
            order = [Destination.APPLICANT_ACCOUNT, *others]
        start = 0 if after is None else (order.index(after) + 1 if after in order else len(order))
        skipped: list[Destination] = []
        for destination in order[start:]:
            account = await self._resolve(case, policy, destination)
            if account is not None:
                return Target(destination, account, tuple(skipped))
            skipped.append(destination)
        return None

    async def _resolve(
        self, case: RebateCase, policy: Policy, destination: Destination
    ) -> BankAccount | None:
        if destination is Destination.APPLICANT_ACCOUNT:
            named = await ApplicationRepository(self.session).destination_of(case.id)
            if named is None or named.account_no_enc is None:
                return None
            number = self.pii.decrypt(account_no_field(named.id), named.account_no_enc)
            return BankAccount(named.bank or "", named.account_name or "", number)
        if destination is Destination.UNION_ACCOUNT:
            if not case.has_union_account or case.enterprise_id is None:
                return None
            union = await self.membership.union_account(case.enterprise_id)
            if union is None:
                return None
            return BankAccount(union.bank_name, union.account_name, union.account_no)
        if destination is Destination.PAYER_ACCOUNT:
            record = await self.repo.newest_fee_record(case.id)
            if record is None:
                return None
            number = self.pii.decrypt(PAYER_ACCOUNT_FIELD, record.payer_account_no_enc)
            return BankAccount(record.payer_bank, record.payer_account_name, number)
        bank, name, enc = (
            policy.county_pool_bank,
            policy.county_pool_account_name,
            policy.county_pool_account_no_enc,
        )
        if bank is None or name is None or enc is None:
            return None
        return BankAccount(bank, name, self.pii.decrypt(POOL_ACCOUNT_FIELD, enc))

    async def _instruct(
        self, case: RebateCase, bank: Partner, target: Target, amount: Decimal, actor: str
    ) -> Payout:
        payout_id = uuid.uuid4()
        account = target.account
        payout = Payout(
            id=payout_id,
            case_id=case.id,
            attempt=await self.repo.next_attempt(case.id),
            idempotency_key=f"payout:{payout_id}",
            bank_partner_id=bank.id,
            destination=target.destination,
            bank_name=account.bank,
            account_name=account.account_name,
            account_no_enc=self.pii.encrypt(account_field(payout_id), account.account_no),
            account_no_masked=mask_account_number(account.account_no),
            amount=amount,
            status=PayoutStatus.INSTRUCTED,
        )
        self.session.add(payout)
        # Only the id: the account number is decrypted when the instruction is sent.
        self.session.add(
            new_message(
                OutboxMessage,
                PAYOUT_INSTRUCT,
                {"payout_id": str(payout_id)},
                payout.idempotency_key,
            )
        )
        case.status, case.status_reason = CaseStatus.INSTRUCTED, None
        await self.session.flush()
        await self.audit.append(
            Step(
                "payout.instructed",
                actor,
                {
                    "payout_id": str(payout_id),
                    "idempotency_key": payout.idempotency_key,
                    "attempt": payout.attempt,
                    "destination": target.destination.value,
                    "skipped": [d.value for d in target.skipped],
                    "bank_partner_id": str(bank.id),
                    "account": f"{account.bank} {payout.account_no_masked}",
                    "amount": str(amount),
                },
                case.id,
            )
        )
        return payout

    async def _paid(
        self,
        case: RebateCase,
        payout: Payout | None,
        actor: str,
        bank_reference: str | None = None,
    ) -> None:
        now = datetime.now(UTC)
        amount = ZERO
        if payout is not None:
            amount = payout.amount
            payout.status, payout.bank_reference, payout.settled_at = (
                PayoutStatus.PAID,
                bank_reference,
                now,
            )
            await self.ledger.post(
                [
                    self._posting(
                        case,
                        "paid",
                        amount,
                        Account.REFUNDS_PAYABLE,
                        Account.FEES_HELD,
                        payout_id=payout.id,
                    )
                ]
            )
            count_paid(self.session, amount)
        # A downward correction while the payout was with the bank lowered what the case
        # owes below what was paid: the excess is owed back, and set off like any other.
        overpaid = -await self.repo.payable(case.id)
        if overpaid > ZERO:
            await self.ledger.post(
                [
                    self._posting(
                        case, "overpaid", overpaid, Account.RECEIVABLE, Account.REFUNDS_PAYABLE
                    )
                ]
            )
        case.status, case.status_reason = CaseStatus.PAID, None
        await self.session.flush()
        detail: dict[str, str | None] = {"amount": str(amount), "set_off": str(case.set_off)}
        if overpaid > ZERO:
            detail["receivable"] = str(overpaid)
        if payout is None:
            steps = [Step("case.paid_by_set_off", actor, detail, case.id)]
        else:
            detail |= {"payout_id": str(payout.id), "bank_reference": bank_reference}
            steps = [Step("payout.paid", actor, detail, case.id)]
        for partner_id, record_ids in (await self.repo.refunded_records(case.id)).items():
            payload = {
                "partner_id": str(partner_id),
                "case_id": str(case.id),
                "uscc": case.uscc,
                "period": case.period,
                "record_ids": record_ids,
                "amount": str(amount),
                "set_off": str(case.set_off),
                "paid_at": now.isoformat(),
                "bank_reference": bank_reference,
            }
            key = f"{REBATE_PAID}:{case.id}:{partner_id}"
            self.session.add(new_message(OutboxMessage, REBATE_PAID, payload, key))
            steps.append(
                Step("notice.queued", actor, {"partner_id": str(partner_id), "key": key}, case.id)
            )
        await self.session.flush()
        await self.audit.append(*steps)

    async def _failed(
        self, case: RebateCase, payout: Payout, actor: str, reason: str | None
    ) -> None:
        payout.status, payout.failure_reason, payout.settled_at = (
            PayoutStatus.FAILED,
            reason,
            datetime.now(UTC),
        )
        await self.session.flush()
        await self.audit.append(
            Step(
                "payout.failed",
                actor,
                {"payout_id": str(payout.id), "attempt": payout.attempt, "reason": reason},
                case.id,
            )
        )
        try:
            target = await self._target(case, await self._policy(case), after=payout.destination)
        except MembershipUnavailableError as exc:
            # Nothing is kept: the bank's retry of this callback finds the payout instructed.
            raise DestinationUnavailableError(f"Try again later: {exc}") from exc
        if target is None:
            await self._back_to_review(
                case,
                actor,
                f"Every destination failed; the last: {reason or 'no reason given'}",
            )
            return
        bank = await self.session.get(Partner, payout.bank_partner_id)
        if bank is None or not bank.is_active:
            try:
                bank = await self._bank(case, await self._policy(case))
            except NamedBankInactiveError as exc:
                await self._back_to_review(case, actor, str(exc))
                return
        if bank is None:
            await self._back_to_review(case, actor, "No active bank partner with a webhook URL")
            return
        await self.audit.append(
            Step(
                "payout.next_destination",
                actor,
                {"from": payout.destination.value, "to": target.destination.value},
                case.id,
            )
        )
        due = await self.repo.payable(case.id)
        if due != payout.amount:
            # A correction lowered what the case owes while the payout was out: the new amount
            # is not what the reviewer approved, so a reviewer sees it before it is sent.
            await self._back_to_review(case, actor, AMOUNT_CHANGED)
            return
        await self._instruct(case, bank, target, due, actor)

    async def _back_to_review(self, case: RebateCase, actor: str, reason: str) -> None:
        await release_approval(self.session, case, actor, reason)

    @staticmethod
    def _posting(
        case: RebateCase,
        kind: str,
        amount: Decimal,
        debit: Account,
        credit: Account,
        payout_id: uuid.UUID | None = None,
    ) -> Posting:
        return Posting(
            kind=kind,
            uscc=case.uscc,
            period=case.period,
            amount=amount,
            debit=debit,
            credit=credit,
            case_id=case.id,
            payout_id=payout_id,
        )


async def release_approval(
    session: AsyncSession, case: RebateCase, actor: str, reason: str
) -> None:
    """Undo the approval's booking: the set-off gives the receivable back, and the payable is
    released, so a new review (approve again or reject) starts clean."""
    repo = PayoutRepository(session)
    set_off = case.set_off
    unpaid = max(await repo.payable(case.id) + set_off, ZERO)
    await Ledger(session).post(
        [
            PayoutService._posting(
                case, "set_off_reversed", set_off, Account.RECEIVABLE, Account.REFUNDS_PAYABLE
            ),
            PayoutService._posting(
                case, "approval_reversed", unpaid, Account.REFUNDS_PAYABLE, Account.REFUNDS
            ),
        ]
    )
    case.status, case.status_reason, case.set_off = CaseStatus.PENDING_REVIEW, reason, ZERO
    await session.flush()
    await AuditLog(session).append(
        Step(
            "case.back_to_review",
            actor,
            {"reason": reason, "payable_released": str(unpaid), "set_off_undone": str(set_off)},
            case.id,
        )
    )
