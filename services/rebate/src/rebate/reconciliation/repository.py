"""The invariants of the money, recomputed from the tables: each query lists violations only,
so on a healthy database every one returns no row."""

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# (a) Every transaction balances, and so does each period's ledger as a whole.
UNBALANCED = """
SELECT 'trial_balance' AS invariant, NULL AS uscc, period, NULL AS org_path,
       NULL::uuid AS case_id, NULL::uuid AS fee_record_id, NULL::uuid AS payout_id,
       'debits exceed credits by ' || sum(debit - credit)::text AS detail
FROM rebate.ledger_entry WHERE (CAST(:period AS varchar) IS NULL OR period = :period)
GROUP BY period HAVING sum(debit) <> sum(credit)
UNION ALL
SELECT 'trial_balance', min(uscc), min(period), NULL, NULL, NULL, NULL,
       'transaction ' || txn_id::text || ' does not balance'
FROM rebate.ledger_entry WHERE (CAST(:period AS varchar) IS NULL OR period = :period)
GROUP BY txn_id HAVING sum(debit) <> sum(credit)
"""


# Where a violation of an enterprise and period is placed when no live case places it: the
# sub-tree of its latest case, whatever its state (a rejected case still names the federation
# that decided it). Without any case the violation is the federation's as a whole (admins).
def latest_case_path(uscc: str, period: str) -> str:
    """SQL: the org path of the latest case of the enterprise and period in these columns."""
    return f"""(SELECT c.org_path FROM rebate.rebate_case c
        WHERE c.uscc = {uscc} AND c.period = {period}
        ORDER BY c.created_at DESC, c.id DESC LIMIT 1)"""  # noqa: S608 (our column names only)


# (b) A current record sits in exactly one place: a case, or an open queue entry (or one a
# person dismissed: a decision, not a loss); superseded and voided versions are in no open
# queue entry. A record in none is lost where its enterprise has a live case for the period,
# or where a run over its period and region started after it arrived and finished: that run
# saw it and had to place it. Records no finished run has passed over yet legitimately wait
# (a record arriving during a run, for an enterprise the run had not listed, waits for the
# next one).
PLACEMENT = f"""
WITH placed AS (
    SELECT f.id, f.uscc, f.period, f.region_code, f.received_at,
           (SELECT count(*) FROM rebate.case_fee cf WHERE cf.fee_record_id = f.id) AS in_cases,
           (SELECT count(*) FROM rebate.rebate_exception e
            WHERE e.fee_record_id = f.id AND e.resolved_at IS NULL) AS in_queue,
           EXISTS (SELECT 1 FROM rebate.rebate_exception e
                   WHERE e.fee_record_id = f.id AND e.resolution = 'dismissed') AS dismissed,
           (SELECT c.org_path FROM rebate.rebate_case c
            WHERE c.uscc = f.uscc AND c.period = f.period AND c.status <> 'rejected'
            ORDER BY c.created_at LIMIT 1) AS live_case_path
    FROM rebate.fee_record f
    WHERE f.superseded_at IS NULL AND f.voided_at IS NULL
      AND (CAST(:period AS varchar) IS NULL OR f.period = :period)
),
lost AS (
    SELECT p.*, p.live_case_path IS NULL AS after_run
    FROM placed p
    WHERE p.in_cases + p.in_queue = 0 AND NOT p.dismissed
      AND (p.live_case_path IS NOT NULL OR EXISTS (
          SELECT 1 FROM rebate.rebate_run r
          WHERE r.status = 'done' AND r.period = p.period AND r.started_at > p.received_at
            AND p.region_code LIKE r.region_prefix || '%'))
)
SELECT 'placement' AS invariant, uscc, period, live_case_path AS org_path,
       NULL::uuid AS case_id, id AS fee_record_id, NULL::uuid AS payout_id,
       'in ' || in_cases || ' cases and ' || in_queue || ' open queue entries' AS detail
FROM placed
WHERE in_cases + in_queue > 1
UNION ALL
SELECT 'placement', l.uscc, l.period,
       -- The last queue entry that held it, or the latest case of its enterprise and period.
       coalesce(l.live_case_path,
                (SELECT e.org_path FROM rebate.rebate_exception e
                 WHERE e.fee_record_id = l.id AND e.org_path IS NOT NULL
                 ORDER BY e.resolved_at DESC LIMIT 1),
                {latest_case_path("l.uscc", "l.period")}),
       NULL, l.id, NULL,
       CASE WHEN l.after_run
            THEN 'in no case and no queue entry, though a finished run passed over it'
            ELSE 'in no case and no queue entry, though the period has a case' END
FROM lost l
UNION ALL
SELECT 'placement', f.uscc, f.period, e.org_path, NULL, f.id, NULL,
       'a superseded or voided version is still in the queue'
FROM rebate.rebate_exception e JOIN rebate.fee_record f ON f.id = e.fee_record_id
WHERE e.resolved_at IS NULL AND (f.superseded_at IS NOT NULL OR f.voided_at IS NOT NULL)
  AND (CAST(:period AS varchar) IS NULL OR f.period = :period)
"""  # noqa: S608 (the sub-query above only; every value is a bound parameter)

# (c) Per enterprise and period: granted (refunds account) plus the refunds still under
# review equal the policy's ratio of the counted records, rounded half up; nothing is granted
# where no live case is; and never more is granted than was collected.
REFUNDS = f"""
WITH live AS (
    SELECT DISTINCT ON (c.uscc, c.period) c.uscc, c.period, c.policy_id, c.org_path
    FROM rebate.rebate_case c
    WHERE c.status <> 'rejected' AND (CAST(:period AS varchar) IS NULL OR c.period = :period)
    ORDER BY c.uscc, c.period, c.created_at, c.id
),
counted AS (
    SELECT l.uscc, l.period, coalesce(sum(f.fee_amount), 0) AS total
    FROM live l
    LEFT JOIN rebate.fee_record f
      ON f.uscc = l.uscc AND f.period = l.period
     AND f.superseded_at IS NULL AND f.voided_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM rebate.case_fee cf
                     JOIN rebate.rebate_case r ON r.id = cf.case_id
                     WHERE cf.fee_record_id = f.id AND r.status = 'rejected'
                       AND r.source <> 'supplementary')
     AND NOT EXISTS (SELECT 1 FROM rebate.rebate_exception e
                     WHERE e.fee_record_id = f.id
                       AND (e.resolved_at IS NULL OR e.resolution = 'dismissed'))
    GROUP BY l.uscc, l.period
),
granted AS (
    SELECT uscc, period, sum(debit - credit) AS amount FROM rebate.ledger_entry
    WHERE account = 'refunds' AND (CAST(:period AS varchar) IS NULL OR period = :period)
    GROUP BY uscc, period
),
collected AS (
    SELECT uscc, period, sum(credit - debit) AS amount FROM rebate.ledger_entry
    WHERE account = 'fees_collected' AND (CAST(:period AS varchar) IS NULL OR period = :period)
    GROUP BY uscc, period
),
reviewing AS (
    SELECT uscc, period,
           sum(refund) FILTER (WHERE status IN ('pending_review', 'pending_approval')) AS amount,
           coalesce(sum(refund) FILTER (WHERE status = 'approved'), 0) AS booked,
           coalesce(sum(refund) FILTER (
               WHERE status = 'rejected' AND source = 'supplementary'), 0) AS refused
    FROM rebate.rebate_case
    GROUP BY uscc, period
),
due AS (
    -- Refused supplementary amounts are not paid, but never take back what was granted while
    -- the fees still earn it (cases/settlement.py, due_after_refusals).
    SELECT l.uscc, l.period, l.org_path,
           GREATEST(
               round(k.total * p.refund_ratio, 2) - coalesce(v.refused, 0),
               LEAST(round(k.total * p.refund_ratio, 2),
                     coalesce(g.amount, 0) - coalesce(v.booked, 0))) AS amount,
           coalesce(g.amount, 0) AS granted, coalesce(v.amount, 0) AS reviewing
    FROM live l
    JOIN counted k ON k.uscc = l.uscc AND k.period = l.period
    JOIN rebate.policy p ON p.id = l.policy_id
    LEFT JOIN granted g ON g.uscc = l.uscc AND g.period = l.period
    LEFT JOIN reviewing v ON v.uscc = l.uscc AND v.period = l.period
)
SELECT 'refund_due' AS invariant, d.uscc, d.period, d.org_path, NULL::uuid AS case_id,
       NULL::uuid AS fee_record_id, NULL::uuid AS payout_id,
       'due ' || d.amount || ', granted ' || d.granted || ', under review ' || d.reviewing
       AS detail
FROM due d
WHERE d.amount <> d.granted + d.reviewing
UNION ALL
SELECT 'refund_due', g.uscc, g.period, {latest_case_path("g.uscc", "g.period")},
       NULL, NULL, NULL,
       'granted ' || g.amount || ' without a live case'
FROM granted g
WHERE g.amount <> 0 AND NOT EXISTS (
    SELECT 1 FROM live l WHERE l.uscc = g.uscc AND l.period = g.period)
UNION ALL
SELECT 'refund_due', g.uscc, g.period, {latest_case_path("g.uscc", "g.period")},
       NULL, NULL, NULL,
       'granted ' || g.amount || ' exceeds the ' || coalesce(c.amount, 0) || ' collected'
FROM granted g LEFT JOIN collected c ON c.uscc = g.uscc AND c.period = g.period
WHERE g.amount > coalesce(c.amount, 0)
"""  # noqa: S608 (the sub-query above only; every value is a bound parameter)

# (d) A payout is paid at most once, and the ledger agrees with its state; a paid payout's
# amount is the one its payment booked, and every payout's amount is the one its instruction
# put on the audit chain (which verifies on its own): a payout row edited in the database,
# before the bank paid or after, no longer matches either.
PAYOUTS = """
WITH paid_lines AS (
    SELECT payout_id, count(*) AS n, sum(debit) AS amount FROM rebate.ledger_entry
    WHERE kind = 'paid' AND debit > 0 AND payout_id IS NOT NULL
    GROUP BY payout_id
),
payouts AS (
    SELECT c.uscc, c.period, c.org_path, c.id AS case_id, p.id AS payout_id, p.status,
           p.amount, coalesce(l.n, 0) AS paid_n, l.amount AS paid_amount,
           i.n AS instructed_n, i.amount AS instructed_amount
    FROM rebate.payout p
    JOIN rebate.rebate_case c ON c.id = p.case_id
    LEFT JOIN paid_lines l ON l.payout_id = p.id
    -- The case's steps, by the index on their case.
    CROSS JOIN LATERAL (
        SELECT count(*) AS n, CAST(min(a.detail ->> 'amount') AS numeric) AS amount
        FROM rebate.audit_event a
        WHERE a.case_id = c.id AND a.kind = 'payout.instructed'
          AND a.detail ->> 'payout_id' = CAST(p.id AS text)
    ) AS i
    WHERE (CAST(:period AS varchar) IS NULL OR c.period = :period)
)
SELECT 'payout_once' AS invariant, uscc, period, org_path, case_id,
       NULL::uuid AS fee_record_id, payout_id,
       'payout ' || status || ' with ' || paid_n || ' payments on the ledger' AS detail
FROM payouts
WHERE paid_n > 1 OR (status = 'paid') <> (paid_n = 1)
UNION ALL
SELECT 'payout_as_instructed', uscc, period, org_path, case_id, NULL, payout_id,
       'payout of ' || amount || ': instructed for '
       || coalesce(instructed_amount::text, 'nothing') || ' on the audit chain'
       || CASE WHEN paid_n = 1 THEN ', paid ' || paid_amount || ' on the ledger' ELSE '' END
FROM payouts
WHERE instructed_n <> 1 OR instructed_amount <> amount OR (paid_n = 1 AND paid_amount <> amount)
"""

# (f) What the last approver granted, as the ledger (append-only) booked it, is what the case
# says: its refund is the approved amount less the reductions booked since, its set-off the
# one booked since. A granted case's row edited in the database no longer matches.
GRANTED = """
WITH granted AS (
    SELECT c.id, c.uscc, c.period, c.org_path, c.refund, c.set_off,
           (SELECT max(l.id) FROM rebate.ledger_entry l
            WHERE l.case_id = c.id AND l.kind = 'approved' AND l.account = 'refunds')
           AS approval
    FROM rebate.rebate_case c
    WHERE c.status IN ('approved', 'instructed', 'paid')
      AND (CAST(:period AS varchar) IS NULL OR c.period = :period)
),
booked AS (
    SELECT g.*,
           coalesce((SELECT l.debit FROM rebate.ledger_entry l WHERE l.id = g.approval), 0)
           - coalesce((SELECT sum(l.credit) FROM rebate.ledger_entry l
                       WHERE l.case_id = g.id AND l.id > g.approval
                         AND l.kind = 'approval_reduced' AND l.account = 'refunds'), 0)
           AS refund_booked,
           coalesce((SELECT sum(l.credit - l.debit) FROM rebate.ledger_entry l
                     WHERE l.case_id = g.id AND l.id > g.approval AND l.account = 'receivable'
                       AND l.kind IN ('set_off', 'set_off_reversed')), 0) AS set_off_booked
    FROM granted g
)
SELECT 'granted_as_approved' AS invariant, uscc, period, org_path, id AS case_id,
       NULL::uuid AS fee_record_id, NULL::uuid AS payout_id,
       'the case says refund ' || refund || ' and set-off ' || set_off
       || '; its approval booked ' || refund_booked || ' and ' || set_off_booked AS detail
FROM booked
WHERE refund <> refund_booked OR set_off <> set_off_booked
"""

# (g) A paid case's payments and set-off equal what was granted on it, plus what is owed back
# on it: its refunds payable are settled to zero. Each overpayment owed back is explained by
# a contradictory bank answer (a payout paid after it failed) or by a reduction booked while
# the payout was with the bank, and never exceeds them; an enterprise never has more set off
# than it owed back (a receivable removed from the ledger shows here or in (c)).
PAID = """
SELECT 'paid_as_granted' AS invariant, c.uscc, c.period, c.org_path, c.id AS case_id,
       NULL::uuid AS fee_record_id, NULL::uuid AS payout_id,
       'paid ' || b.paid || ' and set off ' || b.set_off || ' against ' || b.approved
       || ' approved, ' || b.released || ' reduced or released and ' || b.owed_back
       || ' owed back' AS detail
FROM rebate.rebate_case c
CROSS JOIN LATERAL (
    SELECT coalesce(sum(l.credit - l.debit), 0) AS balance,
           coalesce(sum(l.debit) FILTER (WHERE l.kind = 'paid'), 0) AS paid,
           coalesce(sum(l.debit - l.credit)
                    FILTER (WHERE l.kind IN ('set_off', 'set_off_reversed')), 0) AS set_off,
           coalesce(sum(l.credit) FILTER (WHERE l.kind = 'approved'), 0) AS approved,
           coalesce(sum(l.debit)
                    FILTER (WHERE l.kind IN ('approval_reduced', 'approval_reversed')), 0)
           AS released,
           coalesce(sum(l.credit) FILTER (WHERE l.kind = 'overpaid'), 0) AS owed_back
    FROM rebate.ledger_entry l
    WHERE l.case_id = c.id AND l.account = 'refunds_payable'
) AS b
WHERE c.status = 'paid' AND b.balance <> 0
  AND (CAST(:period AS varchar) IS NULL OR c.period = :period)
UNION ALL
SELECT 'receivable_explained', c.uscc, c.period, c.org_path, c.id, NULL, NULL,
       'owed back ' || o.amount || ' on the payments, against ' || e.reduced
       || ' reduced and ' || e.contradicted || ' paid after a contradictory answer'
FROM (
    SELECT l.case_id, sum(l.debit) AS amount
    FROM rebate.ledger_entry l
    WHERE l.account = 'receivable' AND l.kind = 'overpaid' AND l.debit > 0
      AND EXISTS (SELECT 1 FROM rebate.ledger_entry o
                  WHERE o.txn_id = l.txn_id AND o.account = 'refunds_payable')
    GROUP BY l.case_id
) AS o
JOIN rebate.rebate_case c ON c.id = o.case_id
CROSS JOIN LATERAL (
    SELECT coalesce((SELECT sum(r.debit) FROM rebate.ledger_entry r
                     WHERE r.case_id = c.id AND r.kind = 'approval_reduced'
                       AND r.account = 'refunds_payable'), 0) AS reduced,
           coalesce((SELECT sum(p.amount) FROM rebate.payout p
                     WHERE p.case_id = c.id AND p.status = 'paid'
                       AND EXISTS (SELECT 1 FROM rebate.bank_answer a
                                   WHERE a.payout_id = p.id AND a.outcome = 'contradiction'
                                     AND a.event_type = 'payout.paid')),
                    0) AS contradicted
) AS e
WHERE o.amount > e.reduced + e.contradicted
  AND (CAST(:period AS varchar) IS NULL OR c.period = :period)
UNION ALL
-- Per enterprise, over its periods: placed with the enterprise's latest case.
SELECT 'receivable_explained', l.uscc, NULL,
       (SELECT c.org_path FROM rebate.rebate_case c WHERE c.uscc = l.uscc
        ORDER BY c.created_at DESC, c.id DESC LIMIT 1),
       NULL, NULL, NULL,
       'set off ' || sum(l.credit) || ' against ' || sum(l.debit) || ' owed back'
FROM rebate.ledger_entry l
WHERE l.account = 'receivable'
  AND (CAST(:period AS varchar) IS NULL OR l.uscc IN (
      SELECT uscc FROM rebate.ledger_entry WHERE period = :period))
GROUP BY l.uscc
HAVING sum(l.debit) < sum(l.credit)
"""

QUERIES = (UNBALANCED, PLACEMENT, REFUNDS, PAYOUTS, GRANTED, PAID)


class ReconciliationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def violations(self, period: str | None) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for query in QUERIES:
            rows = await self.session.execute(text(query), {"period": period})
            found += [dict(row._mapping) for row in rows]
        return found
