from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.lookup_miss_reason import LookupMissReason

T = TypeVar("T", bound="LookupMiss")


@_attrs_define
class LookupMiss:
    """
    Attributes:
        uscc (str): The code as it was sent
        reason (LookupMissReason): `not_found` also covers enterprises outside your sub-tree
    """

    uscc: str
    reason: LookupMissReason
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uscc = self.uscc

        reason = self.reason.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uscc": uscc,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        uscc = d.pop("uscc")

        reason = LookupMissReason(d.pop("reason"))

        lookup_miss = cls(
            uscc=uscc,
            reason=reason,
        )

        lookup_miss.additional_properties = d
        return lookup_miss

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
