from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rejection import Rejection


T = TypeVar("T", bound="DeliveryResult")


@_attrs_define
class DeliveryResult:
    """
    Attributes:
        accepted (int):
        duplicates (int):
        rejected (list[Rejection]):
        probable_duplicates (list[str] | Unset): record ids stored but held in the queue: the same payment as another
            record
        duplicate (bool | Unset): true: this delivery was received before; its first answer Default: False.
    """

    accepted: int
    duplicates: int
    rejected: list[Rejection]
    probable_duplicates: list[str] | Unset = UNSET
    duplicate: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        duplicates = self.duplicates

        rejected = []
        for rejected_item_data in self.rejected:
            rejected_item = rejected_item_data.to_dict()
            rejected.append(rejected_item)

        probable_duplicates: list[str] | Unset = UNSET
        if not isinstance(self.probable_duplicates, Unset):
            probable_duplicates = self.probable_duplicates

        duplicate = self.duplicate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "duplicates": duplicates,
                "rejected": rejected,
            }
        )
        if probable_duplicates is not UNSET:
            field_dict["probable_duplicates"] = probable_duplicates
        if duplicate is not UNSET:
            field_dict["duplicate"] = duplicate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rejection import Rejection  # noqa: PLC0415

        d = dict(src_dict)
        accepted = d.pop("accepted")

        duplicates = d.pop("duplicates")

        rejected = []
        _rejected = d.pop("rejected")
        for rejected_item_data in _rejected:
            rejected_item = Rejection.from_dict(rejected_item_data)

            rejected.append(rejected_item)

        probable_duplicates = cast(list[str], d.pop("probable_duplicates", UNSET))

        duplicate = d.pop("duplicate", UNSET)

        delivery_result = cls(
            accepted=accepted,
            duplicates=duplicates,
            rejected=rejected,
            probable_duplicates=probable_duplicates,
            duplicate=duplicate,
        )

        delivery_result.additional_properties = d
        return delivery_result

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
