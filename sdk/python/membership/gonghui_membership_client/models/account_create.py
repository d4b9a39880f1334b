from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.account_create_permissions_item import AccountCreatePermissionsItem
from ..models.account_create_roles_item import AccountCreateRolesItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="AccountCreate")


@_attrs_define
class AccountCreate:
    """One role per account; an organisation scope and permissions only for a cadre, an
    enterprise scope only, and always, for an enterprise.

        Attributes:
            username (str):
            password (str):
            display_name (str):
            roles (list[AccountCreateRolesItem]):
            org_scope (list[UUID] | Unset): Organisation ids
            enterprise_scope (None | str | Unset):
            permissions (list[AccountCreatePermissionsItem] | Unset):
    """

    username: str
    password: str
    display_name: str
    roles: list[AccountCreateRolesItem]
    org_scope: list[UUID] | Unset = UNSET
    enterprise_scope: None | str | Unset = UNSET
    permissions: list[AccountCreatePermissionsItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        password = self.password

        display_name = self.display_name

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        org_scope: list[str] | Unset = UNSET
        if not isinstance(self.org_scope, Unset):
            org_scope = []
            for org_scope_item_data in self.org_scope:
                org_scope_item = str(org_scope_item_data)
                org_scope.append(org_scope_item)

        enterprise_scope: None | str | Unset
        if isinstance(self.enterprise_scope, Unset):
            enterprise_scope = UNSET
        else:
            enterprise_scope = self.enterprise_scope

        permissions: list[str] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = []
            for permissions_item_data in self.permissions:
                permissions_item = permissions_item_data.value
                permissions.append(permissions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "username": username,
                "password": password,
                "display_name": display_name,
                "roles": roles,
            }
        )
        if org_scope is not UNSET:
            field_dict["org_scope"] = org_scope
        if enterprise_scope is not UNSET:
            field_dict["enterprise_scope"] = enterprise_scope
        if permissions is not UNSET:
            field_dict["permissions"] = permissions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("username")

        password = d.pop("password")

        display_name = d.pop("display_name")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = AccountCreateRolesItem(roles_item_data)

            roles.append(roles_item)

        _org_scope = d.pop("org_scope", UNSET)
        org_scope: list[UUID] | Unset = UNSET
        if _org_scope is not UNSET:
            org_scope = []
            for org_scope_item_data in _org_scope:
                org_scope_item = UUID(org_scope_item_data)

                org_scope.append(org_scope_item)

        def _parse_enterprise_scope(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        enterprise_scope = _parse_enterprise_scope(d.pop("enterprise_scope", UNSET))

        _permissions = d.pop("permissions", UNSET)
        permissions: list[AccountCreatePermissionsItem] | Unset = UNSET
        if _permissions is not UNSET:
            permissions = []
            for permissions_item_data in _permissions:
                permissions_item = AccountCreatePermissionsItem(permissions_item_data)

                permissions.append(permissions_item)

        account_create = cls(
            username=username,
            password=password,
            display_name=display_name,
            roles=roles,
            org_scope=org_scope,
            enterprise_scope=enterprise_scope,
            permissions=permissions,
        )

        return account_create
