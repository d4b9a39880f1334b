from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountRead")


@_attrs_define
class AccountRead:
    """
    Attributes:
        id (UUID):
        username (str):
        display_name (str):
        roles (list[str]):
        org_scope (list[str]):
        enterprise_scope (None | str):
        permissions (list[str]):
        is_active (bool):
        created_at (datetime.datetime):
        last_login_at (datetime.datetime | None):
    """

    id: UUID
    username: str
    display_name: str
    roles: list[str]
    org_scope: list[str]
    enterprise_scope: None | str
    permissions: list[str]
    is_active: bool
    created_at: datetime.datetime
    last_login_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        username = self.username

        display_name = self.display_name

        roles = self.roles

        org_scope = self.org_scope

        enterprise_scope: None | str
        enterprise_scope = self.enterprise_scope

        permissions = self.permissions

        is_active = self.is_active

        created_at = self.created_at.isoformat()

        last_login_at: None | str
        if isinstance(self.last_login_at, datetime.datetime):
            last_login_at = self.last_login_at.isoformat()
        else:
            last_login_at = self.last_login_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "username": username,
                "display_name": display_name,
                "roles": roles,
                "org_scope": org_scope,
                "enterprise_scope": enterprise_scope,
                "permissions": permissions,
                "is_active": is_active,
                "created_at": created_at,
                "last_login_at": last_login_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        username = d.pop("username")

        display_name = d.pop("display_name")

        roles = cast(list[str], d.pop("roles"))

        org_scope = cast(list[str], d.pop("org_scope"))

        def _parse_enterprise_scope(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        enterprise_scope = _parse_enterprise_scope(d.pop("enterprise_scope"))

        permissions = cast(list[str], d.pop("permissions"))

        is_active = d.pop("is_active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_last_login_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_login_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_login_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_login_at = _parse_last_login_at(d.pop("last_login_at"))

        account_read = cls(
            id=id,
            username=username,
            display_name=display_name,
            roles=roles,
            org_scope=org_scope,
            enterprise_scope=enterprise_scope,
            permissions=permissions,
            is_active=is_active,
            created_at=created_at,
            last_login_at=last_login_at,
        )

        account_read.additional_properties = d
        return account_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
