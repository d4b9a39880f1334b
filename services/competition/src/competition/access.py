"""Who may see and act on what: deny by default, decided on the organisation paths the token
carries (`org_scope_paths`) against the paths membership reported for the organisations
stored here.

A competition is run by cadres holding `run_competitions` whose sub-tree covers one of its
host or organising organisations; it is seen, besides, by cadres of the organisations below
a host (the delegations that enter it). Objects out of sight answer 404, actions the caller
may not take 403.
"""

import enum
import uuid
from collections.abc import Iterable

from servicekit.auth import Principal, Role
from servicekit.errors import ForbiddenError


class Permission(enum.StrEnum):
    RUN_COMPETITIONS = "run_competitions"
    JUDGE = "judge"


def path_within(path: str, ancestor: str) -> bool:
    return path == ancestor or path.startswith(ancestor + ".")


def related(path: str, other: str) -> bool:
    """One organisation is the other, or an ancestor of it."""
    return path_within(path, other) or path_within(other, path)


# Membership's organisation levels, from the top. An office acts at most at its own level.
ORG_LEVELS = ("national", "provincial", "city", "county", "street", "grassroots", "group")
# The organisation level a competition (and the honours it grants) stands at: a county
# federation hosts county and lower contests; an enterprise's union, enterprise ones.
_COMPETITION_AT = {
    "national": "national",
    "provincial": "provincial",
    "city": "city",
    "county": "county",
    "enterprise": "grassroots",
}


def level_within(competition_level: str, org_level: str) -> bool:
    """A competition of `competition_level` may be hosted by an organisation of `org_level`.
    An unknown organisation level authorises nothing."""
    if org_level not in ORG_LEVELS:
        return False
    return ORG_LEVELS.index(_COMPETITION_AT[competition_level]) >= ORG_LEVELS.index(org_level)


def ancestors_or_self(path: str) -> list[str]:
    labels = path.split(".")
    return [".".join(labels[:n]) for n in range(1, len(labels) + 1)]


class Access:
    def __init__(self, principal: Principal) -> None:
        self.principal = principal

    @property
    def actor(self) -> str:
        return self.principal.subject

    @property
    def unrestricted(self) -> bool:
        """Admins see everything; other services read with a service token."""
        return self.principal.has_role(Role.ADMIN, Role.SERVICE)

    @property
    def is_cadre(self) -> bool:
        return self.principal.has_role(Role.CADRE)

    @property
    def person_id(self) -> uuid.UUID | None:
        """The member's own person, for a member's token."""
        if not self.principal.has_role(Role.MEMBER):
            return None
        try:
            return uuid.UUID(str(self.principal.claims.get("person_id")))
        except ValueError:
            return None

    @property
    def scope_paths(self) -> tuple[str, ...]:
        return self.principal.org_scope_paths if self.is_cadre else ()

    def covers(self, path: str | None) -> bool:
        """The organisation at `path` lies in the caller's sub-tree."""
        if self.unrestricted:
            return True
        return path is not None and self.is_cadre and self.principal.covers_path(path)

    def has(self, permission: Permission) -> bool:
        return self.principal.is_admin or (
            self.is_cadre and permission in self.principal.permissions
        )

    def require(self, permission: Permission) -> None:
        if not self.has(permission):
            raise ForbiddenError(f"This needs the {permission.value} permission")

    def runs(self, org_paths: Iterable[str]) -> bool:
        """May run a competition hosted or organised by these organisations."""
        if self.principal.is_admin:
            return True
        return self.has(Permission.RUN_COMPETITIONS) and any(self.covers(p) for p in org_paths)

    def overlaps(self, org_paths: Iterable[str]) -> bool:
        """The caller's sub-tree contains, or lies below, one of these organisations."""
        if self.unrestricted:
            return True
        return any(
            path_within(scope, path) or path_within(path, scope)
            for path in org_paths
            for scope in self.scope_paths
        )
