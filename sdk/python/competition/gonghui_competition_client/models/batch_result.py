from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.entry_read import EntryRead
    from ..models.refusal import Refusal


T = TypeVar("T", bound="BatchResult")


@_attrs_define
class BatchResult:
    """
    Attributes:
        entered (list[EntryRead]):
        refused (list[Refusal]):
    """

    entered: list[EntryRead]
    refused: list[Refusal]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entered = []
        for entered_item_data in self.entered:
            entered_item = entered_item_data.to_dict()
            entered.append(entered_item)

        refused = []
        for refused_item_data in self.refused:
            refused_item = refused_item_data.to_dict()
            refused.append(refused_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entered": entered,
                "refused": refused,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry_read import EntryRead  # noqa: PLC0415
        from ..models.refusal import Refusal  # noqa: PLC0415

        d = dict(src_dict)
        entered = []
        _entered = d.pop("entered")
        for entered_item_data in _entered:
            entered_item = EntryRead.from_dict(entered_item_data)

            entered.append(entered_item)

        refused = []
        _refused = d.pop("refused")
        for refused_item_data in _refused:
            refused_item = Refusal.from_dict(refused_item_data)

            refused.append(refused_item)

        batch_result = cls(
            entered=entered,
            refused=refused,
        )

        batch_result.additional_properties = d
        return batch_result

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
