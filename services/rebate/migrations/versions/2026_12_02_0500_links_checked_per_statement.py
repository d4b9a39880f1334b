"""references of the run's bulk rows checked per statement; what they refer to is kept

A run writes a case per enterprise, a link per fee record it refunds and a queue entry per
record it cannot. As foreign keys, every row paid checks of its own: a query and a
`FOR KEY SHARE` lock on the referenced row, which rewrites a fee record's tuple header, and
which all of a run's rows take on the same run and policy rows, one new multixact after the
other. Together about half of PostgreSQL's work in a run.

The same guarantee, and more, per statement: after every INSERT or UPDATE of cases, links or
queue entries, one query over the statement's new rows (a transition table) finds any whose
fee record, case, run or policy does not exist, or whose fee record belongs to another
enterprise or period than its case or queue entry, and refuses the whole statement. What the
foreign keys' locks protected against, a referenced row going away, cannot happen: fee
records, cases, runs and policies are never deleted (a trigger refuses DELETE and TRUNCATE,
whoever asks), nor do they change the keys the references rest on. Links themselves become
append-only: one removed would free its record to be refunded a second time.

The agreement of credit code and period is new and is what lets a run skip the per-record
look-ups for an enterprise that has no case and no queue entry in the period.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 05:00:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "rebate"
# (table, constraint, column, referenced table): the foreign keys this replaces.
DROPPED_KEYS = (
    ("case_fee", "fk_case_fee_fee_record_id_fee_record", "fee_record_id", "fee_record"),
    ("case_fee", "fk_case_fee_case_id_rebate_case", "case_id", "rebate_case"),
    (
        "rebate_exception",
        "fk_rebate_exception_fee_record_id_fee_record",
        "fee_record_id",
        "fee_record",
    ),
    ("rebate_exception", "fk_rebate_exception_run_id_rebate_run", "run_id", "rebate_run"),
    ("rebate_case", "fk_rebate_case_run_id_rebate_run", "run_id", "rebate_run"),
    ("rebate_case", "fk_rebate_case_policy_id_policy", "policy_id", "policy"),
)
# References with few distinct values per statement (one run, one policy): checked once each.
FEW = (
    ("rebate_exception", "run_id", "rebate_run"),
    ("rebate_case", "run_id", "rebate_run"),
    ("rebate_case", "policy_id", "policy"),
)
# (table, the columns references rest on): never deleted, those columns never changed.
KEPT = (
    ("fee_record", ("id", "uscc", "period")),
    ("rebate_case", ("id", "uscc", "period")),
    ("rebate_run", ("id",)),
    ("policy", ("id",)),
)

CHECK_FEW = """
CREATE FUNCTION rebate.check_reference() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing uuid;
BEGIN
    -- TG_ARGV: the referencing column, the referenced table (whose key is `id`).
    EXECUTE format(
        'SELECT v FROM (SELECT DISTINCT %1$I AS v FROM added) AS a'
        ' WHERE v IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rebate.%2$I p WHERE p.id = v)'
        ' LIMIT 1', TG_ARGV[0], TG_ARGV[1]) INTO missing;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION '%.% names % %, which does not exist', TG_TABLE_NAME, TG_ARGV[0],
                TG_ARGV[1], missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$
"""
# Per case, not per link: the statement's links grouped by case must all be among the records
# of the case's own enterprise and period, read through their (period, credit code) index: a
# run links ten records a case, and a probe per link cost as much as the link itself. Scalar
# subqueries, which the planner cannot turn into joins: a join planned from statistics older
# than the run could scan the whole of fee_record for every chunk.
CHECK_LINKS = """
CREATE FUNCTION rebate.check_case_links() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad uuid;
BEGIN
    SELECT a.case_id INTO bad
    FROM (SELECT case_id, array_agg(fee_record_id) AS ids FROM added GROUP BY case_id) AS a
    WHERE NOT coalesce(a.ids <@ ARRAY(
        SELECT f.id FROM rebate.rebate_case c
        JOIN rebate.fee_record f ON f.period = c.period AND f.uscc = c.uscc
        WHERE c.id = a.case_id), false)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'case % cannot take the fee records linked to it', bad
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = 'The case and its records must exist, of one enterprise and period.';
    END IF;
    RETURN NULL;
END
$$
"""
# Per enterprise and period, as the links are.
CHECK_QUEUE = """
CREATE FUNCTION rebate.check_queued_records() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad varchar;
BEGIN
    SELECT a.uscc INTO bad
    FROM (SELECT uscc, period, array_agg(fee_record_id) AS ids FROM added
          WHERE fee_record_id IS NOT NULL GROUP BY uscc, period) AS a
    WHERE NOT coalesce(a.ids <@ ARRAY(
        SELECT f.id FROM rebate.fee_record f WHERE f.period = a.period AND f.uscc = a.uscc),
        false)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'queue entries for % name fee records of no such enterprise and period',
                bad
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$
"""
REFUSE_REMOVAL = """
CREATE FUNCTION rebate.refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on %.% refused: other rows refer to its rows',
        TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""
REFUSE_REKEY = """
CREATE FUNCTION rebate.refuse_rekey() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'changing the keys of %.% refused: other rows refer to them', TG_TABLE_SCHEMA,
        TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$
"""
# (table, trigger name, function, events) of the statement checks, one trigger per event (a
# trigger with transition tables may have only one). Links are only ever inserted: a link
# removed would free its record to be refunded again, so UPDATE, DELETE and TRUNCATE of them
# are refused outright, as on the ledger (migration 0005's `refuse_change`).
CHECKS = [
    ("case_fee", "case_fee_links_checked", "rebate.check_case_links()", ("insert",)),
    (
        "rebate_exception",
        "queued_records_checked",
        "rebate.check_queued_records()",
        ("insert", "update"),
    ),
] + [
    (
        table,
        f"{table}_{column}_checked",
        f"rebate.check_reference('{column}', '{parent}')",
        ("insert", "update"),
    )
    for table, column, parent in FEW
]


def _checks() -> list[tuple[str, str, str]]:
    """(table, trigger, its CREATE TRIGGER clause) for every check and event."""
    return [
        (
            table,
            f"{name}_on_{event}",
            f"AFTER {event} ON rebate.{table} REFERENCING NEW TABLE AS added"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {function}",
        )
        for table, name, function, events in CHECKS
        for event in events
    ]


# The rule the triggers hold from now on, checked once over the rows already there: a run's
# shortcut (runs/executor.py, `locked_afresh`) relies on it for every row, old ones included.
CHECK_EXISTING = """
DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM rebate.case_fee l
        WHERE NOT coalesce(
            (SELECT (f.uscc, f.period) FROM rebate.fee_record f WHERE f.id = l.fee_record_id)
            = (SELECT (c.uscc, c.period) FROM rebate.rebate_case c WHERE c.id = l.case_id),
            false))
    OR EXISTS (
        SELECT 1 FROM rebate.rebate_exception e
        WHERE e.fee_record_id IS NOT NULL
          AND (SELECT true FROM rebate.fee_record f
               WHERE f.id = e.fee_record_id AND f.uscc = e.uscc AND f.period = e.period) IS NULL)
    THEN
        RAISE EXCEPTION 'links or queue entries join fee records of another enterprise or period'
            USING HINT = 'Correct those rows, then run this migration again.';
    END IF;
END
$$
"""


def upgrade() -> None:
    op.execute(CHECK_EXISTING)
    for table, name, _, _ in DROPPED_KEYS:
        op.drop_constraint(op.f(name), table, type_="foreignkey", schema=S)
    op.create_index(
        op.f("ix_rebate_exception_uscc_period"),
        "rebate_exception",
        ["uscc", "period"],
        unique=False,
        schema=S,
    )
    for function in (CHECK_FEW, CHECK_LINKS, CHECK_QUEUE, REFUSE_REMOVAL, REFUSE_REKEY):
        op.execute(function)
    for _, trigger, clause in _checks():
        op.execute(f"CREATE TRIGGER {trigger} {clause}")
    op.execute(
        "CREATE TRIGGER case_fee_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON rebate.case_fee"
        " FOR EACH STATEMENT EXECUTE FUNCTION rebate.refuse_change()"
    )
    op.execute(
        "REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER ON rebate.case_fee FROM PUBLIC, CURRENT_USER"
    )
    for table, keys in KEPT:
        old, new = ", ".join(f"OLD.{k}" for k in keys), ", ".join(f"NEW.{k}" for k in keys)
        op.execute(
            f"CREATE TRIGGER {table}_kept BEFORE DELETE OR TRUNCATE ON rebate.{table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION rebate.refuse_removal()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_keys_kept BEFORE UPDATE OF {', '.join(keys)} ON rebate.{table}"
            f" FOR EACH ROW WHEN (ROW({old}) IS DISTINCT FROM ROW({new}))"
            " EXECUTE FUNCTION rebate.refuse_rekey()"
        )
        # After the triggers: the rights to undo them go with these.
        op.execute(f"REVOKE DELETE, TRUNCATE, TRIGGER ON rebate.{table} FROM PUBLIC, CURRENT_USER")


def downgrade() -> None:
    for table, _ in KEPT:
        op.execute(f"GRANT DELETE, TRUNCATE, TRIGGER ON rebate.{table} TO CURRENT_USER")
        op.execute(f"DROP TRIGGER {table}_keys_kept ON rebate.{table}")
        op.execute(f"DROP TRIGGER {table}_kept ON rebate.{table}")
    op.execute("GRANT UPDATE, DELETE, TRUNCATE, TRIGGER ON rebate.case_fee TO CURRENT_USER")
    op.execute("DROP TRIGGER case_fee_append_only ON rebate.case_fee")
    for table, trigger, _ in _checks():
        op.execute(f"DROP TRIGGER {trigger} ON rebate.{table}")
    for function in (
        "refuse_rekey",
        "refuse_removal",
        "check_queued_records",
        "check_case_links",
        "check_reference",
    ):
        op.execute(f"DROP FUNCTION rebate.{function}()")
    op.drop_index(op.f("ix_rebate_exception_uscc_period"), table_name="rebate_exception", schema=S)
    for table, name, column, parent in DROPPED_KEYS:
        op.create_foreign_key(
            op.f(name), table, parent, [column], ["id"], source_schema=S, referent_schema=S
        )
