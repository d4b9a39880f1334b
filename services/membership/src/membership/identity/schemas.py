import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from servicekit.auth import Role
from servicekit.schemas import ApiModel

USERNAME_PATTERN = r"^[A-Za-z0-9._@-]{3,64}$"


class TokenRead(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the token expires")


class AccountCreate(ApiModel):
    username: str = Field(pattern=USERNAME_PATTERN)
    password: str = Field(min_length=12, max_length=256)
    display_name: str = Field(min_length=1, max_length=100)
    roles: list[Role] = Field(min_length=1)
    org_scope: list[str] = []
    enterprise_scope: str | None = Field(default=None, min_length=18, max_length=18)
    permissions: list[str] = []


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
    client_id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{2,63}$")
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
