import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from servicekit.auth import Role
from servicekit.schemas import ApiModel

USERNAME_PATTERN = r"^[A-Za-z0-9._@-]{3,64}$"


class TokenRead(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the token expires")


# The permissions the suite's services read from a cadre's token: membership's own, rebate's
# review of rebates, competition's running and judging of contests.
GrantedPermission = Literal[
    "manage_orgs",
    "manage_enterprises",
    "manage_members",
    "review_joins",
    "grant_honours",
    "review_rebates",
    "run_competitions",
    "judge",
]
# Service and partner roles belong to service clients, which sign in with a secret.
AccountRole = Literal[Role.MEMBER, Role.CADRE, Role.ENTERPRISE, Role.ADMIN]
OrgId = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
    Field(json_schema_extra={"format": "uuid"}),
]


class AccountCreate(ApiModel):
    """One role per account; an organisation scope and permissions only for a cadre, an
    enterprise scope only, and always, for an enterprise."""

    username: str = Field(pattern=USERNAME_PATTERN, max_length=64)
    password: str = Field(min_length=12, max_length=256)
    display_name: str = Field(min_length=1, max_length=100)
    roles: list[AccountRole] = Field(min_length=1, max_length=1)
    org_scope: list[OrgId] = Field(default=[], max_length=50, description="Organisation ids")
    enterprise_scope: str | None = Field(default=None, min_length=18, max_length=18)
    permissions: list[GrantedPermission] = []

    @model_validator(mode="after")
    def _scopes_fit_the_role(self) -> Self:
        cadre, enterprise = Role.CADRE in self.roles, Role.ENTERPRISE in self.roles
        if (self.org_scope or self.permissions) and not cadre:
            raise ValueError("org_scope and permissions are for cadre accounts only")
        if (self.enterprise_scope is None) == enterprise:
            raise ValueError("enterprise_scope is required for, and only for, enterprise accounts")
        return self


class AccountRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    username: str
    display_name: str
    roles: list[str]
    org_scope: list[str]
    enterprise_scope: str | None
    permissions: list[str]
    is_active: bool
    created_at: datetime
    last_login_at: datetime | None


class ServiceClientCreate(ApiModel):
    client_id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{2,63}$", max_length=64)
    name: str = Field(min_length=1, max_length=100)
    roles: list[Literal[Role.SERVICE, Role.PARTNER]] = [Role.SERVICE]


class ServiceClientRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: str
    name: str
    roles: list[str]
    is_active: bool
    created_at: datetime


class ServiceClientCreated(ServiceClientRead):
    client_secret: str = Field(description="Shown once; store it now")
