"""subtree rollups

Sub-tree tallies and sub-tree monthly joins per organisation, filled from the existing rows;
the per-organisation member tally they replace is dropped (members are counted from `member`).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 19:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = (
    "organisations",
    "new_form_unions",
    "members",
    "new_form_members",
    "new_form_enterprises",
)

# Each org's own counts, then summed into the org and each of its ancestors (the labels of its
# path are their ids). An enterprise is counted at its anchor: the deepest new-form org among
# its union (or, without one, its federation) and that org's ancestors.
BACKFILL_TALLY = """
WITH own_members AS (
    SELECT m.org_id, count(*) AS members,
           count(*) FILTER (WHERE p.employment_form <> 'employee') AS new_form_members
    FROM membership.member m JOIN membership.person p ON p.id = m.person_id
    WHERE m.state IN ('active', 'transferring', 'suspended')
    GROUP BY m.org_id
), anchored AS (
    SELECT anchor.id AS org_id, count(*) AS enterprises
    FROM membership.enterprise e
    JOIN membership.org u ON u.id = coalesce(e.union_org_id, e.affiliated_org_id)
    CROSS JOIN LATERAL (
        SELECT a.id
        FROM unnest(string_to_array(CAST(u.path AS text), '.')::uuid[])
             WITH ORDINALITY AS up(id, depth)
        JOIN membership.org a ON a.id = up.id
        WHERE a.new_form
        ORDER BY up.depth DESC
        LIMIT 1
    ) anchor
    GROUP BY anchor.id
), own AS (
    SELECT o.id, o.path,
           CAST(o.status = 'active' AS integer) AS organisations,
           CAST(o.status = 'active' AND o.new_form AS integer) AS new_form_unions,
           coalesce(m.members, 0) AS members,
           coalesce(m.new_form_members, 0) AS new_form_members,
           coalesce(e.enterprises, 0) AS new_form_enterprises
    FROM membership.org o
    LEFT JOIN own_members m ON m.org_id = o.id
    LEFT JOIN anchored e ON e.org_id = o.id
)
INSERT INTO membership.org_subtree_tally
    (org_id, organisations, new_form_unions, members, new_form_members, new_form_enterprises)
SELECT ancestor_id, sum(organisations), sum(new_form_unions), sum(members),
       sum(new_form_members), sum(new_form_enterprises)
FROM own
CROSS JOIN LATERAL unnest(string_to_array(CAST(own.path AS text), '.')::uuid[]) AS ancestor_id
GROUP BY ancestor_id
"""

BACKFILL_JOINS = """
INSERT INTO membership.org_subtree_monthly_joins (org_id, month, joins)
SELECT ancestor_id, j.month, sum(j.joins)
FROM membership.org_monthly_joins j
JOIN membership.org o ON o.id = j.org_id
CROSS JOIN LATERAL unnest(string_to_array(CAST(o.path AS text), '.')::uuid[]) AS ancestor_id
GROUP BY ancestor_id, j.month
"""


def upgrade() -> None:
    op.create_table(
        "org_subtree_tally",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
        sa.ForeignKeyConstraint(
            ["org_id"], ["membership.org.id"], name=op.f("fk_org_subtree_tally_org_id_org")
        ),
        sa.PrimaryKeyConstraint("org_id", name=op.f("pk_org_subtree_tally")),
        schema="membership",
    )
    op.create_table(
        "org_subtree_monthly_joins",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("joins", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["membership.org.id"],
            name=op.f("fk_org_subtree_monthly_joins_org_id_org"),
        ),
        sa.PrimaryKeyConstraint("org_id", "month", name=op.f("pk_org_subtree_monthly_joins")),
        schema="membership",
    )
    op.execute(BACKFILL_TALLY)
    op.execute(BACKFILL_JOINS)
    op.drop_table("org_tally", schema="membership")


def downgrade() -> None:
    op.create_table(
        "org_tally",
        sa.Column("org_id", sa.Uuid(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("new_form_members", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"], ["membership.org.id"], name=op.f("fk_org_tally_org_id_org")
        ),
        sa.PrimaryKeyConstraint("org_id", name=op.f("pk_org_tally")),
        schema="membership",
    )
    op.execute(
        """
        INSERT INTO membership.org_tally (org_id, members, new_form_members)
        SELECT m.org_id, count(*), count(*) FILTER (WHERE p.employment_form <> 'employee')
        FROM membership.member m JOIN membership.person p ON p.id = m.person_id
        WHERE m.state IN ('active', 'transferring', 'suspended')
        GROUP BY m.org_id
        """
    )
    op.drop_table("org_subtree_monthly_joins", schema="membership")
    op.drop_table("org_subtree_tally", schema="membership")
