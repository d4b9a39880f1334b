"""The reconciliation: every money invariant recomputed from the tables, as the endpoint, the
property tests and an alert read it. Reviewers see the violations placed in their own sub-tree
(by the enterprise's live case, else its latest case or the queue entry that last held the
record); what no organisation can be named for (the ledger as a whole, the audit chain, an
enterprise that never had a case) is the federation's: admins see everything."""

from sqlalchemy.ext.asyncio import AsyncSession

from rebate.access import reviewer_covers
from rebate.audit.checkpoints import CheckpointSigner
from rebate.audit.service import AuditLog
from rebate.reconciliation.repository import ReconciliationRepository
from rebate.reconciliation.schemas import Reconciliation, Violation
from servicekit.auth import Principal


async def reconcile(
    session: AsyncSession,
    period: str | None,
    signer: CheckpointSigner,
    principal: Principal | None = None,
) -> Reconciliation:
    rows = await ReconciliationRepository(session).violations(period)
    found = []
    for row in rows:
        path = row.pop("org_path")
        if principal is None or reviewer_covers(principal, path):
            found.append(Violation(**row))
    if principal is None or principal.is_admin:
        # The chain up to its anchored head: a cut or rewritten tail fails against the
        # signed checkpoints even where every link still verifies.
        report = await AuditLog(session).verify(signer)
        if not report.intact:
            broken = report.broken
            found.append(
                Violation(
                    invariant="audit_chain",
                    uscc=None,
                    period=None,
                    case_id=broken.case_id if broken else None,
                    fee_record_id=None,
                    payout_id=None,
                    detail=f"{report.problem} after {report.events_checked} good events"
                    + (f" (event {broken.id})" if broken else ""),
                )
            )
    return Reconciliation(period=period, violations=found)
