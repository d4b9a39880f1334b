"""Who sees an enterprise: judged by the org it is affiliated to, like everything in the tree.

Admins and other services see all; a cadre sees the enterprises affiliated within its
sub-trees; an enterprise account sees itself. Everyone else gets 404, as if it did not exist.
"""

from dataclasses import dataclass

from membership.access import Access, path_within
from servicekit.auth import Role


@dataclass(frozen=True, slots=True)
class Visibility:
    unrestricted: bool
    scope_paths: tuple[str, ...]
    own_uscc: str | None

    @classmethod
    async def of(cls, access: Access) -> "Visibility":
        principal = access.principal
        own = principal.enterprise_scope if principal.has_role(Role.ENTERPRISE) else None
        if access.unrestricted:
            return cls(unrestricted=True, scope_paths=(), own_uscc=own)
        return cls(unrestricted=False, scope_paths=tuple(await access.scope_paths()), own_uscc=own)

    def sees(self, uscc: str, org_path: str) -> bool:
        if self.unrestricted or (self.own_uscc is not None and uscc == self.own_uscc):
            return True
        return any(path_within(org_path, scope) for scope in self.scope_paths)
