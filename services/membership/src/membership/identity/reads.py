"""The signed-in account by primary key, one statement on a pooled connection outside a
transaction (servicekit.reads). Every client asks for it when it starts and often after;
through a session the ORM's statement building, identity map and loading cost more than
the read itself (bench/RESULTS.md "Cost per request")."""

import uuid

from membership.identity.schemas import AccountRead
from servicekit.reads import Reads

_ACCOUNT = """
SELECT id, username, display_name, roles, org_scope, enterprise_scope, permissions,
       is_active, created_at, last_login_at
FROM membership.account
WHERE id = $1
"""


class AccountReads:
    def __init__(self, reads: Reads) -> None:
        self.reads = reads

    async def account(self, account_id: uuid.UUID) -> AccountRead | None:
        async with self.reads() as connection:
            row = await connection.fetchrow(_ACCOUNT, account_id)
        return None if row is None else AccountRead.model_validate(dict(row))
