import re
import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from servicekit.auth import Role
from servicekit.schemas import ApiModel

USERNAME_PATTERN = r"^[A-Za-z0-9._@-]{3,64}$"
# Members sign in with these; a staff name of the same shape would take a member's place.
MEMBER_LOGIN_SHAPES = re.compile(r"^(GH\d{10}|\d{11}|\d{17}[\dX]|\d{15})$", re.IGNORECASE)


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

    @field_validator("username")
    @classmethod
    def _not_a_member_login(cls, value: str) -> str:
        if MEMBER_LOGIN_SHAPES.match(value):
            raise ValueError("membership, ID and phone numbers are members' sign-in names")
        return value


class CodeRequest(ApiModel):
    """ID number and the phone number on record; both travel in the body, never a URL."""

    id_number: str = Field(min_length=15, max_length=20)
    phone: str = Field(min_length=11, max_length=20, examples=["13812345678"])


class CodeRequested(BaseModel):
    detail: str = Field(
        default="If the ID number and phone match a member's record, a code was sent by SMS",
        examples=["If the ID number and phone match a member's record, a code was sent by SMS"],
    )


class PasswordSet(ApiModel):
    id_number: str = Field(min_length=15, max_length=20)
    code: str = Field(min_length=6, max_length=6, pattern=r"^\d{6}$")
    password: str = Field(min_length=12, max_length=256)


class PasswordSetRead(BaseModel):
    username: str = Field(
        description="Sign in with it, or with the ID or phone number", examples=["gh0000000042"]
    )


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
    permissions: list[Literal["grant_honours"]] = Field(
        default=[], description="What the client may do beyond reading: `grant_honours`"
    )


class ServiceClientRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: str
    name: str
    roles: list[str]
    permissions: list[str]
    is_active: bool
    created_at: datetime


class ServiceClientCreated(ServiceClientRead):
    client_secret: str = Field(description="Shown once; store it now")


class AccountLookupRead(BaseModel):
    """An account as another service needs it (a judge chosen by username)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The `sub` of the account's tokens")
    username: str
    display_name: str
    permissions: list[str]
    org_id: uuid.UUID | None = Field(description="The account's scope organisation (the first)")
    org_ids: list[uuid.UUID] = Field(
        description="Every organisation of the account's scope, the first being `org_id`"
    )
    is_active: bool
