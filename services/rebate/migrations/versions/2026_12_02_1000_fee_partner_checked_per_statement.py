"""A fee record's partner checked once per statement, not once per row

As a foreign key, every stored fee record looked its partner up with `FOR KEY SHARE`: ten
thousand look-ups and locks of the same partner row for a delivery of ten thousand records
(pg_stat_statements over the rebate bench: the intake's COPY took 16 µs a row, a COPY into the
same table without the key 9 µs; PostgreSQL's CPU per ingested record fell from 20 to 16 µs
without it). The same
guarantee per statement, as migration 0009 gives the run's rows: after every INSERT or UPDATE
of fee records, each distinct partner they name must exist (`rebate.check_reference`, one look-up
a delivery). And since a record's partner must stay, partners are never deleted, nor their ids
changed (a trigger, superusers included, and the service's role without the rights to delete
or to add triggers, as for the tables of 0009; the role owns the schema, so it could grant them
back to itself, as it could drop a foreign key); a partner leaves by being deactivated.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 10:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "rebate"
FOREIGN_KEY = "fk_fee_record_partner_id_partner"
EVENTS = ("insert", "update")


def upgrade() -> None:
    op.drop_constraint(FOREIGN_KEY, "fee_record", type_="foreignkey", schema=S)
    # 0009 took the service's right to add triggers to fee_record: given back for these alone.
    op.execute("GRANT TRIGGER ON rebate.fee_record TO CURRENT_USER")
    for event in EVENTS:
        op.execute(
            f"CREATE TRIGGER fee_record_partner_id_checked_on_{event}"
            f" AFTER {event} ON rebate.fee_record REFERENCING NEW TABLE AS added"
            " FOR EACH STATEMENT EXECUTE FUNCTION rebate.check_reference('partner_id', 'partner')"
        )
    op.execute("REVOKE TRIGGER ON rebate.fee_record FROM PUBLIC, CURRENT_USER")
    op.execute(
        "CREATE TRIGGER partner_kept BEFORE DELETE OR TRUNCATE ON rebate.partner"
        " FOR EACH STATEMENT EXECUTE FUNCTION rebate.refuse_removal()"
    )
    op.execute(
        "CREATE TRIGGER partner_keys_kept BEFORE UPDATE OF id ON rebate.partner"
        " FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)"
        " EXECUTE FUNCTION rebate.refuse_rekey()"
    )
    op.execute("REVOKE DELETE, TRUNCATE, TRIGGER ON rebate.partner FROM PUBLIC, CURRENT_USER")


def downgrade() -> None:
    op.execute("GRANT DELETE, TRUNCATE, TRIGGER ON rebate.partner TO CURRENT_USER")
    op.execute("DROP TRIGGER partner_keys_kept ON rebate.partner")
    op.execute("DROP TRIGGER partner_kept ON rebate.partner")
    op.execute("GRANT TRIGGER ON rebate.fee_record TO CURRENT_USER")
    for event in EVENTS:
        op.execute(f"DROP TRIGGER fee_record_partner_id_checked_on_{event} ON rebate.fee_record")
    op.execute("REVOKE TRIGGER ON rebate.fee_record FROM PUBLIC, CURRENT_USER")
    op.create_foreign_key(
        FOREIGN_KEY,
        "fee_record",
        "partner",
        ["partner_id"],
        ["id"],
        source_schema=S,
        referent_schema=S,
    )
