from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bulk_review_result_refused_item import BulkReviewResultRefusedItem


T = TypeVar("T", bound="BulkReviewResult")


@_attrs_define
class BulkReviewResult:
    """
    Attributes:
        decided (list[UUID]):
        refused (list[BulkReviewResultRefusedItem]): case_id and the reason it was not decided
    """

    decided: list[UUID]
    refused: list[BulkReviewResultRefusedItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        decided = []
        for decided_item_data in self.decided:
            decided_item = str(decided_item_data)
            decided.append(decided_item)

        refused = []
        for refused_item_data in self.refused:
            refused_item = refused_item_data.to_dict()
            refused.append(refused_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decided": decided,
                "refused": refused,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_review_result_refused_item import BulkReviewResultRefusedItem  # noqa: PLC0415

        d = dict(src_dict)
        decided = []
        _decided = d.pop("decided")
        for decided_item_data in _decided:
            decided_item = UUID(decided_item_data)

            decided.append(decided_item)

        refused = []
        _refused = d.pop("refused")
        for refused_item_data in _refused:
            refused_item = BulkReviewResultRefusedItem.from_dict(refused_item_data)

            refused.append(refused_item)

        bulk_review_result = cls(
            decided=decided,
            refused=refused,
        )

        bulk_review_result.additional_properties = d
        return bulk_review_result

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
