from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountLookupRead")


@_attrs_define
class AccountLookupRead:
    """An account as another service needs it (a judge chosen by username).

    Attributes:
        id (UUID): The `sub` of the account's tokens
        username (str):
        display_name (str):
        permissions (list[str]):
        org_id (None | UUID): The account's scope organisation (the first)
        org_ids (list[UUID]): Every organisation of the account's scope, the first being `org_id`
        is_active (bool):
    """

    id: UUID
    username: str
    display_name: str
    permissions: list[str]
    org_id: None | UUID
    org_ids: list[UUID]
    is_active: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        username = self.username

        display_name = self.display_name

        permissions = self.permissions

        org_id: None | str
        if isinstance(self.org_id, UUID):
            org_id = str(self.org_id)
        else:
            org_id = self.org_id

        org_ids = []
        for org_ids_item_data in self.org_ids:
            org_ids_item = str(org_ids_item_data)
            org_ids.append(org_ids_item)

        is_active = self.is_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "username": username,
                "display_name": display_name,
                "permissions": permissions,
                "org_id": org_id,
                "org_ids": org_ids,
                "is_active": is_active,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        username = d.pop("username")

        display_name = d.pop("display_name")

        permissions = cast(list[str], d.pop("permissions"))

        def _parse_org_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                org_id_type_0 = UUID(data)

                return org_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        org_id = _parse_org_id(d.pop("org_id"))

        org_ids = []
        _org_ids = d.pop("org_ids")
        for org_ids_item_data in _org_ids:
            org_ids_item = UUID(org_ids_item_data)

            org_ids.append(org_ids_item)

        is_active = d.pop("is_active")

        account_lookup_read = cls(
            id=id,
            username=username,
            display_name=display_name,
            permissions=permissions,
            org_id=org_id,
            org_ids=org_ids,
            is_active=is_active,
        )

        account_lookup_read.additional_properties = d
        return account_lookup_read

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
