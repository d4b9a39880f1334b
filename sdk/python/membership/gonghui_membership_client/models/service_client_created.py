from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ServiceClientCreated")


@_attrs_define
class ServiceClientCreated:
    """
    Attributes:
        id (UUID):
        client_id (str):
        name (str):
        roles (list[str]):
        permissions (list[str]):
        is_active (bool):
        created_at (datetime.datetime):
        client_secret (str): Shown once; store it now
    """

    id: UUID
    client_id: str
    name: str
    roles: list[str]
    permissions: list[str]
    is_active: bool
    created_at: datetime.datetime
    client_secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        client_id = self.client_id

        name = self.name

        roles = self.roles

        permissions = self.permissions

        is_active = self.is_active

        created_at = self.created_at.isoformat()

        client_secret = self.client_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "client_id": client_id,
                "name": name,
                "roles": roles,
                "permissions": permissions,
                "is_active": is_active,
                "created_at": created_at,
                "client_secret": client_secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        client_id = d.pop("client_id")

        name = d.pop("name")

        roles = cast(list[str], d.pop("roles"))

        permissions = cast(list[str], d.pop("permissions"))

        is_active = d.pop("is_active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        client_secret = d.pop("client_secret")

        service_client_created = cls(
            id=id,
            client_id=client_id,
            name=name,
            roles=roles,
            permissions=permissions,
            is_active=is_active,
            created_at=created_at,
            client_secret=client_secret,
        )

        service_client_created.additional_properties = d
        return service_client_created

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
