"""The automatic run (免申即享): every eligible fee record of a period and region becomes part of
a case for its enterprise, matched to the enterprise's federation through membership; what
cannot be matched or is not eligible goes to the exception queue with its reason."""

import asyncio
import logging
import uuid
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rebate.audit.service import AuditLog, Step
from rebate.cases.models import CaseSource, CaseStatus
from rebate.cases.settlement import Settlement
from rebate.clients.membership import EnterpriseMatch, MembershipClient
from rebate.fees.ids import new_ids
from rebate.ledger.service import ZERO, refund_of
from rebate.policies.models import Policy, PolicyMode
from rebate.queue.repository import QueueRepository
from rebate.runs.errors import ApplicationPolicyError, RunOutsidePolicyError
from rebate.runs.models import ExceptionReason, RebateRun, RunStatus
from rebate.runs.service import check_scope
from servicekit.bulk import copy_records

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    """One enterprise's fee records of the period that no case or queue entry holds yet."""

    uscc: str
    name: str
    record_ids: list[uuid.UUID]
    collected: Decimal
    has_case: bool  # a live case of the period takes them in (settlement), no new case


# What a new pass decides again: the register or the policy may have changed since.
REDECIDED = (
    ExceptionReason.UNMATCHED,
    ExceptionReason.NEEDS_REVIEW,
    ExceptionReason.INELIGIBLE_SIZE,
    ExceptionReason.EXCLUDED,
    ExceptionReason.OUTSIDE_POLICY,
    ExceptionReason.ZERO_REFUND,
)


async def locked_afresh(
    session: AsyncSession, period: str, policy: Policy, chunk: Sequence[str]
) -> list[Candidate]:
    """The enterprises' candidates as they are now, with the enterprises locked (in
    credit-code order, as every writer locks them): a correction or a late record that landed
    since the run listed them is either in, or waits for this transaction and then finds its
    case."""
    usccs = sorted(set(chunk))
    if not usccs:
        return []
    await session.execute(
        text(
            """
            SELECT count(pg_advisory_xact_lock(hashtext('rebate-payout:' || u)))
            FROM (SELECT u FROM unnest(CAST(:usccs AS varchar[])) AS t (u) ORDER BY u) AS o
            """
        ),
        {"usccs": usccs},
    )
    # One statement, so one snapshot: a delivery committing a record together with its queue
    # entry is seen whole or not at all. First, per enterprise, whether it has anything in a
    # case or the queue this period (and a live case). Links and queue entries only ever join
    # a record to its own enterprise and period (checked by the database, migration 0009), so
    # an enterprise with neither has all its current records free, without a look-up per
    # record. Aggregates over index look-ups, not EXISTS or LIMIT 1: the planner may answer
    # EXISTS by hashing the whole table, and a LIMIT 1 by a scan it expects to stop early, which
    # reads every row when nothing matches. Then each enterprise's records through its
    # (period, credit code) index: OFFSET 0 keeps the planner from folding the look-up into a
    # join it might answer by scanning every current record. MATERIALIZED: the per-enterprise
    # look-ups run once per enterprise, not once per record.
    rows = await session.execute(
        text(
            """
            WITH k AS MATERIALIZED (
                SELECT t.u,
                       (SELECT count(*) FROM rebate.rebate_case c
                        WHERE c.uscc = t.u AND c.period = :period) AS cases,
                       (SELECT coalesce(bool_or(c.status <> 'rejected'), false)
                        FROM rebate.rebate_case c
                        WHERE c.uscc = t.u AND c.period = :period) AS live,
                       (SELECT count(*) FROM rebate.rebate_exception e
                        WHERE e.uscc = t.u AND e.period = :period) AS queued
                FROM unnest(CAST(:usccs AS varchar[])) AS t (u)
            )
            SELECT k.u, min(f.enterprise_name), array_agg(f.id ORDER BY f.id), sum(f.fee_amount),
                   bool_or(k.live)
            FROM k
            CROSS JOIN LATERAL (
                SELECT f.id, f.enterprise_name, f.fee_amount
                FROM rebate.fee_record f
                WHERE f.period = :period AND f.uscc = k.u
                  AND f.superseded_at IS NULL AND f.voided_at IS NULL
                  AND f.region_code LIKE ANY(CAST(:prefixes AS varchar[]))
                  AND ((k.cases = 0 AND k.queued = 0) OR (
                      (SELECT true FROM rebate.case_fee cf WHERE cf.fee_record_id = f.id) IS NULL
                      AND (SELECT count(*) FROM rebate.rebate_exception e
                           WHERE e.fee_record_id = f.id
                             AND (e.resolved_at IS NULL OR e.resolution = 'dismissed')) = 0))
                OFFSET 0
            ) AS f
            GROUP BY k.u
            ORDER BY k.u
            """
        ),
        {
            "usccs": usccs,
            "period": period,
            "prefixes": [f"{prefix}%" for prefix in policy.region_prefixes],
        },
    )
    return [Candidate(u, n, list(ids), Decimal(t), live) for u, n, ids, t, live in rows]


async def deciding_policy(
    session: AsyncSession, policy_id: uuid.UUID, period: str, region_prefix: str
) -> Policy:
    """The version in force now of the policy a run was started under, held (FOR SHARE) until
    the caller's transaction ends: a revision saved meanwhile waits for it, and the next chunk
    decides under the new version. A run queued before a revision thus never refunds what the
    new version excludes, and stops (failed, with the reason) where the new version leaves it
    nothing to decide: enterprises apply, or the scope is no longer the policy's."""
    started = select(Policy.policy_key).where(Policy.id == policy_id).scalar_subquery()
    policy = await session.scalar(
        select(Policy)
        .where(Policy.policy_key == started, Policy.retired_at.is_(None))
        .with_for_update(read=True)
        .execution_options(populate_existing=True)
    )
    if policy is None:
        raise RunOutsidePolicyError("No version of the run's policy is in force")
    if policy.mode is PolicyMode.APPLICATION:
        raise ApplicationPolicyError(
            f"Version {policy.version} of policy {policy.policy_key!r} is applied for"
        )
    check_scope(policy, period, region_prefix)
    return policy


async def counts_of(session: AsyncSession, run_id: uuid.UUID) -> tuple[int, int]:
    row = (
        await session.execute(
            text(
                """
                SELECT (SELECT count(*) FROM rebate.rebate_case WHERE run_id = :run_id),
                       (SELECT count(*) FROM rebate.rebate_exception
                        WHERE run_id = :run_id AND resolved_at IS NULL)
                """
            ),
            {"run_id": run_id},
        )
    ).one()
    return int(row[0]), int(row[1])


async def reopen_queue(session: AsyncSession, period: str, region_prefix: str) -> None:
    """A new pass decides again what earlier passes over the scope queued."""
    await session.execute(
        text(
            """
            UPDATE rebate.rebate_exception e SET resolved_at = now(), resolution = 'rerun'
            FROM rebate.fee_record f
            WHERE e.fee_record_id = f.id AND e.period = :period AND e.resolved_at IS NULL
              AND f.region_code LIKE :prefix AND e.reason = ANY(CAST(:reasons AS varchar[]))
            """
        ),
        {"period": period, "prefix": f"{region_prefix}%", "reasons": [r.value for r in REDECIDED]},
    )


async def candidates(session: AsyncSession, period: str, region_prefix: str) -> list[str]:
    """The enterprises with current records that no case and no open (or dismissed) queue
    entry holds. Only their credit codes: each chunk reads its records afresh under its
    enterprises' locks (`locked_afresh`), so the run does not carry a million record ids."""
    rows = await session.execute(
        text(
            """
            SELECT DISTINCT f.uscc
            FROM rebate.fee_record f
            WHERE f.period = :period AND f.superseded_at IS NULL AND f.voided_at IS NULL
              AND f.region_code LIKE :prefix
              AND NOT EXISTS (SELECT 1 FROM rebate.case_fee cf WHERE cf.fee_record_id = f.id)
              AND NOT EXISTS (
                  SELECT 1 FROM rebate.rebate_exception e
                  WHERE e.fee_record_id = f.id
                    AND (e.resolved_at IS NULL OR e.resolution = 'dismissed'))
            ORDER BY f.uscc
            """
        ),
        {"period": period, "prefix": f"{region_prefix}%"},
    )
    return list(rows.scalars())


def classify(
    candidate: Candidate,
    match: EnterpriseMatch | None,
    policy: Policy,
    excluded: AbstractSet[str] | None = None,
) -> tuple[ExceptionReason, str] | None:
    """Why an enterprise's records cannot become a case under the policy, or None.
    `excluded`: the policy's exclusions as a set, made once for a chunk of candidates (the
    list may hold thousands of credit codes)."""
    if refund_of(candidate.collected, policy.refund_ratio) == ZERO:
        return ExceptionReason.ZERO_REFUND, "The policy refunds nothing on these records"
    if match is None:
        return ExceptionReason.UNMATCHED, "The credit code is not in the union register"
    if match.needs_review:
        return ExceptionReason.NEEDS_REVIEW, "The register flags the credit code for review"
    if candidate.uscc in (policy.excluded_usccs if excluded is None else excluded):
        return ExceptionReason.EXCLUDED, "Excluded by the policy"
    if match.size_class not in policy.size_classes:
        return ExceptionReason.INELIGIBLE_SIZE, f"A {match.size_class} enterprise"
    return None


# The tables a run looks up by credit code and period while it fills them (links are looked
# up by primary key only, whatever the statistics say).
FILLED_BY_RUNS = ("rebate.rebate_case", "rebate.rebate_exception")
# After this many chunks are written: once a chunk's rows are in, the statistics know that
# credit codes are nearly all distinct, which stays true as the tables grow; the second is for
# a run that starts on tables holding a few rows of another kind.
ANALYZED_AFTER_CHUNKS = frozenset({1, 8})


class RunExecutor:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        membership: MembershipClient,
        chunk: int,
        writers: int,
        owner: str | None = None,
    ) -> None:
        """`chunk` enterprises per membership lookup and per transaction, `writers` chunks
        written at once: PostgreSQL spends most of a run on the COPY of the record-to-case
        links, on one core per connection, and a second writer uses another core while the
        first waits on membership or on the database. `owner`: the lease holder this executor
        works for; only while it still holds the run does it mark it done or failed."""
        self.sessions = sessions
        self.membership = membership
        self.chunk = chunk
        self.writers = writers
        self.owner = owner

    def _taken_over(self, run: RebateRun) -> bool:
        """Another worker claimed the run while this one stalled past its lease (before its
        heartbeat noticed): that one resumes and ends it, this one ends nothing. Its chunks
        written meanwhile are harmless, each enterprise being written under its lock."""
        return self.owner is not None and run.lease_owner != self.owner

    async def execute(self, run_id: uuid.UUID) -> None:
        try:
            await self._execute(run_id)
        except asyncio.CancelledError:
            raise  # the lease was lost or the process stops: the next holder resumes it
        except Exception as exc:
            logger.exception("rebate run failed", extra={"run_id": str(run_id)})
            while isinstance(exc, ExceptionGroup):  # from the writers: say what went wrong
                exc = exc.exceptions[0]
            failure = f"{type(exc).__name__}: {exc}"[:500]
            async with self.sessions() as session, session.begin():
                run = await session.get(RebateRun, run_id, with_for_update=True)
                assert run is not None
                if self._taken_over(run):
                    return
                run.status, run.failure, run.finished_at = (
                    RunStatus.FAILED,
                    failure,
                    datetime.now(UTC),
                )
                run.lease_owner = run.lease_expires_at = None
                await session.flush()
                await AuditLog(session).append(
                    Step("run.failed", run.started_by, {"run_id": str(run_id), "failure": failure})
                )

    async def _execute(self, run_id: uuid.UUID) -> None:
        async with self.sessions() as session, session.begin():
            run = await session.get(RebateRun, run_id)
            assert run is not None
            await deciding_policy(session, run.policy_id, run.period, run.region_prefix)
            # A resumed run (its first holder died) goes on with what is left: the chunks
            # written before are committed, and their records are no candidates any more.
            resumed = run.enterprises_total > 0
            if not resumed:
                await reopen_queue(session, run.period, run.region_prefix)
            found = await candidates(session, run.period, run.region_prefix)
            if resumed:
                run.enterprises_done = run.enterprises_total - len(found)
            else:
                run.enterprises_total = len(found)
            actor, period = run.started_by, run.period
            policy_id, region_prefix = run.policy_id, run.region_prefix
        chunks = iter(
            [found[start : start + self.chunk] for start in range(0, len(found), self.chunk)]
        )
        written = 0

        async def writer() -> None:
            nonlocal written
            # Each writer takes the next chunk, asks membership about it and writes it in a
            # transaction of its own; chunks are disjoint sets of enterprises, and the locks
            # they share (the run's progress row, the audit chain) are taken last.
            for chunk in chunks:
                matches = await self.membership.enterprises(list(chunk))
                async with self.sessions() as session, session.begin():
                    policy = await deciding_policy(session, policy_id, period, region_prefix)
                    created, queued = await place(
                        session, period, run_id, policy, chunk, matches, actor
                    )
                    progress = update(RebateRun).where(RebateRun.id == run_id)
                    if self.owner is not None:  # not after another worker took the run over
                        progress = progress.where(RebateRun.lease_owner == self.owner)
                    await session.execute(
                        progress.values(
                            enterprises_done=RebateRun.enterprises_done + len(chunk),
                            cases_created=RebateRun.cases_created + created,
                            queued=RebateRun.queued + queued,
                        )
                    )
                written += 1
                if written in ANALYZED_AFTER_CHUNKS:
                    await self._analyze()

        # A failing writer cancels the others; the run is then marked failed (execute).
        async with asyncio.TaskGroup() as writers:
            for _ in range(self.writers):
                writers.create_task(writer())
        await self._finish(run_id)

    async def _analyze(self) -> None:
        """Fresh planner statistics for the tables the run fills. Taken while they were small,
        the old ones make every look-up by credit code look equally cheap, and the planner
        may then pick an index that reads all of the period's cases for each enterprise."""
        try:
            async with self.sessions() as session, session.begin():
                await session.execute(text(f"ANALYZE {', '.join(FILLED_BY_RUNS)}"))
        except SQLAlchemyError:  # a help, not part of the run: it goes on with older statistics
            logger.warning("ANALYZE during a run failed", exc_info=True)

    async def _finish(self, run_id: uuid.UUID) -> None:
        """The run's figures counted from what it wrote, so that a resumed run reports what
        an uninterrupted one would."""
        async with self.sessions() as session, session.begin():
            run = await session.get(RebateRun, run_id, with_for_update=True)
            assert run is not None
            if self._taken_over(run):
                return
            cases, queued = await counts_of(session, run_id)
            run.status, run.finished_at = RunStatus.DONE, datetime.now(UTC)
            run.enterprises_done, run.cases_created, run.queued = (
                run.enterprises_total,
                cases,
                queued,
            )
            run.lease_owner = run.lease_expires_at = None
            await session.flush()
            await AuditLog(session).append(
                Step(
                    "run.finished",
                    run.started_by,
                    {
                        "run_id": str(run_id),
                        "enterprises": run.enterprises_total,
                        "cases_created": cases,
                        "queued": queued,
                    },
                )
            )


async def place(
    session: AsyncSession,
    period: str,
    run_id: uuid.UUID | None,
    policy: Policy,
    usccs: Sequence[str],
    matches: dict[str, EnterpriseMatch],
    actor: str,
    source: CaseSource = CaseSource.AUTOMATIC,
) -> tuple[int, int]:
    """New cases (of `source`) for the enterprises' eligible candidates, queue entries for the
    others, and a live case's reckoning for those that have one: (cases created, records
    queued)."""
    chunk = await locked_afresh(session, period, policy, usccs)
    eligible: list[tuple[Candidate, EnterpriseMatch]] = []
    exceptions: list[tuple[Candidate, ExceptionReason, str, EnterpriseMatch | None]] = []
    # Late records of an enterprise with a case for the period join that case's reckoning.
    settlement = Settlement(session)
    for candidate in (c for c in chunk if c.has_case):
        await settlement.settle(candidate.uscc, period, actor)
    excluded = frozenset(policy.excluded_usccs)
    for candidate in (c for c in chunk if not c.has_case):
        match = matches.get(candidate.uscc)
        problem = classify(candidate, match, policy, excluded)
        if problem is None:
            assert match is not None
            eligible.append((candidate, match))
        else:
            exceptions.append((candidate, *problem, match))

    queued = [
        (c, reason, detail, m, rid) for c, reason, detail, m in exceptions for rid in c.record_ids
    ]
    if queued:
        # An unmatched credit code names no federation: the policy's queue office for the
        # record's region owns its entry (none: admins alone).
        unowned = [rid for _, _, _, m, rid in queued if m is None]
        offices = await QueueRepository(session).office_paths(policy, unowned)
        await copy_records(
            session,
            "rebate_exception",
            ("id", "run_id", "fee_record_id", "uscc", "period", "reason", "detail", "org_path"),
            [
                (
                    exception_id,
                    run_id,
                    record_id,
                    c.uscc,
                    period,
                    reason.value,
                    detail,
                    m.affiliated_org_path if m else offices.get(record_id),
                )
                for exception_id, (c, reason, detail, m, record_id) in zip(
                    new_ids(len(queued)), queued, strict=True
                )
            ],
            schema="rebate",
        )
    if not eligible:
        return 0, len(queued)

    case_ids = new_ids(len(eligible))
    now = datetime.now(UTC)
    count = len(eligible)
    inserted = await session.execute(
        text(
            """
            INSERT INTO rebate.rebate_case (id, uscc, enterprise_id, enterprise_name, period,
                org_id, org_path, policy_id, run_id, source, status, collected, refund,
                set_off, has_union_account, version, created_at, updated_at)
            SELECT * FROM unnest(CAST(:id AS uuid[]), CAST(:uscc AS varchar[]),
                CAST(:enterprise_id AS uuid[]), CAST(:name AS varchar[]),
                CAST(:period AS varchar[]), CAST(:org_id AS uuid[]),
                CAST(:org_path AS varchar[]), CAST(:policy_id AS uuid[]),
                CAST(:run_id AS uuid[]), CAST(:source AS varchar[]),
                CAST(:status AS varchar[]), CAST(:collected AS numeric[]),
                CAST(:refund AS numeric[]), CAST(:set_off AS numeric[]),
                CAST(:has_union AS boolean[]), CAST(:version AS integer[]),
                CAST(:at AS timestamptz[]), CAST(:at AS timestamptz[]))
            ON CONFLICT (uscc, period)
                WHERE status IN ('pending_review', 'pending_approval', 'approved')
                DO NOTHING
            RETURNING id
            """
        ),
        {
            "id": case_ids,
            "uscc": [c.uscc for c, _ in eligible],
            "enterprise_id": [m.id for _, m in eligible],
            "name": [m.name for _, m in eligible],
            "period": [period] * count,
            "org_id": [m.affiliated_org_id for _, m in eligible],
            "org_path": [m.affiliated_org_path for _, m in eligible],
            "policy_id": [policy.id] * count,
            "run_id": [run_id] * count,
            "source": [source.value] * count,
            "status": [CaseStatus.PENDING_REVIEW.value] * count,
            "collected": [c.collected for c, _ in eligible],
            "refund": [refund_of(c.collected, policy.refund_ratio) for c, _ in eligible],
            "set_off": [Decimal("0.00")] * count,
            "has_union": [m.has_union_account for _, m in eligible],
            "version": [1] * count,
            "at": [now] * count,
        },
    )
    # A concurrent pass may have taken an enterprise meanwhile; link only our own cases.
    ours = {row[0] for row in inserted}
    links = [
        (rid, case_id)
        for case_id, (candidate, _) in zip(case_ids, eligible, strict=True)
        if case_id in ours
        for rid in candidate.record_ids
    ]
    await copy_records(session, "case_fee", ("fee_record_id", "case_id"), links, schema="rebate")
    await AuditLog(session).append(
        *(
            Step(
                "case.matched",
                actor,
                {
                    "run_id": str(run_id) if run_id else None,
                    "policy_id": str(policy.id),
                    "policy_version": policy.version,
                    "org_id": str(match.affiliated_org_id),
                    "fee_record_ids": [str(r) for r in candidate.record_ids],
                    "collected": str(candidate.collected),
                    "refund": str(refund_of(candidate.collected, policy.refund_ratio)),
                },
                case_id,
            )
            for case_id, (candidate, match) in zip(case_ids, eligible, strict=True)
            if case_id in ours
        )
    )
    return len(ours), len(queued)
