"""Tax partners are registered for regions: a record of another region is refused.

Existing tax partners are given the provinces (two-digit prefixes) of the records they have
already sent; one that has sent none is registered for no region until an admin sets its
regions, and its deliveries are refused with that reason meanwhile.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 08:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "partner",
        sa.Column(
            "region_prefixes",
            postgresql.ARRAY(sa.String(length=6)),
            nullable=False,
            server_default="{}",
        ),
        schema="rebate",
    )
    op.execute(
        """
        UPDATE rebate.partner p
        SET region_prefixes = sent.provinces
        FROM (
            SELECT partner_id, array_agg(DISTINCT left(region_code, 2) ORDER BY
                   left(region_code, 2)) AS provinces
            FROM rebate.fee_record
            GROUP BY partner_id
        ) sent
        WHERE sent.partner_id = p.id AND p.kind = 'tax'
        """
    )


def downgrade() -> None:
    op.drop_column("partner", "region_prefixes", schema="rebate")
