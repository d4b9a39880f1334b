from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.enterprise_lookup_item import EnterpriseLookupItem
    from ..models.lookup_miss import LookupMiss


T = TypeVar("T", bound="EnterpriseLookupResult")


@_attrs_define
class EnterpriseLookupResult:
    """
    Attributes:
        found (list[EnterpriseLookupItem]):
        missing (list[LookupMiss]):
    """

    found: list[EnterpriseLookupItem]
    missing: list[LookupMiss]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        found = []
        for found_item_data in self.found:
            found_item = found_item_data.to_dict()
            found.append(found_item)

        missing = []
        for missing_item_data in self.missing:
            missing_item = missing_item_data.to_dict()
            missing.append(missing_item)

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
        from ..models.enterprise_lookup_item import EnterpriseLookupItem  # noqa: PLC0415
        from ..models.lookup_miss import LookupMiss  # noqa: PLC0415

        d = dict(src_dict)
        found = []
        _found = d.pop("found")
        for found_item_data in _found:
            found_item = EnterpriseLookupItem.from_dict(found_item_data)

            found.append(found_item)

        missing = []
        _missing = d.pop("missing")
        for missing_item_data in _missing:
            missing_item = LookupMiss.from_dict(missing_item_data)

            missing.append(missing_item)

        enterprise_lookup_result = cls(
            found=found,
            missing=missing,
        )

        enterprise_lookup_result.additional_properties = d
        return enterprise_lookup_result

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
