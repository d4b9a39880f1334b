from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.member_summary import MemberSummary


T = TypeVar("T", bound="MemberBatchResult")


@_attrs_define
class MemberBatchResult:
    """
    Attributes:
        found (list[MemberSummary]):
        missing (list[str]):
    """

    found: list[MemberSummary]
    missing: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        found = []
        for found_item_data in self.found:
            found_item = found_item_data.to_dict()
            found.append(found_item)

        missing = self.missing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "found": found,
                "missing": missing,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.member_summary import MemberSummary  # noqa: PLC0415

        d = dict(src_dict)
        found = []
        _found = d.pop("found")
        for found_item_data in _found:
            found_item = MemberSummary.from_dict(found_item_data)

            found.append(found_item)

        missing = cast(list[str], d.pop("missing"))

        member_batch_result = cls(
            found=found,
            missing=missing,
        )

        member_batch_result.additional_properties = d
        return member_batch_result

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
