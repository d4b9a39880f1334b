"""The queue is work: the reviewers of a sub-tree list its entries, match an enterprise's
records again once the register or the records are fixed, and dismiss an entry with a reason.
Every action is on the audit chain."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from rebate.access import reviewer_covers, sub_tree_paths
from rebate.audit.service import AuditLog, Step
from rebate.cases.settlement import Settlement
from rebate.clients.membership import MembershipClient
from rebate.fees.models import FeeRecord
from rebate.ledger.service import ZERO
from rebate.policies.models import PolicyMode
from rebate.policies.service import PolicyService
from rebate.queue.errors import (
    NotRematchableError,
    QueueEntryClosedError,
    QueueEntryNotFoundError,
)
from rebate.queue.repository import QueueRepository
from rebate.runs.executor import REDECIDED, Candidate, classify, place
from rebate.runs.models import ExceptionReason, RebateException, Resolution
from servicekit.auth import Principal
from servicekit.pii import PiiCipher


class QueueService:
    def __init__(
        self,
        session: AsyncSession,
        principal: Principal,
        pii: PiiCipher,
        membership: MembershipClient,
    ) -> None:
        self.session = session
        self.principal = principal
        self.pii = pii
        self.membership = membership
        self.repo = QueueRepository(session)
        self.audit = AuditLog(session)

    async def listing(
        self,
        run_id: uuid.UUID | None,
        reason: ExceptionReason | None,
        include_resolved: bool,
        limit: int,
    ) -> list[RebateException]:
        # Unmatched records belong to the policy's queue office of their region, if it names
        # one; bank orphans, and records of regions it names none for, to admins alone.
        return await self.repo.listing(
            sub_tree_paths(self.principal), run_id, reason, include_resolved, limit
        )

    async def visible(self, entry_id: uuid.UUID) -> RebateException:
        entry = await self.repo.get(entry_id, lock=True)
        if entry is None or not reviewer_covers(self.principal, entry.org_path):
            raise QueueEntryNotFoundError()
        if entry.resolved_at is not None:
            raise QueueEntryClosedError(f"Closed as {entry.resolution}")
        return entry

    async def dismiss(self, entry_id: uuid.UUID, reason: str) -> RebateException:
        entry = await self.visible(entry_id)
        self._close(entry, Resolution.DISMISSED, reason)
        await self.session.flush()
        await self.audit.append(
            Step(
                "queue.dismissed",
                self.principal.subject,
                {"entry_id": str(entry.id), "reason": entry.reason.value, "note": reason},
                entry.case_id,
            )
        )
        return entry

    async def rematch(self, entry_id: uuid.UUID, note: str | None) -> RebateException:
        """Decide an enterprise's queued records again: a probable duplicate a person found to
        be a payment of its own is counted; records the register or the policy kept out are
        matched through membership again and go into a case, or stay with the new reason."""
        entry = await self.visible(entry_id)
        if entry.fee_record_id is None:
            raise NotRematchableError("A bank answer: look into it, then dismiss it with a reason")
        actor = self.principal.subject
        if entry.reason is ExceptionReason.PROBABLE_DUPLICATE:
            return await self._count(entry, note)
        if entry.reason not in REDECIDED:
            raise NotRematchableError(f"A {entry.reason.value} entry is not matched again")
        record = await self.session.get(FeeRecord, entry.fee_record_id)
        assert record is not None
        # Decided together, but only those the caller may act on.
        entries = [
            e
            for e in await self.repo.open_for(entry.uscc, entry.period, REDECIDED)
            if reviewer_covers(self.principal, e.org_path)
        ]
        records = [await self.session.get(FeeRecord, e.fee_record_id) for e in entries]
        policy = await PolicyService(self.session, self.pii).covering(
            record.period, record.region_code
        )
        if policy is not None and policy.mode is PolicyMode.APPLICATION:
            raise NotRematchableError("Under an application policy the enterprise applies")
        if policy is None:
            for e in entries:
                e.reason, e.detail = ExceptionReason.OUTSIDE_POLICY, "No policy in force covers it"
            await self._audit(entry, "queue.rematch_refused", note)
            return entry
        candidate = Candidate(
            uscc=entry.uscc,
            name=record.enterprise_name,
            record_ids=[r.id for r in records if r is not None],
            collected=sum((r.fee_amount for r in records if r is not None), Decimal(ZERO)),
            has_case=await self.repo.has_live_case(entry.uscc, entry.period),
        )
        match = (await self.membership.enterprises([entry.uscc])).get(entry.uscc)
        problem = None if candidate.has_case else classify(candidate, match, policy)
        if problem is not None:
            for e, r in zip(entries, records, strict=True):
                e.reason, e.detail = problem
                if match is not None:
                    e.org_path = match.affiliated_org_path
                elif r is not None:  # still unmatched: the office the policy names now
                    e.org_path = policy.office_for(r.region_code) or e.org_path
            await self.session.flush()
            await self._audit(entry, "queue.rematch_refused", note)
            return entry
        for e in entries:
            self._close(e, Resolution.REMATCHED, note)
        await self.session.flush()
        matches = {entry.uscc: match} if match is not None else {}
        await place(self.session, entry.period, None, policy, [entry.uscc], matches, actor)
        await self._audit(entry, "queue.rematched", note)
        return entry

    async def _count(self, entry: RebateException, note: str | None) -> RebateException:
        """A person found a probable duplicate to be a payment of its own: it counts. A live
        case of the period takes it in; without one it is matched now, as a run would match
        it (into a case, or back in the queue with the reason it cannot be), never left
        waiting where no one sees it."""
        actor = self.principal.subject
        self._close(entry, Resolution.REMATCHED, note)
        await self.session.flush()
        if await self.repo.has_live_case(entry.uscc, entry.period):
            await Settlement(self.session).settle(entry.uscc, entry.period, actor)
        else:
            record = await self.session.get(FeeRecord, entry.fee_record_id)
            assert record is not None
            policy = await PolicyService(self.session, self.pii).covering(
                record.period, record.region_code
            )
            if policy is None or policy.mode is PolicyMode.APPLICATION:
                raise NotRematchableError(
                    "No case to count it in: the enterprise applies first"
                    if policy
                    else "No policy in force covers it"
                )
            matches = await self.membership.enterprises([entry.uscc])
            await place(self.session, entry.period, None, policy, [entry.uscc], matches, actor)
        await self._audit(entry, "queue.rematched", note)
        return entry

    def _close(self, entry: RebateException, resolution: Resolution, note: str | None) -> None:
        entry.resolved_at, entry.resolution = datetime.now(UTC), resolution
        entry.resolved_by, entry.resolution_note = self.principal.subject, note

    async def _audit(self, entry: RebateException, kind: str, note: str | None) -> None:
        detail = {"entry_id": str(entry.id), "reason": entry.reason.value, "note": note}
        await self.audit.append(Step(kind, self.principal.subject, detail, entry.case_id))
