"""Who may see and act on which organisation: deny by default, sub-tree scoped.

An object outside the caller's sub-tree answers 404, as if it did not exist, so ids of
other counties cannot be probed; an action the caller's role lacks answers 403.
"""

import enum
import uuid

from membership.orgs.errors import OrgNotFoundError
from membership.orgs.models import Org
from membership.orgs.repository import OrgRepository
from servicekit.auth import Principal, Role
from servicekit.errors import ForbiddenError


class Permission(enum.StrEnum):
    MANAGE_ORGS = "manage_orgs"
    MANAGE_ENTERPRISES = "manage_enterprises"
    MANAGE_MEMBERS = "manage_members"
    REVIEW_JOINS = "review_joins"
    GRANT_HONOURS = "grant_honours"


def path_within(path: str, ancestor: str) -> bool:
    return path == ancestor or path.startswith(ancestor + ".")


class Access:
    def __init__(self, principal: Principal, orgs: OrgRepository) -> None:
        self.principal = principal
        self.orgs = orgs
        self._scope_paths: list[str] | None = None

    @property
    def unrestricted(self) -> bool:
        """Admins see everything; other services read with a service token."""
        return self.principal.has_role(Role.ADMIN, Role.SERVICE)

    @property
    def actor(self) -> str:
        return self.principal.subject

    def scope_ids(self) -> list[uuid.UUID]:
        """The organisations of a cadre's scope (none for other roles)."""
        ids = []
        if self.principal.has_role(Role.CADRE):
            for raw in self.principal.org_scope:
                try:
                    ids.append(uuid.UUID(raw))
                except ValueError:
                    continue
        return ids

    async def scope_paths(self) -> list[str]:
        if self._scope_paths is None:
            ids = self.scope_ids()
            self._scope_paths = await self.orgs.paths_of(ids) if ids else []
        return self._scope_paths

    async def covers(self, path: str) -> bool:
        if self.unrestricted:
            return True
        return any(path_within(path, scope) for scope in await self.scope_paths())

    async def visible_org(self, org_id: uuid.UUID) -> Org:
        org = await self.orgs.get(org_id)
        if org is None or not await self.covers(org.path):
            raise OrgNotFoundError()
        return org

    def require(self, permission: Permission) -> None:
        if self.principal.is_admin:
            return
        # A cadre's office, or a service client registered with the permission by name.
        if (
            self.principal.has_role(Role.CADRE, Role.SERVICE)
            and permission in self.principal.permissions
        ):
            return
        raise ForbiddenError(f"This needs the {permission.value} permission")

    async def org_for(self, org_id: uuid.UUID, permission: Permission) -> Org:
        """The org if visible (else 404) and the caller holds `permission` (else 403)."""
        org = await self.visible_org(org_id)
        self.require(permission)
        return org
