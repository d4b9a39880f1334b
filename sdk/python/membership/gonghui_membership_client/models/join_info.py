from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="JoinInfo")


@_attrs_define
class JoinInfo:
    """What the join page shows before the worker fills in the form.

    Attributes:
        org_name (str):
        region_code (str):
        auto_approve (bool):
        expires_at (datetime.datetime):
    """

    org_name: str
    region_code: str
    auto_approve: bool
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        org_name = self.org_name

        region_code = self.region_code

        auto_approve = self.auto_approve

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org_name": org_name,
                "region_code": region_code,
                "auto_approve": auto_approve,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        org_name = d.pop("org_name")

        region_code = d.pop("region_code")

        auto_approve = d.pop("auto_approve")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        join_info = cls(
            org_name=org_name,
            region_code=region_code,
            auto_approve=auto_approve,
            expires_at=expires_at,
        )

        join_info.additional_properties = d
        return join_info

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
