"""A partner by primary key, one statement on a pooled connection outside a transaction
(servicekit.reads): the ORM's statement building, identity map and loading cost more than
the read itself (bench/RESULTS.md "Cost per request")."""

import uuid

from rebate.partners.schemas import PartnerRead
from servicekit.reads import Reads

_PARTNER = """
SELECT id, name, kind, webhook_url, is_active, region_prefixes, created_at
FROM rebate.partner
WHERE id = $1
"""


class PartnerReads:
    def __init__(self, reads: Reads) -> None:
        self.reads = reads

    async def partner(self, partner_id: uuid.UUID) -> PartnerRead | None:
        async with self.reads() as connection:
            row = await connection.fetchrow(_PARTNER, partner_id)
        return None if row is None else PartnerRead.model_validate(dict(row))
