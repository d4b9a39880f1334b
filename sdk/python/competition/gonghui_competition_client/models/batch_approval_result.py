from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BatchApprovalResult")


@_attrs_define
class BatchApprovalResult:
    """
    Attributes:
        approved (int):
        unchanged (list[UUID]): Not pending, or not of this competition
    """

    approved: int
    unchanged: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved = self.approved

        unchanged = []
        for unchanged_item_data in self.unchanged:
            unchanged_item = str(unchanged_item_data)
            unchanged.append(unchanged_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approved": approved,
                "unchanged": unchanged,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approved = d.pop("approved")

        unchanged = []
        _unchanged = d.pop("unchanged")
        for unchanged_item_data in _unchanged:
            unchanged_item = UUID(unchanged_item_data)

            unchanged.append(unchanged_item)

        batch_approval_result = cls(
            approved=approved,
            unchanged=unchanged,
        )

        batch_approval_result.additional_properties = d
        return batch_approval_result

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
