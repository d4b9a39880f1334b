from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.service_client_create_roles_item import ServiceClientCreateRolesItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceClientCreate")


@_attrs_define
class ServiceClientCreate:
    """
    Attributes:
        client_id (str):
        name (str):
        roles (list[ServiceClientCreateRolesItem] | Unset):
        permissions (list[Literal['grant_honours']] | Unset): What the client may do beyond reading: `grant_honours`
    """

    client_id: str
    name: str
    roles: list[ServiceClientCreateRolesItem] | Unset = UNSET
    permissions: list[Literal["grant_honours"]] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        name = self.name

        roles: list[str] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = []
            for roles_item_data in self.roles:
                roles_item = roles_item_data.value
                roles.append(roles_item)

        permissions: list[Literal["grant_honours"]] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = self.permissions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "name": name,
            }
        )
        if roles is not UNSET:
            field_dict["roles"] = roles
        if permissions is not UNSET:
            field_dict["permissions"] = permissions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        name = d.pop("name")

        _roles = d.pop("roles", UNSET)
        roles: list[ServiceClientCreateRolesItem] | Unset = UNSET
        if _roles is not UNSET:
            roles = []
            for roles_item_data in _roles:
                roles_item = ServiceClientCreateRolesItem(roles_item_data)

                roles.append(roles_item)

        _permissions = d.pop("permissions", UNSET)
        permissions: list[Literal["grant_honours"]] | Unset = UNSET
        if _permissions is not UNSET:
            permissions = []
            for permissions_item_data in _permissions:
                permissions_item = cast(Literal["grant_honours"], permissions_item_data)
                if permissions_item != "grant_honours":
                    raise ValueError(f"permissions_item must match const 'grant_honours', got '{permissions_item}'")
                permissions.append(permissions_item)

        service_client_create = cls(
            client_id=client_id,
            name=name,
            roles=roles,
            permissions=permissions,
        )

        return service_client_create
