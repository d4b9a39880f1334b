"""Lookup by resident ID number in one statement on a pooled connection, outside a
transaction (servicekit.reads): person ⋈ member ⋈ organisation by blind index, and whether
the caller may see the result. The hottest read of the service: counter staff look members
up all day, and a session would add BEGIN, COMMIT and a statement for the caller's scope."""

import uuid
from collections.abc import Sequence

from membership.access import Access
from membership.members.errors import MemberNotFoundError
from membership.members.schemas import MemberRead
from membership.people.schemas import PersonRead
from membership.people.service import id_number_index
from servicekit.pii import PiiCipher
from servicekit.reads import Reads

# Visible to the member themself, to admins and services, and to a cadre whose scope holds
# the member's organisation. The scope's paths are read here, not taken from the token: a
# move since the token was issued must count (membership's access rule, membership.access).
_LOOKUP = """
SELECT m.id, m.membership_no, m.card_no, m.state, m.org_id, m.channel, m.joined_on,
       o.name AS org_name,
       p.id AS person_id, p.name, p.id_number_masked, p.phone_masked, p.employment_form,
       $2::boolean OR p.id::text = $3 OR EXISTS (
           SELECT 1 FROM membership.org s WHERE s.id = ANY($4::uuid[]) AND o.path <@ s.path
       ) AS visible
FROM membership.person p
JOIN membership.member m ON m.person_id = p.id
JOIN membership.org o ON o.id = m.org_id
WHERE p.id_number_index = $1
"""


class MemberLookup:
    def __init__(self, reads: Reads) -> None:
        self.reads = reads

    async def visible_member(
        self,
        id_number_index: bytes,
        unrestricted: bool,
        own_person_id: str,
        scope_ids: Sequence[uuid.UUID],
    ) -> MemberRead | None:
        """None when nobody has this blind index or the caller may not see them."""
        async with self.reads() as connection:
            row = await connection.fetchrow(
                _LOOKUP, id_number_index, unrestricted, own_person_id, list(scope_ids)
            )
        if row is None or not row["visible"]:
            return None
        return MemberRead(
            id=row["id"],
            membership_no=row["membership_no"],
            card_no=row["card_no"],
            state=row["state"],
            org_id=row["org_id"],
            org_name=row["org_name"],
            channel=row["channel"],
            joined_on=row["joined_on"],
            person=PersonRead(
                id=row["person_id"],
                name=row["name"],
                id_number_masked=row["id_number_masked"],
                phone_masked=row["phone_masked"],
                employment_form=row["employment_form"],
            ),
        )


class LookupService:
    def __init__(self, lookup: MemberLookup, pii: PiiCipher, access: Access) -> None:
        self.lookup = lookup
        self.pii = pii
        self.access = access

    async def by_id_number(self, raw_id_number: str) -> MemberRead:
        """The same visibility rule as reading a member: the member themself, or a caller
        whose sub-tree holds the member's organisation; anyone else gets 404."""
        member = await self.lookup.visible_member(
            id_number_index(raw_id_number, self.pii),
            self.access.unrestricted,
            str(self.access.principal.claims.get("person_id") or ""),
            self.access.scope_ids(),
        )
        if member is None:
            raise MemberNotFoundError("Nobody with this ID number is registered in your sub-tree")
        return member
