"""one run in flight per policy key, period and overlapping region, whoever writes the row

The unique index `uq_rebate_run_in_flight` holds one run in flight per policy *version*,
period and region prefix: a new version of the policy, or a region inside a running one's
("3501" while "35" runs), let a second run start over the same enterprises. A trigger now
refuses a queued or running run when another one of the same policy key (any version) and
period is in flight with a region prefix that starts the other's, whoever writes it. It takes
the transaction-scoped advisory lock the service takes before it looks (rebate.runs.repository
`lock_scope`, the same key text), so two writers at once are serialised and the second sees
the first's committed run. The error is a unique violation, as the index's was.

Two such runs already in flight would each be refused when a worker claims it: the upgrade
refuses to start over them, naming them, until one has finished (or is marked failed).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 09:30:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONE_IN_FLIGHT = """
CREATE FUNCTION rebate.rebate_run_one_in_flight() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    key varchar;
    other uuid;
BEGIN
    SELECT policy_key INTO key FROM rebate.policy WHERE id = NEW.policy_id;
    PERFORM pg_advisory_xact_lock(hashtext('rebate-run:' || key || ':' || NEW.period));
    -- A statement of its own, so a fresh snapshot: it sees a run committed while we waited.
    SELECT r.id INTO other
    FROM rebate.rebate_run r JOIN rebate.policy p ON p.id = r.policy_id
    WHERE p.policy_key = key AND r.period = NEW.period AND r.id <> NEW.id
      AND r.status IN ('queued', 'running')
      AND (starts_with(r.region_prefix, NEW.region_prefix)
           OR starts_with(NEW.region_prefix, r.region_prefix))
    LIMIT 1;
    IF other IS NOT NULL THEN
        RAISE EXCEPTION 'run % of policy % for % is in flight over region %', other, key,
                NEW.period, NEW.region_prefix
            USING ERRCODE = 'unique_violation';
    END IF;
    RETURN NEW;
END
$$
"""


NONE_IN_FLIGHT_TOGETHER = """
DO $$
DECLARE
    clash text;
BEGIN
    SELECT a.id || ' and ' || b.id INTO clash
    FROM rebate.rebate_run a
    JOIN rebate.policy pa ON pa.id = a.policy_id
    JOIN rebate.rebate_run b ON b.period = a.period AND b.id > a.id
    JOIN rebate.policy pb ON pb.id = b.policy_id AND pb.policy_key = pa.policy_key
    WHERE a.status IN ('queued', 'running') AND b.status IN ('queued', 'running')
      AND (starts_with(a.region_prefix, b.region_prefix)
           OR starts_with(b.region_prefix, a.region_prefix))
    LIMIT 1;
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION 'runs % are both in flight over one policy, period and region: let '
                        'one finish, or mark it failed, before this upgrade', clash;
    END IF;
END
$$
"""


def upgrade() -> None:
    op.execute(NONE_IN_FLIGHT_TOGETHER)
    op.execute(ONE_IN_FLIGHT)
    # Migration 0009 took the right to add or drop triggers on runs from the service's role:
    # it is lent back for this one, and taken again.
    op.execute("GRANT TRIGGER ON rebate.rebate_run TO CURRENT_USER")
    op.execute(
        """
        CREATE TRIGGER rebate_run_one_in_flight
        BEFORE INSERT OR UPDATE OF status, period, region_prefix, policy_id
        ON rebate.rebate_run FOR EACH ROW
        WHEN (NEW.status IN ('queued', 'running'))
        EXECUTE FUNCTION rebate.rebate_run_one_in_flight()
        """
    )
    op.execute("REVOKE TRIGGER ON rebate.rebate_run FROM PUBLIC, CURRENT_USER")


def downgrade() -> None:
    op.execute("GRANT TRIGGER ON rebate.rebate_run TO CURRENT_USER")
    op.execute("DROP TRIGGER rebate_run_one_in_flight ON rebate.rebate_run")
    op.execute("REVOKE TRIGGER ON rebate.rebate_run FROM PUBLIC, CURRENT_USER")
    op.execute("DROP FUNCTION rebate.rebate_run_one_in_flight()")
